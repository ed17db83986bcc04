import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../../web/src/api/client';
import type { CouponTemplate } from '../../../../web/src/api/types';
import { CouponForm } from '../../../../web/src/console/coupons/CouponForm';
import { CouponList } from '../../../../web/src/console/coupons/CouponList';
import { renderPage } from '../../render';

const now = Date.parse('2025-06-18T02:00:00Z');
const coupons: CouponTemplate[] = [
  {
    id: '1',
    name: '夏日满减',
    kind: 'amount',
    amountOff: 5000,
    percentOff: null,
    maxOff: null,
    threshold: 30000,
    firstOrderOnly: false,
    scope: { type: 'all' },
    totalQuantity: 1000,
    claimed: 250,
    perUserLimit: 2,
    validFrom: '2025-06-18T00:00:00.000Z',
    validTo: '2025-06-25T00:00:00.000Z',
    validMinutes: null,
    handout: 'claim',
  },
  {
    id: '2',
    name: 'Cart rescue',
    kind: 'percent',
    amountOff: null,
    percentOff: 20,
    maxOff: 2000,
    threshold: 0,
    firstOrderOnly: true,
    scope: { type: 'category', id: 'books' },
    totalQuantity: 10,
    claimed: 10,
    perUserLimit: 1,
    validFrom: '2025-06-18T00:00:00.000Z',
    validTo: '2025-06-25T00:00:00.000Z',
    validMinutes: 30,
    handout: 'claim',
  },
];

const row = (id: string) => document.querySelector(`tr[data-coupon="${id}"]`) as HTMLElement;

describe('coupon list', () => {
  it('says what each coupon takes off, where, how many were claimed and for how long, in Chinese', () => {
    renderPage(<CouponList coupons={coupons} now={now} />);
    const first = within(row('1'));
    expect(first.getByText('满300减50')).toBeTruthy();
    expect(first.getByText('全场通用')).toBeTruthy();
    expect(first.getByText('250 / 1,000')).toBeTruthy();
    expect(first.getByRole('progressbar', { name: '夏日满减 已领取比例' }).getAttribute('aria-valuenow')).toBe('25');
    expect(first.getByText('2 张')).toBeTruthy();
    expect(first.getByText('可领取')).toBeTruthy();
    const second = within(row('2'));
    expect(second.getByText('8折 最高减20')).toBeTruthy();
    expect(second.getByText('无门槛')).toBeTruthy();
    expect(second.getByText('首单')).toBeTruthy();
    expect(second.getByText('品类 books')).toBeTruthy();
    expect(second.getByText('领取后 30 分钟内有效')).toBeTruthy();
    expect(second.getByText('已领完')).toBeTruthy();
    expect(second.getByText('10 / 10')).toBeTruthy();
  });

  it('says the same in English', () => {
    renderPage(<CouponList coupons={coupons} now={now} />, { locale: 'en' });
    expect(within(row('1')).getByText('¥50 off orders of ¥300+')).toBeTruthy();
    const second = within(row('2'));
    expect(second.getByText('20% off, at most ¥20')).toBeTruthy();
    expect(second.getByText('First order')).toBeTruthy();
    expect(second.getByText('Category books')).toBeTruthy();
    expect(second.getByText('Valid 30 min after claim')).toBeTruthy();
    expect(second.getByText('All claimed')).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Claimed / total' })).toBeTruthy();
  });

  it('says when there is nothing yet, and while loading', () => {
    const { unmount } = renderPage(<CouponList coupons={[]} now={now} />);
    expect(screen.getByText('还没有发放优惠券，先发一种吧。')).toBeTruthy();
    unmount();
    renderPage(<CouponList coupons={null} now={now} />, { locale: 'en' });
    expect(screen.getByText('Loading…')).toBeTruthy();
  });
});

