import { z } from 'zod';
import { campaignTypes } from '../domain/campaign.js';
import { orderStatuses } from '../domain/order.js';
import { memberTiers } from '../domain/shopper.js';
import { attemptOutcomes } from '../domain/attempt.js';
import { currencies } from '../domain/points.js';

/** Shapes shared by several routes. Request types are inferred from these; never written twice. */
export const id = z.string().regex(/^[1-9][0-9]{0,17}$/, 'an id is a positive decimal number');
export const orderId = z.string().regex(/^[0-9]{1,19}$/, 'an order id is a decimal number');
/** A page cursor is an order id that must also fit PostgreSQL's bigint. */
export const orderCursor = orderId.refine((v) => BigInt(v) <= 9223372036854775807n, 'an order id fits a 64-bit integer');
export const isoTime = z.iso.datetime({ offset: true }).describe('ISO-8601 time');
export const cents = z.int().min(1).max(1_000_000_000).describe('money in integer cents (fen)');
export const region = z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'an ISO 3166-2 code such as CN-31');
export const tier = z.enum(memberTiers);
export const phone = z.string().regex(/^\+?[0-9]{6,15}$/, 'a phone number of 6 to 15 digits');

export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

/** The refusals most routes may answer, each with its stable code. */
export const failures = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export const eligibility = z
  .object({
    tiers: z.array(tier).max(4).optional(),
    invitedUserIds: z.array(id).max(100_000).optional(),
    realNameRequired: z.boolean().optional(),
    regionsAllowed: z.array(region).max(500).optional(),
    regionsDenied: z.array(region).max(500).optional(),
    priorityWindow: z
      .object({ minTier: tier, minutes: z.int().min(1).max(1440) })
      .strict()
      .optional()
      .describe('shoppers of minTier or above may buy this many minutes before the general start'),
  })
  .strict();

export const itemView = z.object({
  id: z.string(),
  sessionId: z.string(),
  title: z.string(),
  originalPrice: z.int(),
  flashPrice: z.int(),
  initialStock: z.int().describe('units loaded for the sale'),
  stock: z.int().describe('units still on sale'),
  soldOut: z.boolean(),
  perUserLimit: z.int(),
  sku: z.string().nullable(),
  paused: z.boolean(),
  eligibility,
});

export const sessionView = z.object({
  id: z.string(),
  campaignId: z.string(),
  startsAt: isoTime,
  endsAt: isoTime,
  paymentWindowSeconds: z.int(),
  state: z.enum(['upcoming', 'live', 'ended']),
  serverTime: isoTime,
  items: z.array(itemView),
});

export const campaignView = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(campaignTypes),
  startsAt: isoTime,
  endsAt: isoTime,
  sessions: z.array(
    z.object({ id: z.string(), startsAt: isoTime, endsAt: isoTime, state: z.enum(['upcoming', 'live', 'ended']) }),
  ),
});

export const orderView = z.object({
  id: z.string(),
  sessionId: z.string(),
  itemId: z.string(),
  quantity: z.int(),
  unitPrice: z.int(),
  amount: z.int(),
  status: z.enum(orderStatuses),
  payBefore: isoTime,
  createdAt: isoTime,
  paidAt: isoTime.nullable(),
  cancelledAt: isoTime.nullable(),
  cancelReason: z.string().nullable(),
  payment: z
    .object({ id: z.string(), status: z.string(), channel: z.string().nullable(), amount: z.int() })
    .nullable(),
});

/** What a shopper signing in sees: the account, the phone masked. */
export const shopperProfile = z.object({
  id: z.string(),
  phone: z.string().describe('masked: 138****5678'),
  tier,
  region: region.nullable(),
  realNameVerified: z.boolean(),
});

export const codeIssued = z.object({
  phone: z.string().describe('masked'),
  expiresAt: isoTime,
  code: z.string().optional().describe('only when the server shows sign-in codes (a demo)'),
});

