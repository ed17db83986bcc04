import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CartRecovery } from '../../src/cartRecovery/cartRecovery.js';
import { Carts } from '../../src/checkout/cart.js';
import { Checkout } from '../../src/checkout/checkout.js';
import { Products } from '../../src/checkout/products.js';
import { ManualClock } from '../../src/clock.js';
import type { Database } from '../../src/db/database.js';
import { OrderIdGenerator } from '../../src/domain/ids.js';
import { MiaoshaError } from '../../src/errors.js';
import { createSandboxRouter } from '../../src/payments/index.js';
import { Coupons } from '../../src/promotions/coupons.js';
import { PointsLedger } from '../../src/promotions/points.js';
import { Reminders } from '../../src/reminders/reminders.js';
import { openTestDatabase } from '../support/platform.js';

const minute = 60_000;
const start = Date.UTC(2026, 10, 11, 2, 0, 0);

const outcome = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => 'ok',
    (error: unknown) => {
      if (error instanceof MiaoshaError) return error.code;
      throw error;
    },
  );

/** Coupons, carts and the outbox are kept by the database alone, so both databases are tested the same way. */
describe.each(['pglite', 'postgres'] as const)('cart-abandon coupons on %s', (kind) => {
  let db: Database;
  let close: () => Promise<void>;
  const clock = new ManualClock(start);
  const router = createSandboxRouter({ latencyMs: 1, timeoutMs: 2000 }).router;
  let coupons: Coupons;
  let carts: Carts;
  let products: Products;
  let reminders: Reminders;
  let checkout: Checkout;
  // Two nodes running the pass: each has its own service over the same database.
  let nodes: CartRecovery[];
  let templateId: string;
  let phone = 0;
  let productIds: string[];

  beforeAll(async () => {
    ({ db, close } = await openTestDatabase(kind));
    coupons = new Coupons(db, clock);
    carts = new Carts(db, clock);
    products = new Products(db);
    // The inbox and a log channel: a message goes to both, once each.
    reminders = new Reminders(db, clock, { logChannels: ['sms'] });
    nodes = [0, 1].map(() => new CartRecovery(db, clock, new Coupons(db, clock), (userId, notice) => reminders.notify(userId, notice)));
    checkout = new Checkout(db, carts, coupons, new PointsLedger(db, clock), router, new OrderIdGenerator(1, () => clock.now()), clock, {
      promotions: async () => [],
      pointsMultiplier: () => 1,
    });
    const merchant = await products.addMerchant('小米之家');
    productIds = await Promise.all(['耳机', '数据线', '充电器'].map(async (title) => (await products.add({ merchantId: merchant.id, category: 'audio', title, price: 9_900, stock: 1_000 })).id));
    const template = await coupons.issue({
      name: '购物车挽回券',
      kind: 'amount',
      amountOff: 1_000,
      totalQuantity: 1_000,
      validFrom: start - minute,
      validTo: start + 30 * 24 * 60 * minute,
      validMinutes: 30,
      handout: 'grant',
    });
    templateId = template.id;
    await nodes[0].configure({ templateId, afterMinutes: 60 });
  });
  afterAll(async () => {
    router.shutdown();
    await close();
  });

  const shopper = async (): Promise<string> => {
    const [row] = await db.query<{ id: string }>('insert into users (phone) values ($1) returning id::text', [`1370000${String(++phone).padStart(4, '0')}`]);
    return row.id;
  };
  const cartCoupons = async (userId: string) => (await coupons.wallet(userId)).filter((c) => c.template.id === templateId);
  const outbox = (userId: string) =>
    db.query<{ channel: string; dedupe_key: string; link: string }>(`select channel, dedupe_key, link from notifications where user_id = $1 and kind = 'cart_abandon' order by id`, [userId]);
  const passBothNodes = () => Promise.all(nodes.map((node) => node.pass()));

  it('gives a left cart exactly one coupon and one message per channel, however many passes run at once and again', async () => {
    const userId = await shopper();
    await carts.setLine(userId, productIds[0], 1);
    const addedAt = clock.now();
    clock.advance(59 * minute);
    await passBothNodes();
    expect(await cartCoupons(userId)).toHaveLength(0);

    clock.advance(2 * minute);
    await passBothNodes();
    await passBothNodes();
    await nodes[1].pass();
    const [coupon, ...more] = await cartCoupons(userId);
    expect(more).toHaveLength(0);
    expect(coupon).toMatchObject({ state: 'available', claimedAt: clock.now(), expiresAt: clock.now() + 30 * minute });
    const rows = await outbox(userId);
    expect(rows.map((r) => r.channel).sort()).toEqual(['inbox', 'sms']);
    expect(rows.every((r) => r.dedupe_key.startsWith(`cart-abandon:${userId}:${addedAt}:`) && r.link === '/cart')).toBe(true);

    await reminders.dispatcher.dispatch();
    await reminders.dispatcher.dispatch();
    const inbox = await reminders.inbox.list(userId);
    expect(inbox.messages).toHaveLength(1);
    expect(inbox.messages[0]).toMatchObject({ kind: 'cart_abandon', title: '购物车里的宝贝还在等你', link: '/cart', payload: { couponId: coupon.id } });
    expect(inbox.messages[0].body).toContain('购物车挽回券');

    // The coupon lasts 30 minutes from when it was given, then it can no longer be used.
    clock.advance(30 * minute);
    expect((await cartCoupons(userId))[0].state).toBe('expired');
    expect(await outcome(coupons.use(coupon.id, userId, 'o-late'))).toBe('COUPON_NOT_USABLE');
    await passBothNodes();
    expect(await cartCoupons(userId)).toHaveLength(1);
  });

  it('starts a new episode when a line is added later: one more coupon and message, no more', async () => {
    const userId = await shopper();
    await carts.setLine(userId, productIds[0], 1);
    clock.advance(61 * minute);
    await passBothNodes();
    expect(await cartCoupons(userId)).toHaveLength(1);

    // Changing a quantity is no new line; adding a product is.
    await carts.setLine(userId, productIds[0], 2);
    clock.advance(61 * minute);
    await passBothNodes();
    expect(await cartCoupons(userId)).toHaveLength(1);
    await carts.setLine(userId, productIds[1], 1);
    clock.advance(30 * minute);
    await passBothNodes();
    expect(await cartCoupons(userId)).toHaveLength(1);
    clock.advance(31 * minute);
    await passBothNodes();
    await passBothNodes();
    expect(await cartCoupons(userId)).toHaveLength(2);
    expect((await outbox(userId)).filter((r) => r.channel === 'inbox')).toHaveLength(2);
  });

  it('gives nothing to a shopper who checked out', async () => {
    const userId = await shopper();
    await carts.setLine(userId, productIds[2], 1);
    clock.advance(10 * minute);
    await checkout.place(userId, 'k-1');
    clock.advance(120 * minute);
    await passBothNodes();
    expect(await cartCoupons(userId)).toHaveLength(0);
    expect(await outbox(userId)).toHaveLength(0);
  });

  it('gives nothing while off, and nothing for carts left before it was turned on', async () => {
    const userId = await shopper();
    await carts.setLine(userId, productIds[0], 1);
    expect(await nodes[0].configure(null)).toBeNull();
    clock.advance(61 * minute);
    expect(await nodes[0].pass()).toEqual({ carts: 0, granted: 0, notified: 0 });
    expect(await cartCoupons(userId)).toHaveLength(0);

    const on = await nodes[0].configure({ templateId, afterMinutes: 60 });
    expect(on).toEqual({ templateId, afterMinutes: 60, since: clock.now() });
    clock.advance(61 * minute);
    await passBothNodes();
    expect(await cartCoupons(userId)).toHaveLength(0);
    // A new line after it was turned on is a cart it looks after.
    await carts.setLine(userId, productIds[1], 1);
    clock.advance(61 * minute);
    await passBothNodes();
    expect(await cartCoupons(userId)).toHaveLength(1);
  });

  it('takes only a grant coupon and sensible minutes, and a change while on keeps when it was turned on', async () => {
    const claimable = await coupons.issue({ name: '满100减10', kind: 'amount', amountOff: 1_000, totalQuantity: 10, validFrom: start, validTo: start + 60 * minute });
    expect(await outcome(nodes[0].configure({ templateId: claimable.id, afterMinutes: 60 }))).toBe('CART_ABANDON_NOT_GRANT');
    expect(await outcome(nodes[0].configure({ templateId: '999999', afterMinutes: 60 }))).toBe('NOT_FOUND');
    expect(await outcome(nodes[0].configure({ templateId, afterMinutes: 0 }))).toBe('INVALID_REQUEST');
    expect(await outcome(nodes[0].configure({ templateId, afterMinutes: 1.5 }))).toBe('INVALID_REQUEST');
    const before = await nodes[0].setting();
    clock.advance(5 * minute);
    const changed = await nodes[0].configure({ templateId, afterMinutes: 90 });
    expect(changed).toEqual({ templateId, afterMinutes: 90, since: before!.since });
    expect(await nodes[1].setting()).toEqual(changed);
  });
});
