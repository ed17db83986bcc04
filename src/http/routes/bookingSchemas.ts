import { z } from 'zod';
import { id, isoTime } from '../schemas.js';

/** Shapes of bookings (预约) and booking gifts (预约有礼); the web app infers its types from these. */
export const bookingView = z.object({
  sessionId: z.string(),
  campaignId: z.string(),
  campaignName: z.string(),
  startsAt: isoTime,
  endsAt: isoTime,
  bookedAt: isoTime,
  gift: z
    .object({
      slot: z.int().describe('this booking was the n-th to win a gift'),
      couponTemplateId: z.string(),
      couponId: z.string().nullable().describe('the coupon granted into the wallet'),
      state: z.enum(['granted', 'pool_empty', 'pending']).describe('pool_empty: the slot was won but the coupon pool had run out'),
    })
    .nullable()
    .describe('null when this booking won no gift'),
});

export const bookingGiftView = z.object({
  sessionId: z.string(),
  booked: z.int().describe('shoppers who have booked this session'),
  gift: z
    .object({
      couponTemplateId: z.string(),
      couponName: z.string(),
      firstK: z.int().describe('the first K bookers get the coupon'),
      left: z.int().describe('gift slots still open'),
    })
    .nullable(),
});

export const bookingInput = z.object({ sessionId: id }).strict();

export const bookingGiftInput = z
  .object({
    couponTemplateId: id.describe('a coupon with handout "grant"'),
    firstK: z.int().min(1).max(1_000_000),
  })
  .strict();

export const inboxMessageView = z.object({
  id: z.string(),
  kind: z.string().describe('session_start | campaign_start'),
  title: z.string(),
  body: z.string(),
  link: z.string().describe('the page the message is about'),
  payload: z.record(z.string(), z.string()).describe('campaignId, campaignName, startsAt and (for a session) sessionId; for a cart-abandon coupon: couponId, couponName, expiresAt'),
  at: isoTime,
  read: z.boolean(),
});

export const inboxView = z.object({ messages: z.array(inboxMessageView).describe('newest first, at most 50'), unread: z.int() });
