import { z } from 'zod';
import { couponTemplateView, currency, id, isoTime, walletCouponView } from '../schemas.js';

/** An exchange offer as the operator sets it up: one coupon (handout grant) for a price in points or energy. */
export const exchangeOfferInput = z
  .object({
    templateId: id.describe('a coupon template with handout grant'),
    currency,
    price: z.int().min(1).max(1_000_000).describe('points or energy per coupon'),
    perUserLimit: z.int().min(1).max(100).describe('redemptions one shopper may make'),
    active: z.boolean().optional().describe('default true; an inactive offer is hidden from shoppers'),
  })
  .strict();

export const exchangeOfferView = z.object({
  id: z.string(),
  template: couponTemplateView,
  currency,
  price: z.int(),
  perUserLimit: z.int(),
  active: z.boolean(),
  left: z.int().describe('coupons of the template still to give'),
});

export const redemptionView = z.object({
  id: z.string(),
  offerId: z.string(),
  currency,
  price: z.int(),
  status: z.enum(['pending', 'granted', 'refunded', 'unpaid']).describe('refunded: the coupons ran out and the price came back; unpaid: the balance was too low'),
  coupon: walletCouponView.nullable(),
  at: isoTime,
});

export const redeemInput = z.object({ offerId: id }).strict();
