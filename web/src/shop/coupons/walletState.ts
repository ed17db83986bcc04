import type { WalletCoupon } from '../../api/types';

export type WalletState = WalletCoupon['state'];
export const walletStates: WalletState[] = ['available', 'used', 'expired'];

/** The server says `available` as of its answer; by the server clock it may have run out since. */
export function shownWalletState(coupon: WalletCoupon, now: number): WalletState {
  return coupon.state === 'available' && now >= Date.parse(coupon.expiresAt) ? 'expired' : coupon.state;
}

/** A coupon valid only minutes after its claim counts down; one valid to a date shows the date. */
export function countsDown(coupon: WalletCoupon): boolean {
  return coupon.template.validMinutes !== null;
}

/**
 * Time left on a coupon by the server clock. The page's clock ticks once a second and is learnt
 * with some error, so it can read just before the claim; a coupon never has more left than at its claim.
 */
export function timeLeft(coupon: WalletCoupon, now: number): number {
  return Date.parse(coupon.expiresAt) - Math.max(now, Date.parse(coupon.claimedAt));
}
