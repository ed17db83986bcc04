import { z } from 'zod';
import { couponTemplateView, currency, id, isoTime, walletCouponView } from '../schemas.js';

const offerTerms = {
  currency,
  price: z.int().min(1).max(1_000_000).describe('points or energy per coupon or unit of goods'),
  perUserLimit: z.int().min(1).max(100).describe('redemptions one shopper may make'),
  active: z.boolean().optional().describe('default true; an inactive offer is hidden from shoppers'),
};

/** One coupon (handout grant) for a price; `kind` may be left out, as before goods were offered. */
export const couponOfferInput = z
  .object({ kind: z.literal('coupon').optional(), templateId: id.describe('a coupon template with handout grant'), ...offerTerms })
  .strict();

/** One unit of goods (e.g. 定制保温杯) for a price, shipped by hand; `quantity` units in all. */
export const goodsOfferInput = z
  .object({
    kind: z.literal('goods'),
    goodsName: z.string().trim().min(1).max(60).describe('what the shopper receives, e.g. 定制保温杯'),
    quantity: z.int().min(1).max(1_000_000).describe('units to give in all'),
    ...offerTerms,
  })
  .strict();

/** An exchange offer as the operator sets it up: a coupon or goods for a price in points or energy. */
export const exchangeOfferInput = z.union([couponOfferInput, goodsOfferInput]);

export const exchangeOfferView = z.object({
  id: z.string(),
  kind: z.enum(['coupon', 'goods']),
  template: couponTemplateView.nullable().describe('the coupon (null for goods)'),
  goodsName: z.string().nullable().describe('the goods (null for a coupon)'),
  quantity: z.int().nullable().describe('units of goods in all (null for a coupon)'),
  currency,
  price: z.int(),
  perUserLimit: z.int(),
  active: z.boolean(),
  left: z.int().describe('coupons of the template, or units of goods, still to give'),
});

export const redemptionView = z.object({
  id: z.string(),
  offerId: z.string(),
  currency,
  price: z.int(),
  status: z.enum(['pending', 'granted', 'refunded', 'unpaid']).describe('refunded: none was left and the price came back; unpaid: the balance was too low'),
  coupon: walletCouponView.nullable(),
  goodsName: z.string().nullable().describe('goods redeemed: shipped by hand'),
  shippedAt: isoTime.nullable(),
  at: isoTime,
});

/** A unit of goods given to a shopper, to ship by hand. */
export const goodsToShipView = z.object({
  id: z.string().describe('the redemption'),
  userId: z.string(),
  phone: z.string().nullable(),
  goodsName: z.string(),
  at: isoTime,
  shippedAt: isoTime.nullable(),
});

export const redeemInput = z.object({ offerId: id }).strict();