export const signedIn = z.object({ token: z.string(), shopper: shopperProfile });

export const demoShopper = z.object({ phone: z.string(), tier, realNameVerified: z.boolean(), region: region.nullable() });

export const reservation = z.object({ orderId: z.string(), status: z.literal('reserved'), payBefore: isoTime });

/** Units per item of a session: still on sale, and in orders of each status. */
export const unitCounts = z.object({
  id: z.string(),
  title: z.string(),
  initialStock: z.int(),
  stock: z.int().describe('units still on sale'),
  reserved: z.int(),
  paid: z.int(),
  shipped: z.int(),
  completed: z.int(),
  cancelled: z.int(),
  refunded: z.int(),
});

/** An order as the operator sees it. */
export const operatorOrder = z.object({
  id: z.string(),
  userId: z.string(),
  itemId: z.string(),
  quantity: z.int(),
  amount: z.int(),
  status: z.enum(orderStatuses),
  createdAt: isoTime,
  paidAt: isoTime.nullable(),
});

const count = z.int().min(0);

/** One second of a session on sale, as the operator's dashboard shows it. */
export const liveSnapshot = z.object({
  sessionId: z.string(),
  serverTime: isoTime,
  state: z.enum(['upcoming', 'live', 'ended']),
  views: count.describe('session page loads and live-stream opens since the servers started (all nodes)'),
  attempts: z
    .object(Object.fromEntries(attemptOutcomes.map((o) => [o, count])) as Record<(typeof attemptOutcomes)[number], typeof count>)
    .catchall(count)
    .describe('buy attempts by outcome, cumulative (all nodes); rates are differences between snapshots'),
  orders: z.object(Object.fromEntries(orderStatuses.map((s) => [s, count])) as Record<(typeof orderStatuses)[number], typeof count>),
  paidOrders: count.describe('paid + shipped + completed'),
  gmv: count.describe('cents: amount of paid + shipped + completed orders'),
  payments: z.object({ succeeded: count, failed: count }),
  paymentSuccessRate: z.number().min(0).max(1).nullable(),
  funnel: z.object({
    views: count,
    attempts: count.describe('attempts of every outcome'),
    reserved: count.describe('orders ever reserved'),
    paid: count,
  }),
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      initialStock: count,
      stock: count.describe('units still on sale'),
      reserved: count.describe('units in orders awaiting payment'),
      paid: count.describe('units in paid, shipped and completed orders'),
      soldOut: z.boolean(),
      paused: z.boolean(),
    }),
  ),
  alerts: z
    .array(
      z.object({
        id: z.string(),
        level: z.enum(['info', 'warning', 'critical']),
        code: z.enum(['LOW_STOCK', 'SOLD_OUT', 'PAYMENT_SUCCESS_LOW', 'RATE_LIMITED_SURGE']),
        itemId: z.string().nullable(),
        message: z.string(),
        at: isoTime,
      }),
    )
    .describe('newest first, at most 50; raised once when the condition starts'),
});

const couponScope = z.discriminatedUnion('type', [
  z.object({ type: z.literal('all') }).strict(),
  z.object({ type: z.enum(['merchant', 'category', 'item']), id: z.string().trim().min(1).max(100) }).strict(),
]);

