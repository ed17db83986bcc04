import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../../web/src/api/client';
import { ExchangeView } from '../../../../web/src/shop/exchange/ExchangeView';
import type { ExchangeOffer } from '../../../../web/src/shop/exchange/types';
import { renderPage } from '../../render';

const template = {
  id: '5',
  name: '5 元无门槛券',
  kind: 'amount' as const,
  amountOff: 500,
  percentOff: null,
  maxOff: null,
  threshold: 0,
  firstOrderOnly: false,
  scope: { type: 'all' as const },
  totalQuantity: 10,
  claimed: 4,
  perUserLimit: 1,
  validFrom: '2026-11-11T00:00:00.000Z',
  validTo: '2026-11-20T00:00:00.000Z',
  validMinutes: null,
  handout: 'grant' as const,
};
const offer: ExchangeOffer = { id: '3', kind: 'coupon', template, goodsName: null, quantity: null, currency: 'energy', price: 30, perUserLimit: 2, active: true, left: 6 };
const goods: ExchangeOffer = { id: '7', kind: 'goods', template: null, goodsName: '定制保温杯', quantity: 5, currency: 'points', price: 800, perUserLimit: 1, active: true, left: 2 };
const lottery = { id: '8', name: '能量抽奖', startsAt: '2026-11-11T00:00:00.000Z', endsAt: '2026-11-12T00:00:00.000Z', cost: { currency: 'energy' as const, amount: 10 }, limit: { total: null, daily: 3 }, prizes: [] };
const campaign = { id: '4', title: '好友助力领券', reward: template, helpersNeeded: 3, startsAt: lottery.startsAt, endsAt: lottery.endsAt, dailyHelpLimit: 3, started: 0, unlocked: 0 };
const props = {
  signedIn: true,
  balances: { points: 0, energy: 40 },
  offers: [offer],
  lotteries: [lottery],
  campaigns: [campaign],
  onRedeem: () => {},
  onStartAssist: () => {},
};

describe('the exchange page', () => {
  it('shows the balance and the offers, and redeems one', async () => {
    const onRedeem = vi.fn();
    renderPage(<ExchangeView {...props} onRedeem={onRedeem} />);
    expect(screen.getByRole('heading', { name: '积分/能量兑换' })).toBeTruthy();
    expect(within(screen.getByRole('region', { name: '我的余额' })).getByText('40')).toBeTruthy();
    const offers = screen.getByRole('region', { name: '兑换优惠券和好礼' });
    expect(within(offers).getByText('30 能量 · 剩 6 张 · 每人限兑 2 次')).toBeTruthy();
    await userEvent.click(within(offers).getByRole('button', { name: '兑换 5 元无门槛券' }));
    expect(onRedeem).toHaveBeenCalledWith('3');
  });

  it('shows goods beside the coupons, redeems them, and says they will be shipped', async () => {
    const onRedeem = vi.fn();
    const redeemed = { id: '11', offerId: '7', currency: 'points' as const, price: 800, status: 'granted' as const, coupon: null, goodsName: '定制保温杯', shippedAt: null, at: '2026-11-11T02:00:00.000Z' };
    renderPage(<ExchangeView {...props} offers={[goods, offer]} redeemed={redeemed} onRedeem={onRedeem} />);
    const offers = screen.getByRole('region', { name: '兑换优惠券和好礼' });
    expect(within(offers).getByText('实物')).toBeTruthy();
    expect(within(offers).getByText('800 积分 · 剩 2 件 · 每人限兑 1 次')).toBeTruthy();
    await userEvent.click(within(offers).getByRole('button', { name: '兑换 定制保温杯' }));
    expect(onRedeem).toHaveBeenCalledWith('7');
    expect(screen.getByRole('status').textContent).toBe('兑换成功：「定制保温杯」，我们会尽快为您寄出');
  });

  it('leads to the lucky draws and starts an assist', async () => {
    const onStartAssist = vi.fn();
    renderPage(<ExchangeView {...props} onStartAssist={onStartAssist} />);
    expect(screen.getByRole('link', { name: '能量抽奖' }).getAttribute('href')).toBe('/lottery/8');
    await userEvent.click(screen.getByRole('button', { name: '发起助力 好友助力领券' }));
    expect(onStartAssist).toHaveBeenCalledWith('4');
  });

  it('says a redemption was refunded when the coupons ran out, and shows no buttons signed out', () => {
    const { unmount } = renderPage(<ExchangeView {...props} failure={new ApiError(409, 'COUPONS_GONE', 'x')} />);
    expect(screen.getByRole('alert').textContent).toBe('优惠券已被领完');
    unmount();
    renderPage(<ExchangeView {...props} signedIn={false} balances={null} offers={[]} lotteries={[]} campaigns={[]} />, { locale: 'en' });
    expect(screen.getByText('Nothing to redeem right now')).toBeTruthy();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });
});
