import { z } from 'zod';
import { prizeKinds } from '../../domain/lottery.js';
import { currency, id, isoTime } from '../schemas.js';

const limit = z.int().min(1).max(10_000).nullable();

export const prizeInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    kind: z.enum(prizeKinds).describe('coupon (a template with handout grant), points, goods (shipped by hand), none (谢谢参与)'),
    templateId: id.optional().describe('kind coupon'),
    points: z.int().min(1).max(1_000_000).optional().describe('kind points'),
    quantity: z.int().min(1).max(1_000_000).optional().describe('how many there are; not for none'),
    weight: z.int().min(0).max(1_000_000).describe('relative odds among the prizes left'),
  })
  .strict();

/** A lottery as the operator sets it up. */
export const lotteryInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    startsAt: isoTime,
    endsAt: isoTime,
    cost: z.object({ currency, amount: z.int().min(0).max(1_000_000).describe('per draw; 0 = free') }).strict(),
    limit: z
      .object({ total: limit.describe('draws per shopper in all; null = no limit'), daily: limit.describe('draws per shopper a day (Asia/Shanghai); null = no limit') })
      .strict(),
    prizes: z.array(prizeInput).min(1).max(20),
  })
  .strict()
  .refine((l) => Date.parse(l.endsAt) > Date.parse(l.startsAt), { message: 'endsAt must be after startsAt', path: ['endsAt'] })
  .refine((l) => l.limit.total !== null || l.limit.daily !== null, { message: 'set a total or a daily draw limit', path: ['limit'] });

export const prizeView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(prizeKinds),
  templateId: z.string().nullable(),
  points: z.int().nullable(),
  quantity: z.int().nullable(),
  awarded: z.int(),
  left: z.int().nullable().describe('null: no quantity (谢谢参与)'),
  weight: z.int(),
});

export const lotteryView = z.object({
  id: z.string(),
  name: z.string(),
  startsAt: isoTime,
  endsAt: isoTime,
  cost: z.object({ currency, amount: z.int() }),
  limit: z.object({ total: z.int().nullable(), daily: z.int().nullable() }),
  prizes: z.array(prizeView),
});

export const drawView = z.object({
  id: z.string(),
  lotteryId: z.string(),
  userId: z.string(),
  prize: z.object({ id: z.string(), name: z.string(), kind: z.enum(prizeKinds) }).nullable().describe('null: 谢谢参与'),
  roll: z.int().describe('the random number that picked the prize, below weightTotal'),
  weightTotal: z.int(),
  cost: z.object({ currency, amount: z.int() }),
  delivery: z.enum(['delivered', 'undelivered', 'pending']),
  couponId: z.string().nullable(),
  at: isoTime,
});

export const drawsLeftView = z.object({ total: z.int().nullable(), today: z.int().nullable() }).describe('null: no such limit');

export const auditView = z.object({
  lottery: lotteryView,
  draws: z.array(drawView).describe('newest first, at most 500'),
  totals: z.array(z.object({ prizeId: z.string().nullable(), name: z.string(), won: z.int() })).describe('draws per prize; prizeId null: nothing won'),
  drawCount: z.int(),
  collected: z.int().describe('cost collected, in the cost currency'),
});
