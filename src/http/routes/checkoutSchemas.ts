import { z } from 'zod';
import { maxLineQuantity } from '../../domain/checkout.js';
import { id, isoTime, orderId } from '../schemas.js';

/** The contract of the catalogue of ordinary products, carts and checkout orders. */

const money = z.int().min(0).max(1_000_000_000).describe('money in integer cents (fen)');
const price = z.int().min(1).max(100_000_000).describe('money in integer cents (fen)');
const categoryId = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a category id is lower-case letters, digits and dashes, e.g. kitchen');

export const merchantInput = z.object({ name: z.string().trim().min(1).max(100) }).strict();
export const merchantView = z.object({ id: z.string(), name: z.string() });

export const productInput = z
  .object({
    merchantId: id,
    category: categoryId,
    title: z.string().trim().min(1).max(200),
    price,
    floorPrice: money.optional().describe('最低成交价: the least one unit may sell for after every discount; 0 ≤ floorPrice ≤ price (default 0)'),
    stock: z.int().min(0).max(10_000_000),
    couponsAllowed: z.boolean().optional().describe('default true'),
  })
  .strict()
  .refine((p) => (p.floorPrice ?? 0) <= p.price, { message: 'floorPrice must not be above price', path: ['floorPrice'] });

export const productChange = z
  .object({
    category: categoryId.optional(),
    title: z.string().trim().min(1).max(200).optional(),
    price: price.optional(),
    floorPrice: money.optional(),
    stock: z.int().min(0).max(10_000_000).optional(),
    couponsAllowed: z.boolean().optional(),
  })
  .strict()
  .refine((p) => p.price === undefined || p.floorPrice === undefined || p.floorPrice <= p.price, {
    message: 'floorPrice must not be above price',
    path: ['floorPrice'],
  });

export const productView = z.object({
  id: z.string(),
  merchantId: z.string(),
  merchantName: z.string(),
  category: z.string(),
  title: z.string(),
  price: z.int(),
  floorPrice: z.int(),
  stock: z.int(),
  couponsAllowed: z.boolean(),
});

export const productFilter = z.object({ merchantId: id.optional(), category: categoryId.optional() }).strict();

export const cartLineInput = z.object({ quantity: z.int().min(0).max(maxLineQuantity).describe('0 removes the line') }).strict();

const offerKind = z.enum(['spend-reduction', 'member-discount', 'percent-off', 'amount-off', 'first-order']);
const offerSource = z.enum(['promotion', 'coupon']);
export const skipReasons = ['not-eligible', 'out-of-scope', 'threshold-not-met', 'at-floor', 'not-chosen'] as const;

const offerNamed = {
  offerId: z.string(),
  kind: offerKind,
  source: offerSource,
  label: z.string(),
  couponId: z.string().nullable().describe('the wallet coupon behind a coupon offer'),
};

export const quoteView = z.object({
  lines: z.array(
    z.object({
      productId: z.string(),
      merchantId: z.string(),
      merchantName: z.string(),
      category: z.string(),
      title: z.string(),
      unitPrice: z.int(),
      floorPrice: z.int(),
      quantity: z.int(),
      stock: z.int().describe('units on sale now; fewer than quantity and the cart cannot be ordered as it is'),
      listTotal: z.int(),
      discounts: z.array(z.object({ offerId: z.string(), label: z.string(), source: offerSource, amount: z.int() })).describe('in application order'),
      total: z.int(),
    }),
  ),
  applied: z.array(z.object({ ...offerNamed, amount: z.int(), limitedByFloor: z.boolean() })).describe('promotions and at most one coupon, in application order'),
  skipped: z.array(z.object({ ...offerNamed, reason: z.enum(skipReasons) })).describe('offers not in the price, and why'),
  listTotal: z.int(),
  discountTotal: z.int(),
  total: z.int(),
});

export const checkoutInput = z
  .object({ expectedTotal: money.optional().describe('the total the shopper saw: a different price now answers 409 QUOTE_CHANGED') })
  .strict()
  .nullish();

export const checkoutOrderView = z.object({
  id: z.string(),
  status: z.enum(['reserved', 'paid', 'cancelled']),
  listTotal: z.int(),
  discountTotal: z.int(),
  total: z.int(),
  couponIds: z.array(z.string()),
  lines: z.array(
    z.object({ productId: z.string(), merchantId: z.string(), title: z.string(), quantity: z.int(), unitPrice: z.int(), total: z.int() }),
  ),
  explanation: quoteView,
  payBefore: isoTime,
  createdAt: isoTime,
  paidAt: isoTime.nullable(),
  cancelledAt: isoTime.nullable(),
  cancelReason: z.string().nullable(),
  payment: z.object({ id: z.string(), status: z.string(), channel: z.string().nullable(), amount: z.int() }).nullable(),
});

export const checkoutOrderParams = z.object({ id: orderId });
