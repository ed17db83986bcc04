import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Eligibility } from '../domain/item.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Platform settings that must survive restarts, e.g. the token signing secret. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const users = pgTable('users', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  phone: text('phone').notNull().unique(),
  tier: text('tier').notNull().default('regular'),
  region: text('region'),
  realNameVerified: boolean('real_name_verified').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const campaigns = pgTable('campaigns', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  name: text('name').notNull(),
  type: text('type').notNull(),
  startsAt: ts('starts_at').notNull(),
  endsAt: ts('ends_at').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const sessions = pgTable('sessions', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  campaignId: bigint('campaign_id', { mode: 'number' })
    .notNull()
    .references(() => campaigns.id),
  startsAt: ts('starts_at').notNull(),
  endsAt: ts('ends_at').notNull(),
  paymentWindowSeconds: integer('payment_window_seconds').notNull(),
});

export const items = pgTable('items', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  sessionId: bigint('session_id', { mode: 'number' })
    .notNull()
    .references(() => sessions.id),
  campaignId: bigint('campaign_id', { mode: 'number' })
    .notNull()
    .references(() => campaigns.id),
  title: text('title').notNull(),
  originalPrice: integer('original_price').notNull(),
  flashPrice: integer('flash_price').notNull(),
  stock: integer('stock').notNull(),
  perUserLimit: integer('per_user_limit').notNull(),
  sku: text('sku'),
  eligibility: jsonb('eligibility').$type<Eligibility>().notNull().default({}),
  paused: boolean('paused').notNull().default(false),
});

/**
 * One row per acknowledged reservation; written by group commit before the shopper hears "yes".
 * Few indexes on purpose: every index is paid for on every reservation.
 */
export const orders = pgTable(
  'orders',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey(),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    sessionId: bigint('session_id', { mode: 'number' }).notNull(),
    itemId: bigint('item_id', { mode: 'number' }).notNull(),
    limitKey: text('limit_key').notNull(),
    quantity: integer('quantity').notNull(),
    unitPrice: integer('unit_price').notNull(),
    status: text('status').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    payBefore: ts('pay_before').notNull(),
    createdAt: ts('created_at').notNull(),
    paidAt: ts('paid_at'),
    cancelledAt: ts('cancelled_at'),
    cancelReason: text('cancel_reason'),
  },
  (t) => [
    index('orders_user_idx').on(t.userId),
    index('orders_due_idx').on(t.payBefore).where(sql`status = 'reserved'`),
  ],
);

