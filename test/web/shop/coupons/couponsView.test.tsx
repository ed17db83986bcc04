import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../../web/src/api/client';
import { claimState } from '../../../../web/src/shop/coupons/claimState';
import { CouponsView, noClaims } from '../../../../web/src/shop/coupons/CouponsView';
import { renderPage } from '../../render';
import { t0, template, walletCoupon } from './fixtures';

const props = { tab: 'claim' as const, onTab: () => {}, wallet: [], signedIn: true, now: t0, onClaim: () => {} };

describe('the claim tab', () => {
  it('claims a coupon with its button', async () => {
    const onClaim = vi.fn();
    renderPage(<CouponsView {...props} claimable={[template()]} onClaim={onClaim} />);
    expect(screen.getByRole('heading', { name: '领券中心' })).toBeTruthy();
    const card = screen.getByRole('article', { name: '双十一满减券 · 满300减50' });
    expect(within(card).getByText('剩 88/100 张')).toBeTruthy();
    await userEvent.click(within(card).getByRole('button', { name: '立即领取' }));
    expect(onClaim).toHaveBeenCalledWith('3');
  });

  it('asks a signed-out visitor to sign in and come back', () => {
    renderPage(<CouponsView {...props} signedIn={false} wallet={null} claimable={[template()]} />, { locale: 'en' });
    const link = screen.getByRole('link', { name: 'Sign in to claim' });
    expect(link.getAttribute('href')).toBe('/sign-in?next=%2Fcoupons');
    expect(screen.queryByRole('button', { name: 'Claim' })).toBeNull();
  });

  it('says claimed once the shopper holds their share, and offers another under a higher cap', () => {
    const coupon = template();
    const a = renderPage(
      <CouponsView {...props} claimable={[coupon]} wallet={[walletCoupon({ template: coupon })]} claims={{ ...noClaims, claimed: ['3'] }} />,
    );
    expect(screen.getByText('已领取')).toBeTruthy();
    expect(screen.getByText('领取成功，已放入我的券')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '立即领取' })).toBeNull();
    expect(screen.getByRole('tab', { name: '我的券 (1)' })).toBeTruthy();
    a.unmount();
    const three = template({ perUserLimit: 3 });
    renderPage(<CouponsView {...props} claimable={[three]} wallet={[walletCoupon({ template: three })]} />, { locale: 'en' });
    expect(screen.getByRole('button', { name: 'Claim another' })).toBeTruthy();
    expect(screen.getByText('You hold 1')).toBeTruthy();
  });

  it('shows a coupon all claimed by others as gone', () => {
    renderPage(<CouponsView {...props} claimable={[template({ totalQuantity: 1, claimed: 1 })]} />);
    expect(screen.getByText('已领完')).toBeTruthy();
    expect(screen.getByText('剩 0/1 张')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '立即领取' })).toBeNull();
  });

  it('makes every claim error readable in both languages', () => {
    const limit = new ApiError(409, 'COUPON_LIMIT_REACHED', 'at most 1 of this coupon per shopper');
    const a = renderPage(<CouponsView {...props} claimable={[template()]} claims={{ ...noClaims, failures: { '3': limit } }} />);
    expect(screen.getByRole('alert').textContent).toBe('您已领满该优惠券');
    a.unmount();
    const gone = new ApiError(409, 'COUPONS_GONE', 'all of these coupons have been claimed');
    renderPage(<CouponsView {...props} claimable={[template()]} claims={{ ...noClaims, failures: { '3': gone } }} />, { locale: 'en' });
    expect(screen.getByRole('alert').textContent).toBe('All of these coupons have been claimed');
  });

  it('says when nothing can be claimed', () => {
    renderPage(<CouponsView {...props} claimable={[]} />, { locale: 'en' });
    expect(screen.getByText('No coupons to claim right now. Check back later.')).toBeTruthy();
  });

  it('decides the button from the cap, the count left and the sign-in', () => {
    const coupon = template();
    expect(claimState({ coupon, signedIn: false, held: 0, busy: false })).toBe('signIn');
    expect(claimState({ coupon, signedIn: true, held: 0, busy: false })).toBe('claim');
    expect(claimState({ coupon, signedIn: true, held: 0, busy: true })).toBe('claiming');
    expect(claimState({ coupon, signedIn: true, held: 1, busy: false })).toBe('claimed');
    expect(claimState({ coupon: template({ perUserLimit: 2 }), signedIn: true, held: 1, busy: false })).toBe('claimAgain');
    expect(claimState({ coupon: template({ claimed: 100 }), signedIn: true, held: 0, busy: false })).toBe('gone');
    expect(claimState({ coupon: template({ claimed: 100 }), signedIn: true, held: 1, busy: false })).toBe('claimed');
  });
});

describe('my coupons', () => {
  const mine = { ...props, tab: 'mine' as const, claimable: [] };

  it('groups the wallet by state', () => {
    const wallet = [
      walletCoupon({ id: '1' }),
      walletCoupon({ id: '2', state: 'used', orderId: '77' }),
      walletCoupon({ id: '3', state: 'expired', expiresAt: new Date(t0 - 1).toISOString() }),
    ];
    renderPage(<CouponsView {...mine} wallet={wallet} />);
    for (const [name, count] of [
      ['可使用', 1],
      ['已使用', 1],
      ['已过期', 1],
    ] as const) {
      const section = screen.getByRole('region', { name: `${name} (${count})` });
      expect(within(section).getAllByRole('article')).toHaveLength(count);
    }
    expect(screen.getByRole('link', { name: '已用于订单 77' }).getAttribute('href')).toBe('/orders/77');
  });

  it('counts down a coupon valid minutes after its claim by the server clock, then shows it expired', () => {
    const coupon = walletCoupon({ template: template({ validMinutes: 30 }), expiresAt: new Date(t0 + 30 * 60_000).toISOString() });
    const a = renderPage(<CouponsView {...mine} wallet={[coupon]} now={t0 + 5 * 60_000 + 1_000} />);
    expect(screen.getByRole('timer').textContent).toBe('24:59 后过期');
    a.unmount();
    renderPage(<CouponsView {...mine} wallet={[coupon]} now={t0 + 30 * 60_000} />, { locale: 'en' });
    expect(screen.queryByRole('timer')).toBeNull();
    expect(screen.getByRole('region', { name: 'Expired (1)' })).toBeTruthy();
  });

  it('asks a signed-out visitor to sign in, and an empty wallet to go claiming', async () => {
    const a = renderPage(<CouponsView {...mine} signedIn={false} wallet={null} />, { path: '/coupons?tab=mine' });
    expect(screen.getByRole('link', { name: '登录' }).getAttribute('href')).toContain('/sign-in?next=');
    a.unmount();
    const onTab = vi.fn();
    renderPage(<CouponsView {...mine} wallet={[]} onTab={onTab} />, { locale: 'en' });
    await userEvent.click(screen.getByRole('button', { name: 'Get coupons' }));
    expect(onTab).toHaveBeenCalledWith('claim');
  });
});

describe('time left on a coupon', () => {
  it('never shows more than it had at its claim, even when the page clock reads a little early', () => {
    const coupon = walletCoupon({ template: template({ validMinutes: 30 }), expiresAt: new Date(t0 + 30 * 60_000).toISOString() });
    renderPage(<CouponsView {...props} tab="mine" claimable={[]} wallet={[coupon]} now={t0 - 800} />);
    expect(screen.getByRole('timer').textContent).toBe('30:00 后过期');
  });
});
