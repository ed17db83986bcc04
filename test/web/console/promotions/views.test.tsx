import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../../web/src/api/client';
import { PromotionForm } from '../../../../web/src/console/promotions/PromotionForm';
import { PromotionList } from '../../../../web/src/console/promotions/PromotionList';
import type { Promotion } from '../../../../web/src/console/promotions/promotionRules';
import { renderPage } from '../../render';

const window = { startsAt: '2025-06-18T00:00:00.000Z', endsAt: '2025-06-25T00:00:00.000Z' };
const promotions: Promotion[] = [
  {
    id: '1',
    label: '满300减50/满600减150',
    rule: { kind: 'spend-reduction', tiers: [{ threshold: 30000, off: 5000 }, { threshold: 60000, off: 15000 }] },
    scope: { kind: 'cart' },
    stackingGroup: null,
    exclusive: false,
    priority: 10,
    enabled: true,
    state: 'running',
    version: 1,
    ...window,
  },
  {
    id: '2',
    label: '会员日',
    rule: { kind: 'member-discount', payPermille: { gold: 950 } },
    scope: { kind: 'merchant', merchantId: 'm-2' },
    stackingGroup: 'member',
    exclusive: false,
    priority: 1,
    enabled: false,
    state: 'disabled',
    version: 2,
    ...window,
  },
  {
    id: '3',
    label: 'Old sale',
    rule: { kind: 'percent-off', payPermille: 900 },
    scope: { kind: 'category', categoryId: 'books' },
    stackingGroup: null,
    exclusive: true,
    priority: 0,
    enabled: true,
    state: 'ended',
    version: 1,
    ...window,
  },
];

const row = (id: string) => within(document.querySelector(`tr[data-promotion="${id}"]`) as HTMLElement);

describe('promotion list', () => {
  it('shows each promotion with its state, what it takes off, where, and how it stacks, in Chinese', () => {
    renderPage(<PromotionList promotions={promotions} onEnable={() => {}} />);
    const first = row('1');
    expect(first.getByText('进行中')).toBeTruthy();
    expect(first.getByText('满300减50')).toBeTruthy();
    expect(first.getByText('满600减150')).toBeTruthy();
    expect(first.getByText('跨店满减')).toBeTruthy();
    expect(first.getByText('可叠加')).toBeTruthy();
    expect(first.getByText('优先级 10')).toBeTruthy();
    const second = row('2');
    expect(second.getByText('已停用')).toBeTruthy();
    expect(second.getByText('黄金会员9.5折')).toBeTruthy();
    expect(second.getByText('店铺 m-2')).toBeTruthy();
    expect(second.getByText('互斥组 member')).toBeTruthy();
    expect(row('3').getByText('已结束')).toBeTruthy();
    expect(row('3').getByText('独享')).toBeTruthy();
    // An ended promotion has nothing left to switch.
    expect(row('3').queryByRole('button')).toBeNull();
  });

  it('disables a running promotion and enables a disabled one, in English', async () => {
    const onEnable = vi.fn();
    renderPage(<PromotionList promotions={promotions} onEnable={onEnable} />, { locale: 'en' });
    expect(row('1').getByText('Running')).toBeTruthy();
    expect(row('2').getByText('Gold: pay 95%')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Disable 满300减50/满600减150' }));
    expect(onEnable).toHaveBeenLastCalledWith(promotions[0], false);
    await userEvent.click(screen.getByRole('button', { name: 'Enable 会员日' }));
    expect(onEnable).toHaveBeenLastCalledWith(promotions[1], true);
  });

  it('says when there is nothing yet, and while loading', () => {
    const { unmount } = renderPage(<PromotionList promotions={[]} onEnable={() => {}} />);
    expect(screen.getByText('还没有促销，先建一个吧。')).toBeTruthy();
    unmount();
    renderPage(<PromotionList promotions={null} onEnable={() => {}} />, { locale: 'en' });
    expect(screen.getByText('Loading…')).toBeTruthy();
  });
});

describe('create-promotion form', () => {
  it('builds 满300减50/满600减150 from two tiers, refuses a tier that takes less, then sends cents', async () => {
    const create = vi.fn(() => Promise.resolve());
    renderPage(<PromotionForm onCreate={create} />);
    await userEvent.type(screen.getByLabelText(/促销名称/), '满300减50/满600减150');
    await userEvent.type(screen.getByLabelText(/第 1 档 满/), '300');
    await userEvent.type(screen.getByLabelText(/第 1 档 减/), '50');
    await userEvent.click(screen.getByRole('button', { name: '加一档' }));
    await userEvent.type(screen.getByLabelText(/第 2 档 满/), '600');
    await userEvent.type(screen.getByLabelText(/第 2 档 减/), '40');
    await userEvent.click(screen.getByRole('button', { name: '创建促销' }));
    expect(screen.getByText('更高一档必须减得更多')).toBeTruthy();
    expect(create).not.toHaveBeenCalled();
    await userEvent.clear(screen.getByLabelText(/第 2 档 减/));
    await userEvent.type(screen.getByLabelText(/第 2 档 减/), '150');
    await userEvent.click(screen.getByRole('button', { name: '创建促销' }));
    expect(create).toHaveBeenCalledWith(
      expect.objectContaining({
        label: '满300减50/满600减150',
        rule: { kind: 'spend-reduction', tiers: [{ threshold: 30000, off: 5000 }, { threshold: 60000, off: 15000 }] },
        scope: { kind: 'cart' },
      }),
    );
    expect((await screen.findByRole('status')).textContent).toBe('已创建「满300减50/满600减150」');
  });

  it('asks a member price per tier as 折, in English', async () => {
    const create = vi.fn(() => Promise.resolve());
    renderPage(<PromotionForm onCreate={create} />, { locale: 'en' });
    await userEvent.click(screen.getByRole('radio', { name: 'Member price (by tier)' }));
    expect(screen.queryByLabelText(/Tier 1: spend/)).toBeNull();
    await userEvent.type(screen.getByLabelText(/Promotion name/), 'Member day');
    await userEvent.click(screen.getByRole('button', { name: 'Create promotion' }));
    expect(screen.getByText('Give at least one member tier a rate')).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Gold'), '9.5');
    await userEvent.type(screen.getByLabelText('VIP'), '9');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Exclusive (applies alone)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Create promotion' }));
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ rule: { kind: 'member-discount', payPermille: { gold: 950, vip: 900 } }, exclusive: true }));
  });

  it('shows the server refusal readably', async () => {
    const refuse = () => Promise.reject(new ApiError(400, 'PROMOTION_INVALID', 'tier thresholds must ascend'));
    renderPage(<PromotionForm onCreate={refuse} />);
    await userEvent.type(screen.getByLabelText(/促销名称/), 'x');
    await userEvent.type(screen.getByLabelText(/第 1 档 满/), '300');
    await userEvent.type(screen.getByLabelText(/第 1 档 减/), '50');
    await userEvent.click(screen.getByRole('button', { name: '创建促销' }));
    expect((await screen.findByRole('alert')).textContent).toBe('促销设置有误：tier thresholds must ascend');
  });
});
