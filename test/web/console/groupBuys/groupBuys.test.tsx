import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { checkDeal, emptyDealForm } from '../../../../web/src/console/groupBuys/dealRules';
import { DealForm } from '../../../../web/src/console/groupBuys/DealForm';
import { DealsTable, GroupsTable } from '../../../../web/src/console/groupBuys/GroupBuysConsole';
import { deal, group } from '../../shop/groupBuys/fixtures';
import { renderPage } from '../../render';

const now = Date.parse('2026-11-11T02:00:00.000Z');

describe('the group-buy deal form', () => {
  it('checks every field before sending, in yuan, and sends cents', () => {
    const blank = emptyDealForm(now);
    const refused = checkDeal(blank);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors).toMatchObject({ title: 'required', merchant: 'required', originalPrice: 'required', groupPrice: 'required', stock: 'required' });
    const values = { ...blank, title: '苹果', merchant: '果园', originalPrice: '59.9', groupPrice: '29.90', stock: '100' };
    expect(checkDeal({ ...values, groupPrice: '59.90' })).toMatchObject({ ok: false, errors: { groupPrice: 'groupNotBelow' } });
    expect(checkDeal({ ...values, groupSize: '51' })).toMatchObject({ ok: false, errors: { groupSize: 'sizeRange' } });
    expect(checkDeal({ ...values, stock: '2' })).toMatchObject({ ok: false, errors: { stock: 'stockBelowGroup' } });
    expect(checkDeal({ ...values, endsAt: values.startsAt })).toMatchObject({ ok: false, errors: { endsAt: 'endBeforeStart' } });
    const ok = checkDeal({ ...values, rewardTemplateId: '4', rewardTop: '3' });
    expect(ok).toMatchObject({ ok: true, body: { originalPrice: 5_990, groupPrice: 2_990, groupSize: 3, hoursOpen: 24, stock: 100, perUserLimit: 1, reward: { templateId: '4', top: 3 } } });
    expect(checkDeal(values)).not.toHaveProperty('body.reward');
  });

  it('shows mistakes per field and sends nothing until they are fixed', async () => {
    const onCreate = vi.fn(async () => {});
    renderPage(<DealForm onCreate={onCreate} />);
    await userEvent.click(screen.getByRole('button', { name: '创建拼团' }));
    expect(onCreate).not.toHaveBeenCalled();
    expect(screen.getAllByText('必填').length).toBeGreaterThan(0);
    await userEvent.type(screen.getByRole('textbox', { name: '商品标题' }), '云南高山苹果');
    await userEvent.type(screen.getByRole('textbox', { name: '商家' }), '褚橙果园');
    await userEvent.type(screen.getByRole('textbox', { name: '原价（元）' }), '59.90');
    await userEvent.type(screen.getByRole('textbox', { name: '拼团价（元）' }), '29.90');
    await userEvent.type(screen.getByRole('textbox', { name: '活动库存（件）' }), '100');
    await userEvent.click(screen.getByRole('button', { name: '创建拼团' }));
    expect(onCreate).toHaveBeenCalledWith(expect.objectContaining({ title: '云南高山苹果', groupPrice: 2_990, groupSize: 3 }));
    expect(screen.getByRole('status').textContent).toBe('已创建「云南高山苹果」');
  });
});

describe('the console group-buy tables', () => {
  it('lists deals with their units left and state, linking to their groups', () => {
    renderPage(<DealsTable deals={[deal()]} />);
    const table = screen.getByRole('table', { name: '拼团活动' });
    expect(within(table).getByRole('link', { name: '云南高山苹果 5斤' }).getAttribute('href')).toBe('/group-buys/7');
    expect(within(table).getByText('98/100')).toBeTruthy();
    expect(within(table).getByText('进行中')).toBeTruthy();
  });

  it("shows a deal's groups with leader, progress and state", () => {
    renderPage(<GroupsTable groups={[{ ...group(), leaderId: '12' }, { ...group({ id: '42', status: 'failed' }), leaderId: '13' }]} />, { locale: 'en' });
    const table = screen.getByRole('table', { name: 'Groups' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getByText('Failed (refunded)')).toBeTruthy();
    expect(within(table).getByText('Filling')).toBeTruthy();
    expect(within(table).getAllByText('1/3')).toHaveLength(2);
  });
});
