import type { z } from 'zod';
import type { CouponTemplate, WalletCoupon } from '../../promotions/coupons.js';
import { type couponTemplateView, iso, type walletCouponView } from '../schemas.js';

/** A coupon template and a wallet coupon as the API answers them (times as ISO text). */
export const presentTemplate = (t: CouponTemplate): z.infer<typeof couponTemplateView> => ({ ...t, validFrom: iso(t.validFrom), validTo: iso(t.validTo) });

export const presentCoupon = (c: WalletCoupon): z.infer<typeof walletCouponView> => ({
  ...c,
  template: presentTemplate(c.template),
  claimedAt: iso(c.claimedAt),
  expiresAt: iso(c.expiresAt),
});