describe('issue-coupon form', () => {
  it('refuses an amount off not below the threshold before sending, then sends cents once fixed', async () => {
    const issue = vi.fn(() => Promise.resolve());
    renderPage(<CouponForm onIssue={issue} />);
    await userEvent.type(screen.getByLabelText(/优惠券名称/), '满300减50');
    await userEvent.type(screen.getByLabelText(/减免金额（元）/), '300');
    await userEvent.type(screen.getByLabelText(/使用门槛（元）/), '300');
    await userEvent.type(screen.getByLabelText(/发放总量/), '1000');
    await userEvent.click(screen.getByRole('button', { name: '发放优惠券' }));
    expect(screen.getByText('减免金额必须低于使用门槛')).toBeTruthy();
    expect(issue).not.toHaveBeenCalled();
    await userEvent.clear(screen.getByLabelText(/减免金额（元）/));
    await userEvent.type(screen.getByLabelText(/减免金额（元）/), '50');
    await userEvent.click(screen.getByRole('button', { name: '发放优惠券' }));
    expect(issue).toHaveBeenCalledWith(expect.objectContaining({ name: '满300减50', kind: 'amount', amountOff: 5000, threshold: 30000, totalQuantity: 1000, perUserLimit: 1 }));
    expect((await screen.findByRole('status')).textContent).toBe('已发放「满300减50」');
    expect((screen.getByLabelText(/优惠券名称/) as HTMLInputElement).value).toBe('');
  });

  it('asks a percent coupon for its per cent and hints at the cart-abandon coupon, in English', async () => {
    const issue = vi.fn(() => Promise.resolve());
    renderPage(<CouponForm onIssue={issue} />, { locale: 'en' });
    expect(screen.getByText('Empty = valid for the whole window; cart-abandon coupon: 30')).toBeTruthy();
    await userEvent.click(screen.getByRole('radio', { name: 'Percentage off' }));
    expect(screen.queryByLabelText(/Amount off \(yuan\)/)).toBeNull();
    await userEvent.type(screen.getByLabelText(/Coupon name/), 'Cart rescue');
    await userEvent.type(screen.getByLabelText(/Per cent off/), '100');
    await userEvent.type(screen.getByLabelText(/Minutes valid after claim/), '20000');
    await userEvent.click(screen.getByRole('button', { name: 'Issue coupon' }));
    expect(screen.getByText('A whole per cent from 1 to 99 (20 = 20% off)')).toBeTruthy();
    expect(screen.getByText('Required')).toBeTruthy();
    expect(screen.getByText('Minutes after claim: a whole number from 1 to 10080 (7 days)')).toBeTruthy();
    expect(issue).not.toHaveBeenCalled();
    await userEvent.clear(screen.getByLabelText(/Per cent off/));
    await userEvent.type(screen.getByLabelText(/Per cent off/), '20');
    await userEvent.type(screen.getByLabelText(/At most off/), '20');
    await userEvent.clear(screen.getByLabelText(/Minutes valid after claim/));
    await userEvent.type(screen.getByLabelText(/Minutes valid after claim/), '30');
    await userEvent.type(screen.getByLabelText(/Total to issue/), '10');
    await userEvent.click(screen.getByRole('checkbox', { name: 'First order only' }));
    await userEvent.click(screen.getByRole('button', { name: 'Issue coupon' }));
    expect(issue).toHaveBeenCalledWith(expect.objectContaining({ kind: 'percent', percentOff: 20, maxOff: 2000, validMinutes: 30, firstOrderOnly: true, totalQuantity: 10 }));
  });

  it('asks for the id of a scope other than storewide', async () => {
    renderPage(<CouponForm onIssue={() => Promise.resolve()} />);
    expect(screen.queryByLabelText(/品类 ID/)).toBeNull();
    await userEvent.click(screen.getByDisplayValue('全场通用'));
    await userEvent.click(await screen.findByRole('option', { name: '指定品类', hidden: true }));
    await userEvent.click(screen.getByRole('button', { name: '发放优惠券' }));
    expect(within(screen.getByLabelText(/指定品类 ID/).closest('.mantine-InputWrapper-root') as HTMLElement).getByText('必填')).toBeTruthy();
  });

  it('shows the server refusal readably, in both languages', async () => {
    const refuse = () => Promise.reject(new ApiError(400, 'INVALID_REQUEST', 'amountOff must be below the threshold'));
    const fill = async (name: RegExp, total: RegExp, off: RegExp, button: string) => {
      await userEvent.type(screen.getByLabelText(name), 'x');
      await userEvent.type(screen.getByLabelText(off), '5');
      await userEvent.type(screen.getByLabelText(total), '5');
      await userEvent.click(screen.getByRole('button', { name: button }));
    };
    const { unmount } = renderPage(<CouponForm onIssue={refuse} />);
    await fill(/优惠券名称/, /发放总量/, /减免金额/, '发放优惠券');
    expect((await screen.findByRole('alert')).textContent).toBe('输入有误：amountOff must be below the threshold');
    unmount();
    renderPage(<CouponForm onIssue={refuse} />, { locale: 'en' });
    await fill(/Coupon name/, /Total to issue/, /Amount off \(yuan\)/, 'Issue coupon');
    expect((await screen.findByRole('alert')).textContent).toBe('Invalid input: amountOff must be below the threshold');
  });
});
