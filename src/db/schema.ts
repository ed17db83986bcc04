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
export const couponTemplates = pgTable(
  'coupon_templates',
  {
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
  },
  // The last guard of the pool: a statement that would hand out one coupon too many fails whole.
  (t) => [check('coupon_templates_within_quantity', sql`${t.claimed} <= ${t.totalQuantity}`)],
);

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

// ── Promotions: the operator's stored promotions ─────────────────────────────────────────────────

/**
 * A promotion the operator runs (满减, member price, 折扣, 立减): `rule` holds what the kind takes off
 * (tiers, per-tier rates, cap, minimum spend), `scope` which lines it reaches. It runs from `starts_at`
 * to `ends_at` while enabled; `version` grows with every edit, so two edits never overwrite each other.
 */
export const shopPromotions = pgTable(
  'shop_promotions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    label: text('label').notNull(),
    kind: text('kind').notNull(), // spend-reduction | member-discount | percent-off | amount-off
    rule: jsonb('rule').notNull(),
    scope: jsonb('scope').notNull(),
    /** null: a group of its own, so it stacks with every offer that is not exclusive. */
    stackingGroup: text('stacking_group'),
    exclusive: boolean('exclusive').notNull().default(false),
    priority: integer('priority').notNull().default(0),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('shop_promotions_window_idx').on(t.endsAt)],
);

// ── Reserve-with-gift (预约有礼) and reminders through an outbox ──

/** A shopper's booking (预约) of an upcoming session: one per shopper per session; a cancel keeps the row. */
export const bookings = pgTable(
  'bookings',
  {
    sessionId: bigint('session_id', { mode: 'number' })
      .notNull()
      .references(() => sessions.id),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    bookedAt: ts('booked_at').notNull(),
    cancelledAt: ts('cancelled_at'),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] }), index('bookings_user_idx').on(t.userId)],
);

/** The gift an operator attaches to a session's bookings: the first `firstK` bookers get a coupon; `taken` slots so far. */
export const bookingGifts = pgTable('booking_gifts', {
  sessionId: bigint('session_id', { mode: 'number' })
    .primaryKey()
    .references(() => sessions.id),
  couponTemplateId: bigint('coupon_template_id', { mode: 'number' })
    .notNull()
    .references(() => couponTemplates.id),
  firstK: integer('first_k').notNull(),
  taken: integer('taken').notNull().default(0),
});

/** A gift slot won by a booking (1..K), and what came of it: granted (coupon_id) or pool_empty; null while being granted. */
export const bookingGiftSlots = pgTable(
  'booking_gift_slots',
  {
    sessionId: bigint('session_id', { mode: 'number' }).notNull(),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    slot: integer('slot').notNull(),
    couponTemplateId: bigint('coupon_template_id', { mode: 'number' }).notNull(),
    couponId: bigint('coupon_id', { mode: 'number' }),
    outcome: text('outcome'), // granted | pool_empty
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] }), uniqueIndex('booking_gift_slots_once').on(t.sessionId, t.slot)],
);

/**
 * The outbox: one row per notification to deliver (shopper × cause × channel). `dedupeKey` names it, so
 * scheduling again adds nothing; a dispatcher claims a row with a lease (`claimedUntil`) before it sends.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    channel: text('channel').notNull(),
    kind: text('kind').notNull(), // session_start | campaign_start | cart_abandon
    dedupeKey: text('dedupe_key').notNull().unique(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link').notNull(),
    payload: jsonb('payload').$type<Record<string, string>>().notNull(),
    status: text('status').notNull().default('pending'), // pending | sent | failed
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull(),
    claimedBy: text('claimed_by'),
    claimedUntil: ts('claimed_until'),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull(),
    sentAt: ts('sent_at'),
  },
  (t) => [index('notifications_due_idx').on(t.status, t.nextAttemptAt)],
);

/** The in-app inbox: what the inbox channel delivered, once per notification. */
export const inboxMessages = pgTable(
  'inbox_messages',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    notificationId: bigint('notification_id', { mode: 'number' }).notNull().unique(),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link').notNull(),
    payload: jsonb('payload').$type<Record<string, string>>().notNull(),
    at: ts('at').notNull(),
    readAt: ts('read_at'),
  },
  (t) => [index('inbox_messages_user_idx').on(t.userId, t.id)],
);

// ── Checkout for ordinary orders: merchants, their products, carts, and the orders a cart becomes ──

