import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../../web/src/api/client';
import { drawsLeftNow, LotteryView } from '../../../../web/src/shop/lottery/LotteryView';
import type { Draw, Lottery } from '../../../../web/src/shop/lottery/types';
import { renderPage } from '../../render';

const now = Date.parse('2026-11-11T02:00:00Z');
const lottery: Lottery = {
  id: '1',
  name: '签到能量抽奖',
  startsAt: '2026-11-11T00:00:00.000Z',
  endsAt: '2026-11-12T00:00:00.000Z',
  cost: { currency: 'energy', amount: 10 },
  limit: { total: null, daily: 3 },
  prizes: [
    { id: '11', name: '10 元券', kind: 'coupon', templateId: '5', points: null, quantity: 5, awarded: 2, left: 3, weight: 10 },
    { id: '12', name: '耳机', kind: 'goods', templateId: null, points: null, quantity: 1, awarded: 1, left: 0, weight: 1 },
    { id: '13', name: '谢谢参与', kind: 'none', templateId: null, points: null, quantity: null, awarded: 9, left: null, weight: 50 },
  ],
};
const draw = (over: Partial<Draw> = {}): Draw => ({
  id: '100',
  lotteryId: '1',
  userId: '7',
  prize: { id: '11', name: '10 元券', kind: 'coupon' },
  roll: 3,
  weightTotal: 61,
  cost: { currency: 'energy', amount: 10 },
  delivery: 'delivered',
  couponId: '55',
  at: '2026-11-11T02:00:00.000Z',
  ...over,
});
const props = { lottery, signedIn: true, now, left: { total: null, today: 2 }, draws: [], onDraw: () => {} };

describe('the lottery page', () => {
  it('shows the prizes with what is left, the cost, the draws left today, and draws on the button', async () => {
    const onDraw = vi.fn();
    renderPage(<LotteryView {...props} onDraw={onDraw} />);
    expect(screen.getByRole('heading', { name: '签到能量抽奖' })).toBeTruthy();
    const prizes = screen.getByRole('region', { name: '奖品' });
    expect(within(prizes).getByText('剩余 3 份')).toBeTruthy();
    expect(within(prizes).getByText('已抽完')).toBeTruthy();
    expect(within(prizes).getByText('不限量')).toBeTruthy();
    expect(screen.getByText('每次消耗 10 能量')).toBeTruthy();
    expect(screen.getByText('今日还可抽 2 次')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '立即抽奖' }));
    expect(onDraw).toHaveBeenCalledOnce();
    expect(screen.getByText('还没有抽过奖')).toBeTruthy();
  });

  it('shows the prize won and my draws, and 谢谢参与 when nothing was won', () => {
    const { unmount } = renderPage(<LotteryView {...props} result={draw()} draws={[draw(), draw({ id: '99', prize: null })]} />);
    expect(screen.getByRole('status').textContent).toContain('恭喜！抽中「10 元券」');
    expect(screen.getByRole('link', { name: '查看券包' }).getAttribute('href')).toBe('/coupons?tab=mine');
    const mine = screen.getByRole('region', { name: '我的抽奖记录' });
    expect(within(mine).getAllByRole('listitem')).toHaveLength(2);
    expect(within(mine).getByText('谢谢参与')).toBeTruthy();
    unmount();
    renderPage(<LotteryView {...props} result={draw({ prize: null })} />, { locale: 'en' });
    expect(screen.getByRole('status').textContent).toBe('No prize this time. Good luck next time!');
  });

  it('stops the button when no draws are left or the lottery is closed, and says why a draw was refused', () => {
    const { unmount } = renderPage(<LotteryView {...props} left={{ total: null, today: 0 }} failure={new ApiError(409, 'DRAW_LIMIT_REACHED', 'x')} />);
    expect(screen.getByRole('button', { name: '立即抽奖' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('alert').textContent).toBe('抽奖次数已用完');
    unmount();
    renderPage(<LotteryView {...props} now={Date.parse('2026-11-13T00:00:00Z')} />);
    expect(screen.getByText('抽奖不在进行中')).toBeTruthy();
    expect(screen.getByRole('button', { name: '立即抽奖' }).hasAttribute('disabled')).toBe(true);
  });

  it('asks a visitor to sign in first', () => {
    renderPage(<LotteryView {...props} signedIn={false} left={null} draws={null} />);
    expect(screen.getByRole('link', { name: '登录' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '立即抽奖' })).toBeNull();
  });

  it('counts draws left by the daily limit first, else in all', () => {
    expect(drawsLeftNow({ total: 5, today: 2 })).toBe(2);
    expect(drawsLeftNow({ total: 5, today: null })).toBe(5);
    expect(drawsLeftNow(null)).toBeNull();
  });
});
