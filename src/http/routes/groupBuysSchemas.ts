import { z } from 'zod';
import { groupSizeRange } from '../../domain/groupBuy.js';
import { cents, id, isoTime } from '../schemas.js';

/** Group buy (拼团) shapes: request types and the web app's types are inferred from these. */

export const groupBuyDealInput = z
  .object({
    title: z.string().trim().min(1).max(200),
    merchant: z.string().trim().min(1).max(200),
    originalPrice: cents,
    groupPrice: cents.describe('what each member pays; below the original price'),
    groupSize: z.int().min(groupSizeRange.min).max(groupSizeRange.max).describe('N: members needed for the group to succeed'),
    hoursOpen: z.int().min(1).max(720).describe('hours a group stays open after it is opened (never past the deal end)'),
    stock: z.int().min(1).max(10_000_000).describe('units for the whole deal, one per member'),
    perUserLimit: z.int().min(1).max(100).describe('groups one shopper may be in'),
    startsAt: isoTime,
    endsAt: isoTime,
    reward: z
      .object({
        templateId: id.describe("a coupon template with handout 'grant'"),
        top: z.int().min(1).max(100).describe('the top K succeeded groups on the leaderboard'),
      })
      .strict()
      .optional()
      .describe('when the deal ends, every member of each top-K group gets one coupon of the template'),
  })
  .strict()
  .refine((d) => d.groupPrice < d.originalPrice, { message: 'the group price must be below the original price', path: ['groupPrice'] })
  .refine((d) => Date.parse(d.endsAt) > Date.parse(d.startsAt), { message: 'endsAt must be after startsAt', path: ['endsAt'] })
  .refine((d) => d.stock >= d.groupSize, { message: 'the stock must fill at least one group', path: ['stock'] });

export const groupBuyDealView = z.object({
  id: z.string(),
  title: z.string(),
  merchant: z.string(),
  originalPrice: z.int(),
  groupPrice: z.int(),
  groupSize: z.int(),
  hoursOpen: z.int(),
  stock: z.int(),
  remaining: z.int().describe('units not held by any group'),
  perUserLimit: z.int(),
  startsAt: isoTime,
  endsAt: isoTime,
  state: z.enum(['upcoming', 'live', 'ended']),
  reward: z.object({ templateId: z.string(), top: z.int() }).nullable(),
  rewardsGiven: z.boolean(),
});

export const groupStatus = z.enum(['open', 'succeeded', 'failed']);

export const groupView = z.object({
  id: z.string(),
  dealId: z.string(),
  size: z.int(),
  members: z.int().describe('places held, paying or paid'),
  paid: z.int(),
  needed: z.int().describe('paid members still needed (还差 N 人)'),
  status: groupStatus,
  openedAt: isoTime,
  closesAt: isoTime,
  succeededAt: isoTime.nullable(),
  failedAt: isoTime.nullable(),
  places: z.array(z.object({ leader: z.boolean(), paid: z.boolean(), joinedAt: isoTime })),
});

export const operatorGroupView = groupView.extend({ leaderId: z.string() });

export const leaderboardEntryView = z.object({
  rank: z.int(),
  groupId: z.string(),
  status: groupStatus,
  paid: z.int(),
  size: z.int(),
  openedAt: isoTime,
  succeededAt: isoTime.nullable(),
});

export const groupBuyPageView = z.object({
  deal: groupBuyDealView,
  openGroups: z.array(groupView).describe('groups one can join now, the closest to filling first'),
  leaderboard: z.array(leaderboardEntryView),
  serverTime: isoTime,
});

export const groupPageView = z.object({ group: groupView, deal: groupBuyDealView, serverTime: isoTime });

export const membershipView = z.object({
  id: z.string().describe('the place (an order id)'),
  groupId: z.string(),
  dealId: z.string(),
  title: z.string(),
  merchant: z.string(),
  amount: z.int(),
  leader: z.boolean(),
  status: z.enum(['paying', 'paid', 'confirmed', 'failed', 'cancelled', 'refunded']),
  joinedAt: isoTime,
  paidAt: isoTime.nullable(),
  group: z.object({ status: groupStatus, size: z.int(), paid: z.int(), needed: z.int(), closesAt: isoTime }),
  payment: z.object({ status: z.string(), channel: z.string().nullable() }).nullable(),
});

export const payWith = z
  .object({ channel: z.string().max(50).optional().describe('preferred payment channel') })
  .strict()
  .nullish();
