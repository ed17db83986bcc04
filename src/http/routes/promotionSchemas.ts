import { z } from 'zod';
import { id, isoTime, tier } from '../schemas.js';

/** Shapes of the promotion routes. The rules that tie fields together are the service's (PROMOTION_INVALID). */

const money = z.int().min(0).max(1_000_000_000).describe('money in integer cents (fen)');
const rate = z.int().min(1).max(999).describe('the share of the price paid, per mille: 950 is 95折');
const ref = z.string().trim().min(1).max(100);

export const spendTier = z.object({ threshold: money, off: money }).strict();

export const promotionRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('spend-reduction'), tiers: z.array(spendTier).min(1).max(10).describe('满X减Y steps, thresholds ascending') }).strict(),
  z
    .object({
      kind: z.literal('member-discount'),
      payPermille: z.partialRecord(tier, rate).describe('per member tier; tiers not listed get nothing'),
    })
    .strict(),
  z.object({ kind: z.literal('percent-off'), payPermille: rate, cap: money.optional(), minSpend: money.optional() }).strict(),
  z.object({ kind: z.literal('amount-off'), off: money, minSpend: money.optional() }).strict(),
]);

export const promotionScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cart') }).strict().describe('跨店: every line of the cart'),
  z.object({ kind: z.literal('merchant'), merchantId: ref }).strict(),
  z.object({ kind: z.literal('category'), categoryId: ref }).strict(),
  z.object({ kind: z.literal('items'), itemIds: z.array(ref).min(1).max(500) }).strict(),
]);

const terms = {
  label: z.string().trim().min(1).max(60).describe('shown as is, e.g. 满300减50'),
  rule: promotionRule,
  scope: promotionScope,
  stackingGroup: z.string().trim().min(1).max(40).nullable().optional().describe('at most one offer of a group applies; none: a group of its own'),
  exclusive: z.boolean().optional().describe('applies alone'),
  priority: z.int().min(-1000).max(1000).optional().describe('lower applies first'),
  startsAt: isoTime,
  endsAt: isoTime,
  enabled: z.boolean().optional(),
};

export const promotionInput = z.object(terms).strict();

export const promotionPatch = z
  .object({ ...terms, label: terms.label.optional(), rule: terms.rule.optional(), scope: terms.scope.optional(), startsAt: isoTime.optional(), endsAt: isoTime.optional() })
  .partial()
  .strict()
  .describe('terms change only before the start; enabled and an earlier endsAt at any time');

export const promotionView = z.object({
  id: z.string(),
  label: z.string(),
  rule: promotionRule,
  scope: promotionScope,
  stackingGroup: z.string().nullable(),
  exclusive: z.boolean(),
  priority: z.int(),
  startsAt: isoTime,
  endsAt: isoTime,
  enabled: z.boolean(),
  state: z.enum(['scheduled', 'running', 'ended', 'disabled']),
  version: z.int(),
});

export const promotionParams = z.object({ id });

/** A cart to price: each line an item as the shop shows it. */
export const priceQuoteInput = z
  .object({
    tier: tier.default('regular'),
    firstOrder: z.boolean().default(false),
    lines: z
      .array(
        z
          .object({
            lineId: ref.optional().describe('default: the line number'),
            itemId: ref,
            merchantId: ref,
            categoryId: ref,
            unitPrice: money,
            quantity: z.int().min(1).max(10_000),
            floorPrice: money.optional().describe('最低成交价; default 0'),
          })
          .strict(),
      )
      .min(1)
      .max(100),
  })
  .strict();

const skipReason = z.enum(['not-eligible', 'out-of-scope', 'threshold-not-met', 'at-floor', 'not-chosen']);
const offerKind = z.enum(['spend-reduction', 'member-discount', 'percent-off', 'amount-off', 'first-order']);
const source = z.enum(['promotion', 'coupon']);

export const pricedCartView = z.object({
  lines: z.array(
    z.object({
      lineId: z.string(),
      listTotal: z.int(),
      discounts: z.array(z.object({ offerId: z.string(), amount: z.int() })),
      total: z.int(),
    }),
  ),
  applied: z.array(
    z.object({
      offerId: z.string(),
      kind: offerKind,
      source,
      label: z.string(),
      amount: z.int(),
      base: z.int(),
      tier: spendTier.optional(),
      limitedByFloor: z.boolean(),
    }),
  ),
  skipped: z.array(z.object({ offerId: z.string(), kind: offerKind, source, label: z.string(), reason: skipReason })),
  listTotal: z.int(),
  discountTotal: z.int(),
  total: z.int(),
});
