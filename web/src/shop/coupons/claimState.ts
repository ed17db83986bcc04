import type { CouponTemplate, WalletCoupon } from '../../api/types';
import { couponsLeft } from './couponWords';

/** What a claimable coupon's button shows. */
export type ClaimState = 'signIn' | 'claim' | 'claimAgain' | 'claiming' | 'claimed' | 'gone';

/** How many of a kind of coupon the shopper holds, whatever their state (the cap counts every claim). */
export function heldOf(wallet: WalletCoupon[] | null, templateId: string): number {
  return wallet?.filter((coupon) => coupon.template.id === templateId).length ?? 0;
}

/**
 * The shopper's cap comes before "all claimed": one who already holds theirs is told so, not that
 * others took the rest. Signed out, the button asks to sign in.
 */
export function claimState({
  coupon,
  signedIn,
  held,
  busy,
}: {
  coupon: CouponTemplate;
  signedIn: boolean;
  held: number;
  busy: boolean;
}): ClaimState {
  if (busy) return 'claiming';
  if (signedIn && held >= coupon.perUserLimit) return 'claimed';
  if (couponsLeft(coupon) === 0) return 'gone';
  if (!signedIn) return 'signIn';
  return held > 0 ? 'claimAgain' : 'claim';
}