/** A kind of coupon as the operator issues it: an amount or a percentage off, scoped, counted, dated. */
export const couponTemplateInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    kind: z.enum(['amount', 'percent']),
    amountOff: cents.optional().describe('kind amount: cents off'),
    percentOff: z.int().min(1).max(99).optional().describe('kind percent: per cent off'),
    maxOff: cents.optional().describe('kind percent: at most this many cents off'),
    threshold: z.int().min(0).max(1_000_000_000).optional().describe('spend in scope needed (满X减Y); 0 = no threshold'),
    firstOrderOnly: z.boolean().optional().describe('首单立减: only on a first order'),
    scope: couponScope.optional(),
    totalQuantity: z.int().min(1).max(10_000_000),
    perUserLimit: z.int().min(1).max(100).optional(),
    validFrom: isoTime,
    validTo: isoTime,
    validMinutes: z.int().min(1).max(10_080).optional().describe('valid this long after its claim (cart-abandon coupon: 30)'),
    handout: z
      .enum(['claim', 'grant'])
      .optional()
      .describe('claim (default): shoppers claim it in the coupon center; grant: only handed out as a gift, prize or reward'),
  })
  .strict()
  .refine((c) => (c.kind === 'amount' ? c.amountOff !== undefined && c.percentOff === undefined && c.maxOff === undefined : c.percentOff !== undefined && c.amountOff === undefined), {
    message: 'an amount coupon needs amountOff; a percent coupon needs percentOff (and may have maxOff)',
    path: ['kind'],
  })
  .refine((c) => Date.parse(c.validTo) > Date.parse(c.validFrom), { message: 'validTo must be after validFrom', path: ['validTo'] })
  .refine((c) => c.kind !== 'amount' || !c.threshold || c.amountOff! < c.threshold, {
    message: 'amountOff must be below the threshold',
    path: ['amountOff'],
  });

export const couponTemplateView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['amount', 'percent']),
  amountOff: z.int().nullable(),
  percentOff: z.int().nullable(),
  maxOff: z.int().nullable(),
  threshold: z.int(),
  firstOrderOnly: z.boolean(),
  scope: couponScope,
  totalQuantity: z.int(),
  claimed: z.int(),
  perUserLimit: z.int(),
  validFrom: isoTime,
  validTo: isoTime,
  validMinutes: z.int().nullable(),
  handout: z.enum(['claim', 'grant']),
});

export const walletCouponView = z.object({
  id: z.string(),
  template: couponTemplateView,
  state: z.enum(['available', 'used', 'expired']),
  claimedAt: isoTime,
  expiresAt: isoTime,
  orderId: z.string().nullable(),
});

export const iso = (ms: number) => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const currency = z.enum(currencies);

export const ledgerEntryView = z.object({
  id: z.string(),
  currency,
  delta: z.int().describe('positive earns, negative spends'),
  reason: z.string(),
  ref: z.string().describe('the cause; one entry per shopper, currency and ref'),
  balanceAfter: z.int(),
  at: isoTime,
});

export const balancesView = z.object({ points: z.int(), energy: z.int() });

/** An operator's grant (or, with a negative amount, a deduction) of points or energy. */
export const pointsGrantInput = z
  .object({
    userId: id,
    currency,
    amount: z.int().min(-1_000_000).max(1_000_000).refine((n) => n !== 0, 'amount must not be 0').describe('base amount; negative deducts'),
    multiplier: z.number().min(1).max(10).optional().describe('campaign multiplier in force (2 = double points); earned = floor(amount × multiplier)'),
    reason: z.string().trim().min(1).max(200),
    ref: z.string().trim().min(1).max(200).describe('applied once per shopper and currency: a repeat answers the first entry'),
  })
  .strict()
  .refine((g) => g.multiplier === undefined || g.amount > 0, { message: 'a multiplier applies to earning only', path: ['multiplier'] });

export const checkInView = z.object({
  day: z.string().describe('YYYY-MM-DD in Asia/Shanghai'),
  streak: z.int(),
  reward: z.int().describe('energy earned'),
  balance: z.int().describe('energy after it'),
});

export const checkInMonthView = z.object({
  today: z.string(),
  month: z.string().describe('YYYY-MM'),
  days: z.array(z.object({ day: z.string(), streak: z.int() })),
  checkedInToday: z.boolean(),
  streak: z.int().describe("the live streak: today's, or yesterday's until today's check-in"),
  rewards: z.object({ daily: z.int(), everySeventh: z.int() }).describe('energy for an ordinary day and for every 7th day in a row'),
});
