import { z } from 'zod';
import { cartAbandonMinutes } from '../../cartRecovery/rules.js';
import { id, isoTime } from '../schemas.js';

/** Shapes of the cart-abandon coupon setting (购物车挽回券). */

export const cartAbandonInput = z.discriminatedUnion('enabled', [
  z.object({ enabled: z.literal(false) }).strict(),
  z
    .object({
      enabled: z.literal(true),
      templateId: id.describe('a coupon template with handout "grant"; its validMinutes (e.g. 30) is how long the coupon lasts'),
      afterMinutes: z.int().min(cartAbandonMinutes.min).max(cartAbandonMinutes.max).describe('minutes after the newest cart line without an order'),
    })
    .strict(),
]);

export const cartAbandonView = z.object({
  enabled: z.boolean(),
  templateId: z.string().nullable(),
  afterMinutes: z.int().nullable(),
  since: isoTime.nullable().describe('when it was turned on: carts left before then get no coupon'),
});
