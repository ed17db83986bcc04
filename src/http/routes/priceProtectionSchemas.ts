import { z } from 'zod';
import { id, isoTime, orderId } from '../schemas.js';

/** Shapes of the price-protection (保价) routes. */

export const priceProtectionClaimInput = z.object({ orderId, lineId: id.describe('the order line: its product id') }).strict();

export const priceProtectionClaimView = z.object({
  orderId: z.string(),
  lineId: z.string(),
  title: z.string(),
  quantity: z.int(),
  unitPaid: z.int().describe('cents one unit was paid after discounts'),
  unitPriceNow: z.int().describe('cents a unit sold for when claimed'),
  amount: z.int().describe('cents returned: (unitPaid − unitPriceNow) × quantity, never more than the line paid'),
  status: z.enum(['pending', 'refunded']).describe('pending: the refund is still to reach the payment channel'),
  automatic: z.boolean(),
  createdAt: isoTime,
  refundedAt: isoTime.nullable(),
});

export const protectedLineView = z.object({
  lineId: z.string(),
  title: z.string(),
  quantity: z.int(),
  unitPaid: z.int(),
  priceNow: z.int(),
  amount: z.int().describe('cents a claim now would return'),
  state: z.enum(['claimable', 'claimed', 'not-lower', 'expired', 'not-paid']),
  protectedUntil: isoTime.nullable(),
  claim: priceProtectionClaimView.nullable(),
});

export const priceProtectionSetting = z.object({
  automatic: z.boolean().describe('refund the difference by itself when a product’s price falls'),
});

export const priceProtectionSettingView = priceProtectionSetting.extend({ windowDays: z.int() });
