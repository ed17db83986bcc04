import type { Campaign } from './campaign.js';
import type { Offer, OfferScope } from './pricing/index.js';

/** Checkout rules (ordinary orders): pure, no I/O. */

/** At most this many units of one product in a cart line, and this many lines in a cart. */
export const maxLineQuantity = 99;
export const maxCartLines = 50;

/** A checkout order waits this long for its payment, then cancels itself. */
export const checkoutPaymentWindowMs = 15 * 60_000;

/**
 * Coupons are priced after the operator's promotions (a coupon's threshold is tested against what the
 * promotions left), and all share one stacking group: at most one coupon per order, the best one.
 */
export const couponPriority = 1000;
export const couponStackingGroup = 'coupon';

/** What pricing needs of a coupon in a shopper's wallet. */
export interface UsableCoupon {
  id: string;
  name: string;
  kind: 'amount' | 'percent';
  amountOff: number | null;
  percentOff: number | null;
  maxOff: number | null;
  threshold: number;
  firstOrderOnly: boolean;
  scope: { type: 'all' } | { type: 'merchant' | 'category' | 'item'; id: string };
}

export const couponOfferId = (couponId: string) => `coupon:${couponId}`;

/** The coupon an offer id names, or null for a promotion. */
export function couponOfOffer(offerId: string): string | null {
  return offerId.startsWith('coupon:') ? offerId.slice('coupon:'.length) : null;
}

function scopeOf(coupon: UsableCoupon): OfferScope {
  const scope = coupon.scope;
  if (scope.type === 'all') return { kind: 'cart' };
  if (scope.type === 'merchant') return { kind: 'merchant', merchantId: scope.id };
  if (scope.type === 'category') return { kind: 'category', categoryId: scope.id };
  return { kind: 'items', itemIds: [scope.id] };
}

/**
 * A wallet coupon as a pricing offer: 首单 coupons become first-order offers, amount coupons 满X减Y
 * (X the threshold), percent coupons pay (100 − percentOff)% of their scope, at most maxOff off.
 */
export function couponOffer(coupon: UsableCoupon): Offer {
  const common = {
    id: couponOfferId(coupon.id),
    label: coupon.name,
    source: 'coupon' as const,
    priority: couponPriority,
    stacking: { group: couponStackingGroup, exclusive: false },
    scope: scopeOf(coupon),
  };
  const minSpend = coupon.threshold > 0 ? coupon.threshold : undefined;
  if (coupon.kind === 'percent') {
    return {
      ...common,
      kind: 'percent-off',
      payPermille: 1000 - 10 * (coupon.percentOff ?? 0),
      ...(coupon.maxOff !== null ? { cap: coupon.maxOff } : {}),
      ...(minSpend ? { minSpend } : {}),
    };
  }
  const off = coupon.amountOff ?? 0;
  if (coupon.firstOrderOnly) return { ...common, kind: 'first-order', off, ...(minSpend ? { minSpend } : {}) };
  return { ...common, kind: 'amount-off', off, ...(minSpend ? { minSpend } : {}) };
}

/** Points earned on a paid order: one per whole yuan paid, times the multiplier in force. */
export function pointsForPayment(totalCents: number, multiplier: number): number {
  return Math.floor(Math.floor(totalCents / 100) * multiplier);
}

/** Double points (×2) while a big promotion (大促, e.g. 双11) runs; ×1 otherwise. */
export function pointsMultiplier(campaigns: Iterable<Campaign>, now: number): number {
  for (const campaign of campaigns) {
    if (campaign.type === 'big-promotion' && campaign.startsAt <= now && now < campaign.endsAt) return 2;
  }
  return 1;
}
