import { z } from 'zod';
import { couponTemplateView, id, isoTime, walletCouponView } from '../schemas.js';

/** An assist campaign as the operator sets it up. */
export const assistCampaignInput = z
  .object({
    title: z.string().trim().min(1).max(200),
    templateId: id.describe('the reward: a coupon template with handout grant'),
    helpersNeeded: z.int().min(1).max(100).describe('friends needed to unlock (N)'),
    startsAt: isoTime,
    endsAt: isoTime,
    dailyHelpLimit: z.int().min(1).max(100).describe('friends one shopper may help a day (Asia/Shanghai)'),
  })
  .strict()
  .refine((c) => Date.parse(c.endsAt) > Date.parse(c.startsAt), { message: 'endsAt must be after startsAt', path: ['endsAt'] });

export const assistCampaignView = z.object({
  id: z.string(),
  title: z.string(),
  reward: couponTemplateView,
  helpersNeeded: z.int(),
  startsAt: isoTime,
  endsAt: isoTime,
  dailyHelpLimit: z.int(),
  started: z.int(),
  unlocked: z.int(),
});

export const assistView = z.object({
  id: z.string(),
  campaign: z.object({ id: z.string(), title: z.string(), reward: couponTemplateView, startsAt: isoTime, endsAt: isoTime }),
  userId: z.string().describe('who started it'),
  progress: z.object({ helpers: z.int(), needed: z.int(), missing: z.int(), unlocked: z.boolean() }),
  unlockedAt: isoTime.nullable(),
  coupon: walletCouponView.nullable().describe('the reward, once unlocked'),
  createdAt: isoTime,
});

/** What anyone opening a shared link sees: the progress, without the starter's coupon. */
export const publicAssistView = assistView.omit({ coupon: true, userId: true });
