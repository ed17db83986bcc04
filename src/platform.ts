import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { Assists } from './assists/assists.js';
import { defaultSignInCodeRate, LogCodeSender, SignIn, type SignInCodeSender } from './auth/signIn.js';
import { ShopperTokens } from './auth/tokens.js';
import { Users } from './auth/users.js';
import { Bookings } from './bookings/bookings.js';
import { Campaigns } from './campaigns/campaigns.js';
import { Catalog } from './campaigns/catalog.js';
import { CartRecovery, CartRecoverySweeper } from './cartRecovery/cartRecovery.js';
import { Carts } from './checkout/cart.js';
import { Checkout, CheckoutSweeper, lastCheckoutOrderOfNode } from './checkout/checkout.js';
import { Products } from './checkout/products.js';
import { type Clock, systemClock } from './clock.js';
import { type Database, openDatabase } from './db/database.js';
import * as t from './db/schema.js';
import { DemoShoppers } from './demo/shoppers.js';
import { pointsMultiplier } from './domain/checkout.js';
import { OrderIdGenerator } from './domain/ids.js';
import { limitKeyOf } from './domain/item.js';
import { GroupBuys, lastGroupBuyPlaceOfNode } from './groupBuys/groupBuys.js';
import { GroupBuyRewards } from './groupBuys/rewards.js';
import { GroupBuySweeper } from './groupBuys/sweeper.js';
import type { HotStore } from './hotstore/hotstore.js';
import { MemoryHotStore } from './hotstore/memory.js';
import { buildApp } from './http/app.js';
import { defaultWebDist } from './http/routes/web.js';
import { LiveCounters } from './live/counters.js';
import { LiveSales } from './live/liveSales.js';
import { SessionEvents } from './live/sessionEvents.js';
import { Lotteries, LotteryRecoverySweeper } from './lottery/lotteries.js';
import { Metrics } from './observe/metrics.js';
import { Buying } from './orders/buying.js';
import { DeadlineSweeper } from './orders/deadlines.js';
import { Fulfilment } from './orders/fulfilment.js';
import { GroupCommitter } from './orders/groupCommit.js';
import { Orders } from './orders/orders.js';
import { rebuildHotStore } from './orders/rebuild.js';
import { Reconciler } from './orders/reconcile.js';
import { Stats } from './orders/stats.js';
import { type PaymentRouter, type SandboxChannel, createSandboxRouter } from './payments/index.js';
import { CheckIns } from './promotions/checkIns.js';
import { Coupons } from './promotions/coupons.js';
import { Exchange, ExchangeRecoverySweeper } from './promotions/exchange.js';
import { PointsLedger } from './promotions/points.js';
import { PriceProtection, PriceProtectionSweeper } from './promotions/priceProtection.js';
import { ShopPromotions } from './promotions/shopPromotions.js';
import { type ReminderOptions, Reminders } from './reminders/reminders.js';
import { type RedisSettings } from './scaled/connection.js';
import { type Scaled, startScaled } from './scaled/scaled.js';
import { KeyedRateLimit } from './traffic/rateLimit.js';

/** The newest order id made under this node number: its next ids must come after it. */
async function lastOrderOfNode(db: Database, nodeId: number): Promise<string | null> {
  const [row] = await db.query<{ id: string | null }>('select max(id)::text as id from orders where (id / 10000) % 100 = $1', [nodeId]);
  return row?.id ?? null;
}

