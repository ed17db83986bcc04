import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { LotteryForm } from '../../../../web/src/console/lottery/LotteryForm';
import { checkLottery, emptyLotteryForm } from '../../../../web/src/console/lottery/lotteryRules';
import { renderPage } from '../../render';

const now = Date.parse('2026-11-11T02:00:00Z');

describe('the lottery form', () => {
  it('turns the form into the body the server takes', () => {
    const values = emptyLotteryForm(now);
    values.name = ' 双11 抽奖 ';
    values.prizes[0] = { ...values.prizes[0], name: '10 元券', templateId: '5', quantity: '3' };
    const checked = checkLottery(values);
    expect(checked).toEqual({
      ok: true,
      body: {
        name: '双11 抽奖',
        startsAt: new Date(now).toISOString(),
        endsAt: new Date(now + 7 * 86_400_000).toISOString(),
        cost: { currency: 'energy', amount: 10 },
        limit: { total: null, daily: 3 },
        prizes: [
          { name: '10 元券', kind: 'coupon', templateId: '5', quantity: 3, weight: 10 },
          { name: '谢谢参与', kind: 'none', weight: 50 },
        ],
      },
    });
  });

  it('names each mistake by its field and prize', () => {
    const values = { ...emptyLotteryForm(now), limitDaily: '', cost: 'x' };
    values.prizes[0] = { ...values.prizes[0], kind: 'points', points: '' };
    const checked = checkLottery(values);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.errors).toMatchObject({ name: 'required', cost: 'badNumber', limitDaily: 'noLimit', 'prize.0.points': 'required', 'prize.0.quantity': 'required' });
  });

  it('edits prizes and sends the lottery', async () => {
    const onCreate = vi.fn(async () => {});
    renderPage(<LotteryForm onCreate={onCreate} />);
    await userEvent.type(screen.getByLabelText(/抽奖名称/), '签到抽奖');
    await userEvent.click(screen.getByRole('button', { name: '添加奖品' }));
    expect(screen.getByLabelText(/奖品 3 名称/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '删除奖品 3' }));
    expect(screen.queryByLabelText(/奖品 3 名称/)).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: '创建抽奖' }));
    expect(onCreate).not.toHaveBeenCalled();
    expect(screen.getAllByText('必填').length).toBeGreaterThan(0);
    await userEvent.type(screen.getByLabelText(/奖品 1 名称/), '耳机');
    await userEvent.type(screen.getByLabelText(/奖品 1 优惠券 ID/), '5');
    await userEvent.type(screen.getByLabelText(/奖品 1 数量/), '2');
    await userEvent.click(screen.getByRole('button', { name: '创建抽奖' }));
    expect(onCreate).toHaveBeenCalledOnce();
    expect(await screen.findByText('已创建「签到抽奖」')).toBeTruthy();
  });
});