export const merchants = pgTable('merchants', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  name: text('name').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/**
 * An ordinary product (not a flash-sale item): sold at `price`, never below `floor_price` (最低成交价) after
 * discounts. `stock` never goes below zero: the CHECK makes a checkout that would oversell fail as a whole.
 */
export const products = pgTable(
  'products',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    merchantId: bigint('merchant_id', { mode: 'number' })
      .notNull()
      .references(() => merchants.id),
    category: text('category').notNull(),
    title: text('title').notNull(),
    price: integer('price').notNull(),
    floorPrice: integer('floor_price').notNull().default(0),
    stock: integer('stock').notNull(),
    couponsAllowed: boolean('coupons_allowed').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('products_merchant_idx').on(t.merchantId),
    check('products_stock_never_negative', sql`${t.stock} >= 0`),
    check('products_floor_within_price', sql`${t.floorPrice} >= 0 and ${t.floorPrice} <= ${t.price}`),
  ],
);

/** A shopper's cart: one row per product, kept until bought or removed. */
export const cartLines = pgTable(
  'cart_lines',
  {
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    productId: bigint('product_id', { mode: 'number' })
      .notNull()
      .references(() => products.id),
    quantity: integer('quantity').notNull(),
    addedAt: ts('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.productId] }), check('cart_lines_quantity_positive', sql`${t.quantity} > 0`)],
);

/**
 * An order placed from a cart. Its id comes from the node's order id generator, like a flash-sale
 * order's, so it is paid through the same `payments` table (one live payment per order id).
 * `coupon_ids` are the coupons the price used; `coupons_used` counts those the placing statement
 * could mark used, and the CHECK makes the statement fail whole if one was used meanwhile; likewise
 * `lines_bought` if the cart changed (or was already ordered from another tab) after it was priced.
 */
export const checkoutOrders = pgTable(
  'checkout_orders',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey(),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    status: text('status').notNull(), // reserved | paid | cancelled
    idempotencyKey: text('idempotency_key').notNull(),
    listTotal: integer('list_total').notNull(),
    discountTotal: integer('discount_total').notNull(),
    total: integer('total').notNull(),
    couponIds: bigint('coupon_ids', { mode: 'number' }).array().notNull(),
    couponsUsed: integer('coupons_used').notNull(),
    /** The price explanation the shopper was shown: lines with their discounts, applied and skipped offers. */
    explanation: jsonb('explanation').notNull(),
    /** Cart lines the placing statement removed, each as priced: fewer than the order's lines and it fails whole. */
    linesBought: integer('lines_bought').notNull(),
    payBefore: ts('pay_before').notNull(),
    createdAt: ts('created_at').notNull(),
    paidAt: ts('paid_at'),
    cancelledAt: ts('cancelled_at'),
    cancelReason: text('cancel_reason'),
  },
  (t) => [
    uniqueIndex('checkout_orders_once_per_key').on(t.userId, t.idempotencyKey),
    index('checkout_orders_due_idx').on(t.payBefore).where(sql`status = 'reserved'`),
    check('checkout_orders_coupons_all_used', sql`${t.couponsUsed} = cardinality(${t.couponIds})`),
    check('checkout_orders_cart_as_priced', sql`${t.linesBought} = jsonb_array_length(${t.explanation} -> 'lines')`),
  ],
);

/** One product of a checkout order: its list price then, and what the line paid after every discount. */
export const checkoutOrderLines = pgTable(
  'checkout_order_lines',
  {
    orderId: bigint('order_id', { mode: 'bigint' })
      .notNull()
      .references(() => checkoutOrders.id),
    productId: bigint('product_id', { mode: 'number' }).notNull(),
    merchantId: bigint('merchant_id', { mode: 'number' }).notNull(),
    title: text('title').notNull(),
    quantity: integer('quantity').notNull(),
    /** List price of one unit when ordered. */
    unitPrice: integer('unit_price').notNull(),
    /** What the whole line paid after discounts (total); unit_paid = total / quantity, rounded down. */
    total: integer('total').notNull(),
    unitPaid: integer('unit_paid').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.productId] }), index('checkout_order_lines_product_idx').on(t.productId)],
);

// ── Lottery, assist and exchange (P4, P5) ────────────────────────────────────────────────────────

/**
 * An exchange offer (积分/能量兑换) for a price in points or energy: one coupon of a template (handout 'grant'),
 * or one unit of goods shipped by hand (`given` only grows, and only while below `quantity`).
 */