export interface PlatformOptions {
  /** postgres://… runs on a PostgreSQL server; otherwise PGlite in process. */
  databaseUrl?: string;
  /** PGlite data folder; omitted (and no databaseUrl) → in memory. */
  dataDir?: string;
  clock?: Clock;
  adminToken?: string;
  tokenSecret?: string;
  /** 0..99, part of every order id this process makes. */
  nodeId?: number;
  commitIntervalMs?: number;
  sweepIntervalMs?: number;
  payment?: { latencyMs?: number; failureRate?: number; timeoutMs?: number };
  /** Buy attempts per shopper per second (0 = unlimited) and the burst allowed. */
  shopperRate?: { perSecond: number; burst: number };
  /** Sign-in codes one client (by IP) may ask for a minute (0 = unlimited), and the burst: each code may cost an SMS. */
  signInCodeRate?: { perMinute: number; burst: number };
  /** Behind a load balancer: the hops whose X-Forwarded-For is believed (Fastify's trustProxy), so limits per client see clients. */
  trustProxy?: boolean | number | string;
  logger?: Logger | false;
  /** Scaled deployment: the hot store and the order pipeline in Redis; needs `databaseUrl`. */
  redis?: RedisSettings;
  /** Scaled deployment: stream entries pending this long at a dead node are taken over. */
  claimIdleMs?: number;
  /** Scaled deployment: hot items whose stock is split over buckets in several Redis slots (item id → count). */
  hotItemBuckets?: ReadonlyMap<string, number>;
  /** A demo server: lists the demo shoppers (GET /api/auth/demo-shoppers) and shows sign-in codes. */
  demo?: boolean;
  /** Put one-time sign-in codes in the answer as well as sending them (a demo has no SMS gateway). */
  showSignInCodes?: boolean;
  /** How one-time sign-in codes reach shoppers; default: the server log. */
  signInCodeSender?: SignInCodeSender;
  /** The built web app served at /; default web/dist of the package. */
  webDist?: string;
  /** Reminders before a start: how often the outbox is delivered, the rate per channel, a webhook, log channels. */
  reminders?: Omit<ReminderOptions, 'logger'>;
}

/** Everything the HTTP routes and the CLI use. */
export interface Services {
  deployment: 'embedded' | 'server-db' | 'scaled';
  clock: Clock;
  db: Database;
  catalog: Catalog;
  hot: HotStore;
  /** The Redis side of the scaled deployment; null when the hot store is in this process. */
  scaled: Scaled | null;
  campaigns: Campaigns;
  users: Users;
  tokens: ShopperTokens;
  signIn: SignIn;
  demoShoppers: DemoShoppers;
  buying: Buying;
  orders: Orders;
  fulfilment: Fulfilment;
  stats: Stats;
  coupons: Coupons;
  /** Points and energy balances with their ledger (P4). */
  points: PointsLedger;
  checkIns: CheckIns;
  /** Bookings (预约) of upcoming sessions and their gifts for the first K (预约有礼). */
  bookings: Bookings;
  /** Reminders before a start: the outbox, its dispatcher and the in-app inbox. */
  reminders: Reminders;
  /** Points and energy for coupons (积分/能量兑换). */
  exchange: Exchange;
  /** Lotteries (抽奖) with their audit trail. */
  lotteries: Lotteries;
  /** Assists (助力): friends' help unlocks a reward. */
  assists: Assists;
  /** Group buys (拼团): deals, groups paid at join, refunds on failure, leaderboard rewards. */
  groupBuys: GroupBuys;
  groupBuySweeper: GroupBuySweeper;
  /** The operator's stored promotions; `active(now)` gives the running ones as pricing offers. */
  shopPromotions: ShopPromotions;
  /** Price protection (保价): claims of a lower price within 30 days, and the automatic sweep. */
  priceProtection: PriceProtection;
  /** Cart recovery (购物车挽回券): a coupon and a message for a cart left without an order. */
  cartRecovery: CartRecovery;
  /** Ordinary products of merchants, carts, and the orders a cart becomes. */
  products: Products;
  carts: Carts;
  checkout: Checkout;
  reconciler: Reconciler;
  payments: PaymentRouter;
  paymentChannels: SandboxChannel[];
  events: SessionEvents;
  /** The operator's live view of a session: attempt and view counters, order figures, alerts. */
  live: LiveSales;
  metrics: Metrics;
  shopperRate: KeyedRateLimit;
  /** Sign-in code requests per client IP. */
  signInCodeRate: KeyedRateLimit;
  sweeper: DeadlineSweeper;
  adminToken: string;
  /** The folder of the built web app. */
  webDist: string;
}

export interface Platform {
  app: FastifyInstance;
  services: Services;
  close(): Promise<void>;
}

/** A secret kept in the database, so tokens stay valid across restarts of an embedded deployment. */
async function storedSecret(db: Database, key: string, make: () => string): Promise<string> {
  await db.orm.insert(t.settings).values({ key, value: make() }).onConflictDoNothing();
  const rows = await db.query<{ value: string }>('select value from settings where key = $1', [key]);
  return rows[0].value;
}

