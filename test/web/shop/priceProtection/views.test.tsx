import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../../web/src/api/client';
import { PriceProtectionClaimList } from '../../../../web/src/shop/priceProtection/PriceProtectionClaimsPage';
import { PriceProtectionView } from '../../../../web/src/shop/priceProtection/PriceProtectionSection';
import type { PriceProtectionClaim, ProtectedOrder } from '../../../../web/src/shop/priceProtection/types';
import { renderPage } from '../../render';

const claim: PriceProtectionClaim = {
  orderId: '2611110000010001',
  lineId: '7',
  title: '电饭煲',
  quantity: 2,
  unitPaid: 29900,
  unitPriceNow: 24900,
  amount: 10000,
  status: 'refunded',
  automatic: false,
  createdAt: '2026-11-12T02:00:00.000Z',
  refundedAt: '2026-11-12T02:00:00.000Z',
};

const order: ProtectedOrder = {
  windowDays: 30,
  lines: [
    { lineId: '7', title: '电饭煲', quantity: 2, unitPaid: 29900, priceNow: 24900, amount: 0, state: 'claimed', protectedUntil: '2026-12-11T02:00:00.000Z', claim },
    { lineId: '8', title: '电水壶', quantity: 1, unitPaid: 8000, priceNow: 7500, amount: 500, state: 'claimable', protectedUntil: '2026-12-11T02:00:00.000Z', claim: null },
    { lineId: '9', title: '插座', quantity: 1, unitPaid: 4000, priceNow: 4000, amount: 0, state: 'not-lower', protectedUntil: '2026-12-11T02:00:00.000Z', claim: null },
  ],
};

const line = (id: string) => within(document.querySelector(`[data-line="${id}"]`) as HTMLElement);

describe('price protection on a paid order', () => {
  it('shows what each line paid and costs now, claims a lower one, and says what was refunded', async () => {
    const onClaim = vi.fn();
    renderPage(<PriceProtectionView order={order} onClaim={onClaim} />);
    expect(screen.getByRole('heading', { name: '价格保护' })).toBeTruthy();
    expect(screen.getByText('付款后 30 天内降价，可申请退还差价，每件商品一次，原路退回。')).toBeTruthy();
    expect(line('7').getByText('已退差价 ¥100.00')).toBeTruthy();
    expect(line('7').getByText('实付 ¥299.00/件')).toBeTruthy();
    expect(line('7').getByText('现价 ¥249.00')).toBeTruthy();
    expect(line('9').getByText('现价不低于实付价，暂无差价')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '为 电水壶 申请价格保护，退 ¥5.00' }));
    expect(onClaim).toHaveBeenCalledWith('8');
    expect(screen.getAllByRole('button')).toHaveLength(1);
    expect(screen.getByRole('link', { name: '我的价保记录' }).getAttribute('href')).toBe('/price-protection');
  });

  it('says a refusal readably and the period is over, in English', () => {
    const expired: ProtectedOrder = { ...order, lines: [{ ...order.lines[2], state: 'expired' }] };
    renderPage(<PriceProtectionView order={expired} onClaim={() => {}} error={new ApiError(409, 'PRICE_PROTECTION_EXPIRED', 'ends after 30 days')} />, { locale: 'en' });
    expect(screen.getByText('Protection period over')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('Price protection ends 30 days after payment');
  });
});

describe('my price-protection claims', () => {
  it('lists each claim with its refund and order, and says when there are none', () => {
    const { unmount } = renderPage(<PriceProtectionClaimList claims={[claim, { ...claim, lineId: '8', title: '电水壶', quantity: 1, amount: 500, status: 'pending', automatic: true }]} />);
    const first = within(document.querySelector('[data-claim="2611110000010001:7"]') as HTMLElement);
    expect(first.getByText('已退差价 ¥100.00')).toBeTruthy();
    expect(first.getByRole('link', { name: '订单 2611110000010001' }).getAttribute('href')).toBe('/checkout-orders/2611110000010001');
    const second = within(document.querySelector('[data-claim="2611110000010001:8"]') as HTMLElement);
    expect(second.getByText('差价 ¥5.00 退款处理中')).toBeTruthy();
    expect(second.getByText(/自动保价/)).toBeTruthy();
    unmount();
    renderPage(<PriceProtectionClaimList claims={[]} />, { locale: 'en' });
    expect(screen.getByText('No claims yet. When a paid order’s price falls, claim it on the order page.')).toBeTruthy();
  });
});
