import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../../web/src/api/client';
import type { CouponTemplate } from '../../../../web/src/api/types';
import { CartAbandonForm } from '../../../../web/src/console/cartRecovery/CartAbandonForm';
import { renderPage } from '../../render';

const template = (id: string, name: string, validMinutes: number | null): CouponTemplate => ({
  id,
  name,
  kind: 'amount',
  amountOff: 1000,
  percentOff: null,
  maxOff: null,
  threshold: 0,
  firstOrderOnly: false,
  scope: { type: 'all' },
  totalQuantity: 1000,
  claimed: 0,
  perUserLimit: 1,
  validFrom: '2026-11-01T00:00:00.000Z',
  validTo: '2026-12-01T00:00:00.000Z',
  validMinutes,
  handout: 'grant',
});
const templates = [template('7', '购物车挽回券', 30), template('8', 'Gift', null)];
const off = { enabled: false, templateId: null, afterMinutes: null, since: null };

describe('cart-abandon coupon panel', () => {
  it('turns it on with a grant coupon and minutes, refusing a missing coupon and bad minutes first, in Chinese', async () => {
    const save = vi.fn(() => Promise.resolve());
    renderPage(<CartAbandonForm setting={off} templates={templates} onSave={save} />);
    expect(screen.queryByLabelText(/发放的优惠券/)).toBeNull();
    await userEvent.click(screen.getByRole('switch', { name: '开启购物车挽回券' }));
    expect(screen.getByRole('option', { name: '购物车挽回券（发放后 30 分钟内有效）' })).toBeTruthy();
    expect(screen.getByRole('option', { name: 'Gift（有效至券的结束时间）' })).toBeTruthy();
    const minutes = screen.getByLabelText(/加购后多少分钟未下单/);
    await userEvent.clear(minutes);
    await userEvent.type(minutes, '2');
    await userEvent.click(screen.getByRole('button', { name: '保存' }));
    expect(screen.getByText('请选择一张优惠券')).toBeTruthy();
    expect(screen.getByText('请输入 5 到 10080 之间的整数分钟')).toBeTruthy();
    expect(save).not.toHaveBeenCalled();

    await userEvent.selectOptions(screen.getByLabelText(/发放的优惠券/), '7');
    await userEvent.clear(minutes);
    await userEvent.type(minutes, '60');
    await userEvent.click(screen.getByRole('button', { name: '保存' }));
    expect(save).toHaveBeenCalledWith({ enabled: true, templateId: '7', afterMinutes: 60 });
    expect((await screen.findByRole('status')).textContent).toBe('已开启：加购 60 分钟后未下单即发券');
  });

  it('shows the stored setting, turns it off, and shows the server’s refusal, in English', async () => {
    const save = vi.fn(() => Promise.resolve());
    const on = { enabled: true, templateId: '7', afterMinutes: 90, since: '2026-11-11T00:00:00.000Z' };
    const { unmount } = renderPage(<CartAbandonForm setting={on} templates={templates} onSave={save} />, { locale: 'en' });
    expect((screen.getByLabelText(/Coupon to give/) as HTMLSelectElement).value).toBe('7');
    expect((screen.getByLabelText(/Minutes after adding/) as HTMLInputElement).value).toBe('90');
    await userEvent.click(screen.getByRole('switch', { name: 'Give a cart-abandon coupon' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(save).toHaveBeenCalledWith({ enabled: false });
    expect((await screen.findByRole('status')).textContent).toBe('Cart-abandon coupon turned off');
    unmount();

    const refuse = vi.fn(() => Promise.reject(new ApiError(400, 'CART_ABANDON_NOT_GRANT', 'not a grant coupon')));
    renderPage(<CartAbandonForm setting={on} templates={templates} onSave={refuse} />, { locale: 'en' });
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The cart-abandon coupon must be one the platform gives out');
  });

  it('says when there is no grant coupon to choose', async () => {
    renderPage(<CartAbandonForm setting={off} templates={[]} onSave={() => Promise.resolve()} />);
    await userEvent.click(screen.getByRole('switch', { name: '开启购物车挽回券' }));
    expect(screen.getByText('还没有“平台发放”的优惠券，请先在优惠券页创建。')).toBeTruthy();
  });
});