export const exchangeOffers = pgTable(
  'exchange_offers',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').notNull().default('coupon'), // coupon | goods
    templateId: bigint('template_id', { mode: 'number' }).references(() => couponTemplates.id),
    goodsName: text('goods_name'),
    quantity: integer('quantity'),
    given: integer('given').notNull().default(0),
    currency: text('currency').notNull(), // points | energy
    price: integer('price').notNull(),
    perUserLimit: integer('per_user_limit').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    check(
      'exchange_offers_kind',
      sql`(${t.kind} = 'coupon' and ${t.templateId} is not null) or (${t.kind} = 'goods' and ${t.goodsName} is not null and ${t.quantity} is not null)`,
    ),
    // The last guard of the goods: a statement that would give one unit too many fails whole.
    check('exchange_offers_goods_within_quantity', sql`${t.quantity} is null or ${t.given} <= ${t.quantity}`),
  ],
);

/** How many redemptions of an offer a shopper holds (refused and refunded ones given back): the row the cap locks. */
export const exchangeCounts = pgTable(
  'exchange_counts',
  {
    offerId: bigint('offer_id', { mode: 'number' })
      .notNull()
      .references(() => exchangeOffers.id),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    redeemed: integer('redeemed').notNull(),
  },
  (t) => [primaryKey({ columns: [t.offerId, t.userId] })],
);

/** One redemption: pending → granted (the coupon or a unit of goods), refunded (none left) or unpaid (balance too low). */
export const exchanges = pgTable(
  'exchanges',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    offerId: bigint('offer_id', { mode: 'number' })
      .notNull()
      .references(() => exchangeOffers.id),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    price: integer('price').notNull(),
    status: text('status').notNull(),
    couponId: bigint('coupon_id', { mode: 'number' }),
    /** Goods: this redemption took its unit (set in the statement that raises the offer's `given`). */
    goodsTaken: boolean('goods_taken').notNull().default(false),
    shippedAt: ts('shipped_at'),
    at: ts('at').notNull(),
    /** While pending: when the recovery pass may take it up (a finisher holds it until then). */
    dueAt: ts('due_at').notNull(),
  },
  (t) => [
    index('exchanges_user_idx').on(t.userId, t.id),
    index('exchanges_due_idx').on(t.dueAt).where(sql`status = 'pending'`),
    index('exchanges_offer_idx').on(t.offerId, t.id),
  ],
);

/** A lottery (抽奖): a window, a cost per draw (0 = free) and the draws a shopper may make in all and per Shanghai day. */
export const lotteries = pgTable('lotteries', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  name: text('name').notNull(),
  startsAt: ts('starts_at').notNull(),
  endsAt: ts('ends_at').notNull(),
  costCurrency: text('cost_currency').notNull(), // points | energy
  costAmount: integer('cost_amount').notNull(),
  limitTotal: integer('limit_total'),
  limitDaily: integer('limit_daily'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** A prize of a lottery: `awarded` only grows, and only while below `quantity` (null: the unlimited 谢谢参与). */
export const lotteryPrizes = pgTable(
  'lottery_prizes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    lotteryId: bigint('lottery_id', { mode: 'number' })
      .notNull()
      .references(() => lotteries.id),
    name: text('name').notNull(),
    kind: text('kind').notNull(), // coupon | points | goods | none
    templateId: bigint('template_id', { mode: 'number' }).references(() => couponTemplates.id),
    points: integer('points'),
    quantity: integer('quantity'),
    awarded: integer('awarded').notNull().default(0),
    weight: integer('weight').notNull(),
  },
  (t) => [index('lottery_prizes_lottery_idx').on(t.lotteryId), check('lottery_prizes_never_over', sql`${t.quantity} is null or ${t.awarded} <= ${t.quantity}`)],
);

/** A shopper's draws of a lottery: in all, and on `day` (Asia/Shanghai); both raised by one statement within the limits. */
export const lotteryCounts = pgTable(
  'lottery_counts',
  {
    lotteryId: bigint('lottery_id', { mode: 'number' })
      .notNull()
      .references(() => lotteries.id),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    total: integer('total').notNull(),
    day: text('day').notNull(),
    today: integer('today').notNull(),
  },
  (t) => [primaryKey({ columns: [t.lotteryId, t.userId] })],
);

/** A draw in progress and its delivery: counted → paid → drawn → delivered, or void when it could not be paid. */
export const lotteryTickets = pgTable(
  'lottery_tickets',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    lotteryId: bigint('lottery_id', { mode: 'number' })
      .notNull()
      .references(() => lotteries.id),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    day: text('day').notNull(),
    state: text('state').notNull(),
    couponId: bigint('coupon_id', { mode: 'number' }),
    at: ts('at').notNull(),
    /** While unfinished: when the recovery pass may take it up (a finisher holds it until then). */
    dueAt: ts('due_at').notNull(),
  },
  (t) => [
    index('lottery_tickets_user_idx').on(t.userId, t.id),
    index('lottery_tickets_due_idx').on(t.dueAt).where(sql`state in ('counted', 'paid', 'drawn')`),
  ],
);

