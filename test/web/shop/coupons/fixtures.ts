import type { CouponTemplate, WalletCoupon } from '../../../../web/src/api/types';
import { t0 } from '../fixtures';

export { t0 };

/** A kind of coupon as GET /api/coupons answers it. */
export function template(overrides: Partial<CouponTemplate> = {}): CouponTemplate {
  return {
    id: '3',
    name: '双十一满减券',
    kind: 'amount',
    amountOff: 5_000,
    percentOff: null,
    maxOff: null,
    threshold: 30_000,
    firstOrderOnly: false,
    scope: { type: 'all' },
    totalQuantity: 100,
    claimed: 12,
    perUserLimit: 1,
    validFrom: new Date(t0 - 3_600_000).toISOString(),
    validTo: new Date(t0 + 7 * 86_400_000).toISOString(),
    validMinutes: null,
    handout: 'claim',
    ...overrides,
  };
}

/** A coupon in the wallet as GET /api/me/coupons answers it. */
export function walletCoupon(overrides: Partial<WalletCoupon> = {}): WalletCoupon {
  return {
    id: '41',
    template: template(),
    state: 'available',
    claimedAt: new Date(t0).toISOString(),
    expiresAt: new Date(t0 + 7 * 86_400_000).toISOString(),
    orderId: null,
    ...overrides,
  };
}