export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? false;
  const db = await openDatabase({ url: options.databaseUrl, dataDir: options.dataDir });
  await db.migrate();

  const tokenSecret = options.tokenSecret ?? (await storedSecret(db, 'token_secret', ShopperTokens.newSecret));
  const adminToken = options.adminToken ?? (await storedSecret(db, 'admin_token', () => randomBytes(18).toString('base64url')));
  const tokens = new ShopperTokens(tokenSecret);

  const catalog = await Catalog.load(db);
  let metrics: Metrics | undefined;
  let hot: HotStore;
  let committer: GroupCommitter | null = null;
  let scaled: Scaled | null = null;
  let lastOrderId: string | null;
  let nodeId = options.nodeId;
  let ids: OrderIdGenerator | undefined;
  if (options.redis) {
    if (db.kind !== 'postgres') throw new Error('the scaled deployment (Redis) needs a PostgreSQL server: set DATABASE_URL');
    scaled = await startScaled({
      settings: options.redis,
      db,
      catalog,
      clock,
      metrics: () => metrics!,
      logger,
      nodeId,
      claimIdleMs: options.claimIdleMs,
      hotItemBuckets: options.hotItemBuckets,
      onRenumber: (node) => ids?.moveTo(node),
    });
    hot = scaled.hot;
    nodeId = scaled.nodeId;
    // Redis keeps the hot store across restarts of the nodes: rebuild only what it lost, then learn
    // the stock of every item (this node's figures are otherwise filled by its own sales).
    await scaled.recovery.recoverAll();
    await scaled.hot.refresh([...catalog.items.values()].map((item) => ({ itemId: item.id, limitKey: limitKeyOf(item) })));
    lastOrderId = await lastOrderOfNode(db, nodeId);
  } else {
    const log = new GroupCommitter(db, {
      intervalMs: options.commitIntervalMs,
      onBatch: (size, ms) => {
        metrics?.commitBatch.observe(size);
        metrics?.commitSeconds.observe(ms / 1000);
      },
      onLate: (records) => records.forEach((record) => memory.confirm(record)),
    });
    const memory = new MemoryHotStore(log);
    committer = log;
    hot = memory;
    // The hot store is rebuilt from the database: after any crash it agrees with what was acknowledged.
    lastOrderId = await rebuildHotStore(db, catalog, hot);
  }
  metrics = new Metrics(function* () {
    for (const item of catalog.items.values()) yield [item.id, hot.remaining(item.id) ?? 0];
  });
  ids = new OrderIdGenerator(nodeId ?? 0, () => clock.now());
  ids.resumeAfter(lastOrderId);
  ids.resumeAfter(await lastCheckoutOrderOfNode(db, nodeId ?? 0));
  ids.resumeAfter(await lastGroupBuyPlaceOfNode(db, nodeId ?? 0));

  const { router: payments, channels: paymentChannels } = createSandboxRouter(options.payment ?? {});
  const rate = options.shopperRate ?? { perSecond: 20, burst: 40 };
  const codeRate = options.signInCodeRate ?? defaultSignInCodeRate;
  const users = new Users(db, tokens, clock);
  const counters = new LiveCounters(scaled ? { redis: scaled.redis, prefix: scaled.settings.prefix ?? 'miaosha:' } : null);
  const live = new LiveSales(db, catalog, hot, clock, counters);
  const points = new PointsLedger(db, clock);
  const warn = (what: string) => (error: unknown) => logger && logger.warn({ err: error }, what);
  const coupons = new Coupons(db, clock);
  const carts = new Carts(db, clock);
  const groupBuys = new GroupBuys(db, payments, clock, () => ids!.next());
  const checkout = new Checkout(db, carts, coupons, points, payments, ids, clock, {
    promotions: (at) => services.shopPromotions.active(at),
    pointsMultiplier: (at) => pointsMultiplier(catalog.campaigns.values(), at),
  });
  const priceProtection = new PriceProtection(db, payments, clock, warn('a price-protection refund failed; retried by the sweep'));
  const exchange = new Exchange(db, clock, points, coupons);
  const lotteries = new Lotteries(db, clock, points, coupons);
  const cartRecovery = new CartRecovery(db, clock, coupons, (userId, notice) => services.reminders.notify(userId, notice));
  const reminders = new Reminders(db, clock, { ...options.reminders, logger });
  const groupBuySweeper = new GroupBuySweeper(groupBuys, new GroupBuyRewards(db, coupons, clock), {
    intervalMs: options.sweepIntervalMs,
    onError: warn('group-buy sweep failed'),
  });
  // The passes every node runs in the background; each is safe beside the same pass on other nodes.
  const background = [
    reminders,
    groupBuySweeper,
    new CheckoutSweeper(checkout, options.sweepIntervalMs, warn('checkout deadline sweep failed')),
    new PriceProtectionSweeper(priceProtection, undefined, warn('price protection sweep failed')),
    new LotteryRecoverySweeper(lotteries, options.sweepIntervalMs, warn('lottery recovery pass failed')),
    new ExchangeRecoverySweeper(exchange, options.sweepIntervalMs, warn('exchange recovery pass failed')),
    new CartRecoverySweeper(cartRecovery, undefined, warn('cart recovery pass failed')),
  ];
  const services: Services = {
    deployment: scaled ? 'scaled' : db.kind === 'pglite' ? 'embedded' : 'server-db',
    clock,
    db,
    catalog,
    hot,
    scaled,
    campaigns: new Campaigns(db, catalog, hot, clock, scaled ? () => scaled.broadcast.catalog() : undefined),
    users,
    tokens,
    signIn: new SignIn(
      db,
      users,
      clock,
      tokenSecret,
      options.signInCodeSender ?? new LogCodeSender(logger),
      Boolean(options.showSignInCodes || options.demo),
    ),
    demoShoppers: new DemoShoppers(db, Boolean(options.demo)),
    buying: new Buying(catalog, hot, ids, clock, (outcome, sessionId, code) => {
      metrics.reservations.inc({ outcome });
      live.attempt(sessionId, outcome, code);
    }),
    orders: new Orders(db, hot, payments, clock, (outcome) => metrics.payments.inc({ outcome }), scaled?.granted),
    fulfilment: new Fulfilment(db, payments, clock, scaled?.catchUp),
    stats: new Stats(db, catalog, hot, scaled?.catchUp),
    coupons,
    points,
    checkIns: new CheckIns(db, clock, points),
    bookings: new Bookings(db, coupons, clock),
    reminders,
    exchange,
    lotteries,
    assists: new Assists(db, clock, coupons),
    groupBuys,
    groupBuySweeper,
    shopPromotions: new ShopPromotions(db, clock),
    priceProtection,
    cartRecovery,
    products: new Products(db),
    carts,
    checkout,
    reconciler: new Reconciler(db, catalog, hot, clock, scaled),
    payments,
    paymentChannels,
    events: new SessionEvents(catalog, hot, clock),
    live,
    metrics,
    shopperRate: new KeyedRateLimit(rate.perSecond, rate.burst, clock),
    signInCodeRate: new KeyedRateLimit(codeRate.perMinute / 60, codeRate.burst, clock),
    sweeper: new DeadlineSweeper(db, hot, payments, clock, {
      intervalMs: options.sweepIntervalMs,
      catchUp: scaled?.catchUp,
      onCancelled: (count) => metrics.deadlineCancellations.inc(count),
      onError: (error) => logger && logger.warn({ err: error }, 'deadline sweep failed'),
    }),
    adminToken,
    webDist: options.webDist ?? defaultWebDist,
  };
  const app = await buildApp(services, logger, options.trustProxy);
  // Timers start once nothing above can throw: a failed start leaves none running.
  services.sweeper.start();
  for (const pass of background) pass.start();
  scaled?.start();
  counters.start();

  let closed = false;
  return {
    app,
    services,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await services.sweeper.stop();
      for (const pass of background) await pass.stop();
      if (committer) {
        await committer.drain();
        committer.close();
      }
      services.live.close();
      await counters.close();
      await scaled?.close();
      services.events.close();
      services.shopperRate.close();
      services.signInCodeRate.close();
      payments.shutdown();
      await db.close();
    },
  };
}