/** The audit trail of draws, append-only: who drew what, with the random number that chose it and what was paid. */
export const lotteryDraws = pgTable(
  'lottery_draws',
  {
    drawId: bigint('draw_id', { mode: 'number' })
      .primaryKey()
      .references(() => lotteryTickets.id),
    lotteryId: bigint('lottery_id', { mode: 'number' })
      .notNull()
      .references(() => lotteries.id),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    prizeId: bigint('prize_id', { mode: 'number' }).references(() => lotteryPrizes.id),
    roll: integer('roll').notNull(),
    weightTotal: integer('weight_total').notNull(),
    costCurrency: text('cost_currency').notNull(),
    costPaid: integer('cost_paid').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [index('lottery_draws_lottery_idx').on(t.lotteryId, t.drawId), index('lottery_draws_user_idx').on(t.userId, t.drawId)],
);

/** An assist campaign (助力): N friends' help unlocks a reward coupon (handout 'grant'); each shopper helps a few friends a day. */
export const assistCampaigns = pgTable('assist_campaigns', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  title: text('title').notNull(),
  templateId: bigint('template_id', { mode: 'number' })
    .notNull()
    .references(() => couponTemplates.id),
  helpersNeeded: integer('helpers_needed').notNull(),
  startsAt: ts('starts_at').notNull(),
  endsAt: ts('ends_at').notNull(),
  dailyHelpLimit: integer('daily_help_limit').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** A shopper's assist of a campaign (one each): `helpers` stops at the campaign's N, when it unlocks. */
export const assists = pgTable(
  'assists',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    campaignId: bigint('campaign_id', { mode: 'number' })
      .notNull()
      .references(() => assistCampaigns.id),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    helpers: integer('helpers').notNull().default(0),
    unlockedAt: ts('unlocked_at'),
    couponId: bigint('coupon_id', { mode: 'number' }),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('assists_one_per_campaign').on(t.campaignId, t.userId)],
);

/** A friend's help: one per friend and assist (the primary key). */
export const assistHelps = pgTable(
  'assist_helps',
  {
    assistId: bigint('assist_id', { mode: 'number' })
      .notNull()
      .references(() => assists.id),
    helperId: bigint('helper_id', { mode: 'number' }).notNull(),
    at: ts('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.assistId, t.helperId] })],
);

/** Friends a shopper helped in a campaign on a Shanghai day; the check stops the count at the campaign's limit. */
export const assistDailyHelps = pgTable(
  'assist_daily_helps',
  {
    campaignId: bigint('campaign_id', { mode: 'number' })
      .notNull()
      .references(() => assistCampaigns.id),
    helperId: bigint('helper_id', { mode: 'number' }).notNull(),
    day: text('day').notNull(),
    helps: integer('helps').notNull(),
    most: integer('most').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.helperId, t.day] }), check('assist_daily_helps_within_limit', sql`${t.helps} <= ${t.most}`)],
);

// ── Group buy (拼团, P5) ──────────────────────────────────────────────────────────────────────────

/**
 * A group-buy deal the operator sets up: N shoppers pay the group price within the hours a group stays
 * open, or all are refunded. `taken` counts units held by live memberships and never passes `stock`
 * (a check, so the statement that would oversell fails as a whole). The top `rewardTop` succeeded
 * groups earn each member one coupon of `rewardTemplateId` when the deal ends.
 */