/** A charge attempt. At most one pending or succeeded payment per order: the guard against double charges. */
export const payments = pgTable(
  'payments',
  {
    id: text('id').primaryKey(),
    orderId: bigint('order_id', { mode: 'bigint' }).notNull(),
    amount: integer('amount').notNull(),
    status: text('status').notNull(), // pending | succeeded | failed | refunded
    channel: text('channel'),
    reference: text('reference'),
    failure: text('failure'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('payments_one_live_per_order').on(t.orderId).where(sql`status in ('pending', 'succeeded')`),
    index('payments_order_idx').on(t.orderId),
  ],
);

/**
 * The one-time sign-in code last issued to a phone (one row a phone: a new code replaces the old).
 * Only a keyed hash of the code is kept; a code is used once and dies after five wrong tries.
 */
export const signInCodes = pgTable('sign_in_codes', {
  phone: text('phone').primaryKey(),
  codeHash: text('code_hash').notNull(),
  issuedAt: ts('issued_at').notNull(),
  expiresAt: ts('expires_at').notNull(),
  wrongTries: integer('wrong_tries').notNull().default(0),
  usedAt: ts('used_at'),
});

/**
 * A kind of coupon an operator issues (P2): what it takes off, where it applies, how many exist, how
 * many one shopper may hold, and when it can be claimed and used. `claimed` only grows: a coupon given
 * back by a cancelled order returns to its holder's wallet, not to the pool.
 */
export const couponTemplates = pgTable('coupon_templates', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  name: text('name').notNull(),
  /** amount: `amountOff` cents; percent: `percentOff` per cent, at most `maxOff` cents. */
  kind: text('kind').notNull(),
  amountOff: integer('amount_off'),
  percentOff: integer('percent_off'),
  maxOff: integer('max_off'),
  /** Spend in scope needed before it applies (满X减Y); 0 for a no-threshold coupon. */
  threshold: integer('threshold').notNull().default(0),
  /** 首单立减: only on a shopper's first order. */
  firstOrderOnly: boolean('first_order_only').notNull().default(false),
  /** all | merchant | category | item, with the id of the merchant, category or item. */
  scopeType: text('scope_type').notNull().default('all'),
  scopeId: text('scope_id'),
  totalQuantity: integer('total_quantity').notNull(),
  claimed: integer('claimed').notNull().default(0),
  perUserLimit: integer('per_user_limit').notNull().default(1),
  /** Claimable and usable from … to. */
  validFrom: ts('valid_from').notNull(),
  validTo: ts('valid_to').notNull(),
  /** A coupon valid only this long after its claim (the cart-abandon coupon: 30 minutes). */
  validMinutes: integer('valid_minutes'),
  /** claim: shoppers claim it in the coupon center; grant: only handed out by the platform (a gift, a prize, a reward). */
  handout: text('handout').notNull().default('claim'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** How many coupons of a template a shopper has claimed: the row a claim locks to keep the per-user cap. */
export const couponClaims = pgTable(
  'coupon_claims',
  {
    templateId: bigint('template_id', { mode: 'number' })
      .notNull()
      .references(() => couponTemplates.id),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    claimed: integer('claimed').notNull(),
  },
  (t) => [primaryKey({ columns: [t.templateId, t.userId] })],
);

/** A coupon in a shopper's wallet: available until used by an order (or expired); a cancel gives it back. */
export const coupons = pgTable(
  'coupons',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    templateId: bigint('template_id', { mode: 'number' })
      .notNull()
      .references(() => couponTemplates.id),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    status: text('status').notNull(), // available | used
    claimedAt: ts('claimed_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    orderId: text('order_id'),
    usedAt: ts('used_at'),
    /** Why the platform granted it (`lottery:…`, `gift:…`): one coupon per cause, however often it is replayed. */
    grantRef: text('grant_ref'),
  },
  (t) => [
    index('coupons_user_idx').on(t.userId),
    index('coupons_order_idx').on(t.orderId),
    uniqueIndex('coupons_once_per_grant').on(t.grantRef).where(sql`grant_ref is not null`),
  ],
);

/**
 * A shopper's balance of one currency (P4): `points` or `energy` (签到能量). Changed only together with a
 * ledger entry, in one statement, and never below zero.
 */
export const pointBalances = pgTable(
  'point_balances',
  {
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(), // points | energy
    balance: integer('balance').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.currency] }), check('point_balances_never_negative', sql`${t.balance} >= 0`)],
);

/**
 * The append-only ledger behind every balance: one row per change. `ref` names the cause (`checkin:2026-11-11`,
 * `grant:…`), unique per shopper and currency, so a cause is applied once however often it is replayed.
 */
export const pointLedger = pgTable(
  'point_ledger',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    delta: integer('delta').notNull(),
    reason: text('reason').notNull(),
    ref: text('ref').notNull(),
    balanceAfter: integer('balance_after').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [uniqueIndex('point_ledger_once_per_ref').on(t.userId, t.currency, t.ref), index('point_ledger_user_idx').on(t.userId, t.id)],
);

/** One daily check-in (签到): `day` is the date in Asia/Shanghai, `streak` counts consecutive days up to it. */
export const checkIns = pgTable(
  'check_ins',
  {
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    day: text('day').notNull(), // YYYY-MM-DD
    streak: integer('streak').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);

export type UserRow = typeof users.$inferSelect;
export type CampaignRow = typeof campaigns.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type ItemRow = typeof items.$inferSelect;
export type OrderRow = typeof orders.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
export type SignInCodeRow = typeof signInCodes.$inferSelect;
export type CouponTemplateRow = typeof couponTemplates.$inferSelect;
export type CouponRow = typeof coupons.$inferSelect;
export type PointLedgerRow = typeof pointLedger.$inferSelect;
