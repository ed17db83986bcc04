import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { CartView, PriceExplanation, byMerchant } from '../../../../web/src/shop/cart/CartView';
import { CheckoutOrderView } from '../../../../web/src/shop/cart/CheckoutOrderView';
import type { CheckoutOrder, Quote, QuoteLine } from '../../../../web/src/shop/cart/types';
import { renderPage } from '../../render';

const line = (over: Partial<QuoteLine> = {}): QuoteLine => ({
  productId: '1',
  merchantId: '10',
  merchantName: '苏泊尔厨具旗舰店',
  category: 'kitchen',
  title: '不粘炒锅',
  unitPrice: 19_900,
  floorPrice: 15_900,
  quantity: 1,
  stock: 20,
  listTotal: 19_900,
  discounts: [],
  total: 19_900,
  ...over,
});

/** Two merchants, a 满减 on the cart and a coupon, one coupon left out because only one applies. */
const quote: Quote = {
  lines: [
    line({ discounts: [{ offerId: 'promotion:1', label: '满300减30', source: 'promotion', amount: 1_826 }, { offerId: 'coupon:7', label: '立减20元', source: 'coupon', amount: 1_218 }], total: 16_856 }),
    line({ productId: '2', merchantId: '11', merchantName: '良品铺子零食店', title: '每日坚果礼盒', unitPrice: 12_800, floorPrice: 9_900, listTotal: 12_800, discounts: [{ offerId: 'promotion:1', label: '满300减30', source: 'promotion', amount: 1_174 }, { offerId: 'coupon:7', label: '立减20元', source: 'coupon', amount: 782 }], total: 10_844 }),
  ],
  applied: [
    { offerId: 'promotion:1', kind: 'spend-reduction', source: 'promotion', label: '满300减30', couponId: null, amount: 3_000, limitedByFloor: false },
    { offerId: 'coupon:7', kind: 'amount-off', source: 'coupon', label: '立减20元', couponId: '7', amount: 2_000, limitedByFloor: false },
  ],
  skipped: [
    { offerId: 'coupon:8', kind: 'amount-off', source: 'coupon', label: '满500减50', couponId: '8', reason: 'threshold-not-met' },
    { offerId: 'coupon:9', kind: 'amount-off', source: 'coupon', label: '立减5元', couponId: '9', reason: 'not-chosen' },
  ],
  listTotal: 32_700,
  discountTotal: 5_000,
  total: 27_700,
};

describe('the cart and its price explanation', () => {
  it('groups lines by merchant, in cart order', () => {
    expect(byMerchant(quote.lines).map((g) => [g.merchantName, g.lines.length])).toEqual([
      ['苏泊尔厨具旗舰店', 1],
      ['良品铺子零食店', 1],
    ]);
  });

  it('shows each line with its discounts and labels, the offers applied and skipped with reasons, and the total (zh-CN)', () => {
    renderPage(<CartView quote={quote} onQuantity={() => {}} onCheckout={() => {}} />);
    const pots = screen.getByRole('region', { name: '苏泊尔厨具旗舰店' });
    expect(within(pots).getByText('不粘炒锅')).toBeTruthy();
    expect(within(pots).getByText('满300减30')).toBeTruthy();
    expect(within(pots).getByText('−¥18.26')).toBeTruthy();
    expect(within(pots).getByText('¥168.56')).toBeTruthy();
    const applied = screen.getByRole('list', { name: '已用优惠' });
    expect(within(applied).getByText('立减20元')).toBeTruthy();
    expect(within(applied).getByText('−¥20.00')).toBeTruthy();
    const skipped = screen.getByRole('list', { name: '未用优惠' });
    expect(within(skipped).getByText(/满500减50: 未达到使用门槛/)).toBeTruthy();
    expect(within(skipped).getByText(/立减5元: 与已选优惠不能同时使用/)).toBeTruthy();
    expect(screen.getByTestId('cart-total').textContent).toBe('¥277.00');
    expect(screen.getByRole('button', { name: /结算/ })).toBeTruthy();
  });

  it('speaks English too', () => {
    renderPage(<PriceExplanation quote={quote} />, { locale: 'en' });
    expect(screen.getByRole('list', { name: 'Discounts applied' })).toBeTruthy();
    expect(screen.getByText(/满500减50: Minimum spend not reached/)).toBeTruthy();
    expect(screen.getByText('You save')).toBeTruthy();
  });

  it('steps quantities and removes a line; a line short of stock blocks checkout', () => {
    const onQuantity = vi.fn();
    const short: Quote = { ...quote, lines: [line({ quantity: 3, stock: 2, listTotal: 59_700, total: 59_700 })] };
    renderPage(<CartView quote={short} onQuantity={onQuantity} onCheckout={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: '减少 不粘炒锅 的数量' }));
    expect(onQuantity).toHaveBeenLastCalledWith('1', 2);
    fireEvent.click(screen.getByRole('button', { name: '从购物车删除 不粘炒锅' }));
    expect(onQuantity).toHaveBeenLastCalledWith('1', 0);
    expect((screen.getByRole('button', { name: '增加 不粘炒锅 的数量' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('alert').textContent).toBe('库存只剩 2 件，请减少数量');
    expect((screen.getByRole('button', { name: /结算/ }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('an empty cart sends the shopper to the products', () => {
    renderPage(<CartView quote={{ ...quote, lines: [], applied: [], skipped: [], listTotal: 0, discountTotal: 0, total: 0 }} />);
    expect(screen.getByText('购物车是空的，去逛逛吧')).toBeTruthy();
    expect(screen.getByRole('link', { name: '去逛逛' }).getAttribute('href')).toBe('/products');
  });

  it('an order awaiting payment counts down and pays; a paid one says so', () => {
    const now = Date.UTC(2026, 10, 11, 2, 0, 0);
    const order: CheckoutOrder = {
      id: '1762826400000010000',
      status: 'reserved',
      listTotal: 32_700,
      discountTotal: 5_000,
      total: 27_700,
      couponIds: ['7'],
      lines: [],
      explanation: quote,
      payBefore: new Date(now + 15 * 60_000).toISOString(),
      createdAt: new Date(now).toISOString(),
      paidAt: null,
      cancelledAt: null,
      cancelReason: null,
      payment: null,
    };
    const onPay = vi.fn();
    const { unmount } = renderPage(<CheckoutOrderView order={order} now={now + 60_000} onPay={onPay} onCancel={() => {}} />);
    expect(screen.getByRole('timer').textContent).toContain('14:00');
    fireEvent.click(screen.getByRole('button', { name: '立即付款 ¥277.00' }));
    expect(onPay).toHaveBeenCalled();
    expect(screen.getByTestId('order-status').textContent).toBe('待付款');
    unmount();
    renderPage(<CheckoutOrderView order={{ ...order, status: 'paid', paidAt: new Date(now + 60_000).toISOString() }} now={now + 61_000} />);
    expect(screen.getByTestId('order-status').textContent).toBe('已付款');
    expect(screen.queryByRole('button', { name: /立即付款/ })).toBeNull();
  });
});