export const groupBuyDeals = pgTable(
  'group_buy_deals',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    title: text('title').notNull(),
    merchant: text('merchant').notNull(),
    originalPrice: integer('original_price').notNull(),
    groupPrice: integer('group_price').notNull(),
    groupSize: integer('group_size').notNull(),
    hoursOpen: integer('hours_open').notNull(),
    stock: integer('stock').notNull(),
    taken: integer('taken').notNull().default(0),
    perUserLimit: integer('per_user_limit').notNull(),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    rewardTemplateId: bigint('reward_template_id', { mode: 'number' }),
    rewardTop: integer('reward_top').notNull().default(0),
    /** null → granting (claimed by a sweeper at rewardClaimedAt) → granted. */
    rewardState: text('reward_state'),
    rewardClaimedAt: ts('reward_claimed_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [check('group_buy_deals_never_oversold', sql`${t.taken} >= 0 and ${t.taken} <= ${t.stock}`)],
);

/** One group of a deal: `members` counts slots held (paying or paid), `paid` those whose money arrived. */
export const groupBuyGroups = pgTable(
  'group_buy_groups',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    dealId: bigint('deal_id', { mode: 'number' })
      .notNull()
      .references(() => groupBuyDeals.id),
    leaderId: bigint('leader_id', { mode: 'number' }).notNull(),
    size: integer('size').notNull(),
    members: integer('members').notNull(),
    paid: integer('paid').notNull().default(0),
    status: text('status').notNull(), // open | succeeded | failed
    openedAt: ts('opened_at').notNull(),
    closesAt: ts('closes_at').notNull(),
    succeededAt: ts('succeeded_at'),
    failedAt: ts('failed_at'),
  },
  (t) => [
    check('group_buy_groups_never_over_full', sql`${t.members} >= 0 and ${t.members} <= ${t.size} and ${t.paid} <= ${t.members}`),
    index('group_buy_groups_deal_idx').on(t.dealId),
    index('group_buy_groups_due_idx').on(t.closesAt).where(sql`status = 'open'`),
  ],
);

/**
 * A shopper's place in a group, paid at once. The id comes from the node's order id generator, so the
 * payments table (order_id) guards its charge like an order's. paying → paid → confirmed when the group
 * fills; failed (the charge failed: the slot is freed), cancelled (the group failed mid-charge), refunded.
 */
export const groupBuyMembers = pgTable(
  'group_buy_members',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey(),
    groupId: bigint('group_id', { mode: 'number' })
      .notNull()
      .references(() => groupBuyGroups.id),
    dealId: bigint('deal_id', { mode: 'number' }).notNull(),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    leader: boolean('leader').notNull(),
    amount: integer('amount').notNull(),
    status: text('status').notNull(),
    joinedAt: ts('joined_at').notNull(),
    paidAt: ts('paid_at'),
    settledAt: ts('settled_at'),
  },
  (t) => [
    uniqueIndex('group_buy_members_once_per_group').on(t.groupId, t.userId).where(sql`status in ('paying', 'paid', 'confirmed')`),
    index('group_buy_members_user_idx').on(t.userId),
    index('group_buy_members_paying_idx').on(t.joinedAt).where(sql`status = 'paying'`),
    index('group_buy_members_paid_idx').on(t.groupId).where(sql`status = 'paid'`),
  ],
);

/** How many live places a shopper holds in a deal's groups: the row that keeps the per-shopper limit. */
export const groupBuyHolds = pgTable(
  'group_buy_holds',
  {
    dealId: bigint('deal_id', { mode: 'number' })
      .notNull()
      .references(() => groupBuyDeals.id),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    joined: integer('joined').notNull(),
    perUserLimit: integer('per_user_limit').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.dealId, t.userId] }),
    check('group_buy_holds_within_limit', sql`${t.joined} >= 0 and ${t.joined} <= ${t.perUserLimit}`),
  ],
);

// ── Price protection (保价) ─────────────────────────────────────────────────────────────────────────

/**
 * A price-protection claim on one line of a paid checkout order: the difference between what a unit was
 * paid and its lower price now, times the quantity, returned through the payment that paid the order.
 * One row per order line (the primary key): a second claim, or a race of many, finds it taken. `amount`
 * never exceeds what the line paid. pending: the refund is still to reach the channel; refunded: done.
 */
export const priceProtectionClaims = pgTable(
  'price_protection_claims',
  {
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    orderId: bigint('order_id', { mode: 'bigint' }).notNull(),
    productId: bigint('product_id', { mode: 'number' }).notNull(),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    title: text('title').notNull(),
    quantity: integer('quantity').notNull(),
    unitPaid: integer('unit_paid').notNull(),
    unitPriceNow: integer('unit_price_now').notNull(),
    amount: integer('amount').notNull(),
    lineTotal: integer('line_total').notNull(),
    paymentId: text('payment_id').notNull(),
    channel: text('channel').notNull(),
    status: text('status').notNull(), // pending | refunded
    automatic: boolean('automatic').notNull(),
    createdAt: ts('created_at').notNull(),
    refundedAt: ts('refunded_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.productId] }),
    uniqueIndex('price_protection_claims_id').on(t.id),
    index('price_protection_claims_user_idx').on(t.userId),
    index('price_protection_claims_pending_idx').on(t.createdAt).where(sql`status = 'pending'`),
    check('price_protection_claims_within_line', sql`${t.amount} > 0 and ${t.amount} <= ${t.lineTotal}`),
  ],
);
