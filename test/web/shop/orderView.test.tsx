import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../web/src/api/client';
import { OrdersView } from '../../../web/src/shop/OrdersPage';
import { OrderView } from '../../../web/src/shop/OrderPage';
import { renderPage } from '../render';
import { order, t0 } from './fixtures';

const title = '一元秒杀 · 蓝牙耳机 Bluetooth earbuds';

describe('the pay page', () => {
  it('counts down to the deadline by the server clock and pays', async () => {
    const onPay = vi.fn();
    renderPage(<OrderView order={order()} itemTitle={title} now={t0 + 60_000 + 5_000} onPay={onPay} onCancel={() => {}} />);
    expect(screen.getByText('待支付')).toBeTruthy();
    expect(screen.getByText('¥1.00')).toBeTruthy();
    expect(screen.getByRole('timer').textContent).toBe('请在 14:55 内完成支付');
    await userEvent.click(screen.getByRole('button', { name: '立即支付' }));
    expect(onPay).toHaveBeenCalledOnce();
  });

  it('asks before cancelling', async () => {
    const onCancel = vi.fn();
    renderPage(<OrderView order={order()} itemTitle={title} now={t0 + 60_000} onPay={() => {}} onCancel={onCancel} />, { locale: 'en' });
    await userEvent.click(screen.getByRole('button', { name: 'Cancel order' }));
    expect(onCancel).not.toHaveBeenCalled();
    expect(screen.getByText('Cancel this order? The unit goes back on sale.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(onCancel).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel order' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, cancel' }));
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it('shows the order closed once the deadline passes, before and after the server cancels it', () => {
    const deadline = Date.parse(order().payBefore);
    const a = renderPage(<OrderView order={order()} itemTitle={title} now={deadline + 1} onPay={() => {}} onCancel={() => {}} />);
    expect(screen.getByText('已关闭')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '立即支付' })).toBeNull();
    expect(screen.getByText(/已超过支付时限/)).toBeTruthy();
    a.unmount();
    const closed = order({ status: 'cancelled', cancelledAt: new Date(deadline + 2_000).toISOString(), cancelReason: 'payment deadline passed' });
    renderPage(<OrderView order={closed} itemTitle={title} now={deadline + 5_000} onPay={() => {}} onCancel={() => {}} />, { locale: 'en' });
    expect(screen.getByText('Closed')).toBeTruthy();
  });

  it('shows paid and cancelled orders without actions', () => {
    const paid = order({ status: 'paid', paidAt: new Date(t0 + 120_000).toISOString() });
    const a = renderPage(<OrderView order={paid} itemTitle={title} now={t0 + 200_000} onPay={() => {}} onCancel={() => {}} />);
    expect(screen.getByText('已支付')).toBeTruthy();
    expect(screen.getByText('支付成功，我们会尽快发货。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '立即支付' })).toBeNull();
    a.unmount();
    const cancelled = order({ status: 'cancelled', cancelledAt: new Date(t0 + 120_000).toISOString(), cancelReason: 'cancelled by shopper' });
    renderPage(<OrderView order={cancelled} itemTitle={title} now={t0 + 200_000} onPay={() => {}} onCancel={() => {}} />, { locale: 'en' });
    expect(screen.getByText('Cancelled')).toBeTruthy();
  });

  it('makes a payment error readable', () => {
    renderPage(
      <OrderView order={order()} itemTitle={title} now={t0 + 60_000} failure={new ApiError(409, 'PAYMENT_EXPIRED', 'deadline passed')} onPay={() => {}} onCancel={() => {}} />,
    );
    expect(screen.getByRole('alert').textContent).toBe('已超过支付时限，订单已关闭');
  });
});

describe('my orders', () => {
  it('lists orders with status, amount and actions for reserved ones', () => {
    const orders = [
      order({ id: '1', status: 'paid', createdAt: new Date(t0).toISOString() }),
      order({ id: '2', itemId: '12', amount: 599_900, createdAt: new Date(t0 + 1000).toISOString() }),
    ];
    renderPage(<OrdersView orders={orders} titles={{ '11': title, '12': '智能手机' }} now={t0 + 60_000} onPay={() => {}} onCancel={() => {}} />);
    const articles = screen.getAllByRole('article');
    expect(articles.map((a) => a.getAttribute('aria-label'))).toEqual(['智能手机', title]);
    expect(articles[0].textContent).toContain('待支付');
    expect(articles[0].textContent).toContain('¥5,999.00');
    expect(articles[1].textContent).toContain('已支付');
    expect(screen.getAllByRole('button', { name: '立即支付' })).toHaveLength(1);
  });

  it('has an empty state', () => {
    renderPage(<OrdersView orders={[]} titles={{}} now={t0} onPay={() => {}} onCancel={() => {}} />, { locale: 'en' });
    expect(screen.getByText('No orders yet — go grab a deal')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go shopping' }).getAttribute('href')).toBe('/');
  });
});
