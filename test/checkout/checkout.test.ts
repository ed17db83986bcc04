import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Carts } from '../../src/checkout/cart.js';
import { Checkout } from '../../src/checkout/checkout.js';
import { Products } from '../../src/checkout/products.js';
import { ManualClock } from '../../src/clock.js';
import type { Database } from '../../src/db/database.js';
import { OrderIdGenerator } from '../../src/domain/ids.js';
import type { Offer } from '../../src/domain/pricing/index.js';
import { createSandboxRouter } from '../../src/payments/index.js';
import { Coupons } from '../../src/promotions/coupons.js';
import { PointsLedger } from '../../src/promotions/points.js';
import { outcome } from '../support/outcomes.js';
import { openTestDatabase } from '../support/platform.js';

const minute = 60_000;
const start = Date.UTC(2026, 10, 11, 2, 0, 0);

/** Stock, coupons and orders are kept by the database alone, so both databases are tested the same way. */
describe.each(['pglite', 'postgres'] as const)('checkout on %s', (kind) => {
  let db: Database;
  let close: () => Promise<void>;
  const clock = new ManualClock(start);
  let products: Products;
  let carts: Carts;
  let coupons: Coupons;
  let points: PointsLedger;
  let promotions: Offer[] = [];
  let multiplier = 1;
  const router = createSandboxRouter({ latencyMs: 1, timeoutMs: 2000 }).router;
  // Each instance is a node of its own: order ids are unique per node number.
  let nodes = 0;
  const checkoutOn = () =>
    new Checkout(db, carts, coupons, points, router, new OrderIdGenerator(++nodes, () => clock.now()), clock, {
      promotions: async () => promotions,
      pointsMultiplier: () => multiplier,
    });
  let checkout: Checkout;
  let phone = 0;

  beforeAll(async () => {
    ({ db, close } = await openTestDatabase(kind));
    products = new Products(db);
    carts = new Carts(db, clock);
    coupons = new Coupons(db, clock);
    points = new PointsLedger(db, clock);
    checkout = checkoutOn();
  });
  afterAll(async () => {
    router.shutdown();
    await close();
  });

  const shopper = async (tier = 'regular'): Promise<string> => {
    const [row] = await db.query<{ id: string }>('insert into users (phone, tier) values ($1, $2) returning id::text', [`1390000${String(++phone).padStart(4, '0')}`, tier]);
    return row.id;
  };
  const merchant = async () => (await products.addMerchant('小米之家')).id;
  const stockOf = async (productId: string) => (await products.get(productId)).stock;
  const couponFor = async (userId: string, over: Partial<Parameters<Coupons['issue']>[0]> = {}) => {
    const template = await coupons.issue({ name: '立减20元', kind: 'amount', amountOff: 2_000, totalQuantity: 100, validFrom: start - minute, validTo: start + 600 * minute, ...over });
    return (await coupons.claim(userId, template.id)).id;
  };

  it('never oversells the last units however many shoppers check out at once, and each success is one whole order', async () => {
    const m = await merchant();
    const scarce = await products.add({ merchantId: m, category: 'phones', title: '手机', price: 100_000, stock: 5 });
    const plenty = await products.add({ merchantId: m, category: 'cables', title: '数据线', price: 3_000, stock: 1_000 });
    const shoppers = await Promise.all(Array.from({ length: 20 }, () => shopper()));
    for (const s of shoppers) {
      await carts.setLine(s, scarce.id, 1);
      await carts.setLine(s, plenty.id, 2);
    }
    const outcomes = await Promise.all(shoppers.map((s) => outcome(checkoutOn().place(s, `k-${s}`))));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(5);
    expect(outcomes.filter((o) => o !== 'ok').every((o) => o === 'OUT_OF_STOCK')).toBe(true);
    expect(await stockOf(scarce.id)).toBe(0);
    // A refused checkout changed nothing: the cable's stock went down for the five orders only.
    expect(await stockOf(plenty.id)).toBe(1_000 - 5 * 2);
    const [orders] = await db.query<{ n: number; units: number }>(
      `select count(distinct o.id)::int as n, sum(l.quantity) filter (where l.product_id = $1)::int as units
         from checkout_orders o join checkout_order_lines l on l.order_id = o.id where o.user_id = any($2::bigint[])`,
      [scarce.id, shoppers],
    );
    expect(orders).toEqual({ n: 5, units: 5 });
    // The losers still have their carts; the winners' carts are empty.
    const left = await Promise.all(shoppers.map(async (s) => (await carts.lines(s)).length));
    expect(left.filter((n) => n === 0)).toHaveLength(5);
    expect(left.filter((n) => n === 2)).toHaveLength(15);
  });

  it('uses a coupon once when two checkouts race for it', async () => {
    const m = await merchant();
    const product = await products.add({ merchantId: m, category: 'kitchen', title: '电饭煲', price: 30_000, stock: 100 });
    const s = await shopper();
    const couponId = await couponFor(s);
    await carts.setLine(s, product.id, 1);
    const quoted = await checkout.quote(s);
    expect(quoted.applied.map((a) => a.couponId)).toEqual([couponId]);
    const outcomes = await Promise.all([outcome(checkout.place(s, 'a')), outcome(checkoutOn().place(s, 'b'))]);
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    // The loser either priced the cart before the winner ordered it (the cart or the coupon is gone by
    // the time it places) or after (the cart is empty): never a second order from the same cart.
    expect(['COUPON_NOT_USABLE', 'QUOTE_CHANGED', 'CART_EMPTY']).toContain(outcomes.find((o) => o !== 'ok'));
    const used = await db.query<{ order_id: string }>('select order_id from coupons where id = $1 and status = $2', [couponId, 'used']);
    expect(used).toHaveLength(1);
    expect(await stockOf(product.id)).toBe(99);
    const [order] = await checkout.list(s);
    expect(order.couponIds).toEqual([couponId]);
    expect(order.total).toBe(28_000);

    // The same coupon cannot be used by a second cart: the next quote no longer offers it.
    await carts.setLine(s, product.id, 1);
    const again = await checkout.place(s, 'c');
    expect(again.couponIds).toEqual([]);
    expect(again.total).toBe(30_000);
  });

  it('refuses an order whose coupon was used meanwhile, and changes nothing', async () => {
    const m = await merchant();
    const product = await products.add({ merchantId: m, category: 'kitchen', title: '炒锅', price: 30_000, stock: 10 });
    const s = await shopper();
    const couponId = await couponFor(s);
    await carts.setLine(s, product.id, 2);
    const priced = await checkout.quote(s);
    // The coupon goes to another order after the price was worked out.
    await coupons.use(couponId, s, '999');
    const placing = checkout.place(s, 'late', priced.total);
    expect(await outcome(placing)).toBe('QUOTE_CHANGED');
    // Without the page's total the server re-prices: the order goes through without the coupon.
    await db.query(`update coupons set status = 'available', order_id = null where id = $1`, [couponId]);
    const first = checkout.place(s, 'x');
    const usedMeanwhile = coupons.use(couponId, s, '998').catch(() => {});
    const [result] = await Promise.all([outcome(first), usedMeanwhile]);
    const stock = await stockOf(product.id);
    if (result === 'ok') expect(stock).toBe(8);
    else {
      expect(result).toBe('COUPON_NOT_USABLE');
      expect(stock).toBe(10);
      expect(await carts.lines(s)).toHaveLength(1);
    }
  });

  it('returns stock and coupon once when a shopper cancels, however often and from wherever', async () => {
    const m = await merchant();
    const product = await products.add({ merchantId: m, category: 'kitchen', title: '水壶', price: 10_000, stock: 3 });
    const s = await shopper();
    const couponId = await couponFor(s);
    await carts.setLine(s, product.id, 3);
    const order = await checkout.place(s, 'cancel-me');
    expect(await stockOf(product.id)).toBe(0);
    const outcomes = await Promise.all([checkout.cancel(order.id, s), checkoutOn().cancel(order.id, s), checkoutOn().cancel(order.id, s)]);
    expect(outcomes.every((o) => o.status === 'cancelled')).toBe(true);
    expect(await stockOf(product.id)).toBe(3);
    const coupon = (await coupons.wallet(s)).find((c) => c.id === couponId)!;
    expect(coupon.state).toBe('available');
    expect(await outcome(checkout.pay(order.id, s))).toBe('ORDER_CANCELLED');
    expect(await stockOf(product.id)).toBe(3);
  });

  it('cancels an unpaid order at its deadline once, with several sweepers, and the coupon goes back', async () => {
    const m = await merchant();
    const product = await products.add({ merchantId: m, category: 'kitchen', title: '砧板', price: 5_000, stock: 4 });
    const s = await shopper();
    const couponId = await couponFor(s, { amountOff: 1_000 });
    await carts.setLine(s, product.id, 2);
    const order = await checkout.place(s, 'expire-me');
    clock.advance(14 * minute);
    expect(await checkout.cancelOverdue()).toBe(0);
    clock.advance(minute);
    const swept = await Promise.all([checkoutOn().cancelOverdue(), checkoutOn().cancelOverdue(), checkout.cancelOverdue()]);
    expect(swept.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    expect((await checkout.get(order.id, s)).status).toBe('cancelled');
    expect((await checkout.get(order.id, s)).cancelReason).toBe('payment deadline passed');
    expect(await stockOf(product.id)).toBe(4);
    expect((await coupons.wallet(s)).find((c) => c.id === couponId)!.state).toBe('available');
    expect(await outcome(checkout.pay(order.id, s))).toBe('ORDER_CANCELLED');
  });

  it('never sells below the floor price, whatever the coupons and promotions', async () => {
    const m = await merchant();
    const product = await products.add({ merchantId: m, category: 'kitchen', title: '刀具套装', price: 10_000, floorPrice: 9_000, stock: 10 });
    const s = await shopper('gold');
    await couponFor(s, { amountOff: 5_000 });
    promotions = [
      { id: 'promotion:1', label: '会员95折', source: 'promotion', kind: 'member-discount', priority: 1, stacking: { group: 'member', exclusive: false }, scope: { kind: 'cart' }, payPermille: { gold: 950 } },
    ];
    await carts.setLine(s, product.id, 2);
    const quote = await checkout.quote(s);
    promotions = [];
    expect(quote.total).toBe(18_000);
    expect(quote.lines[0].total).toBeGreaterThanOrEqual(2 * 9_000);
    const order = await checkout.place(s, 'floor');
    expect(order.total).toBe(18_000);
    expect(order.lines[0]).toMatchObject({ quantity: 2, unitPrice: 10_000, total: 18_000 });
  });

  it('answers a retried checkout with the same order and takes the stock once', async () => {
    const m = await merchant();
    const product = await products.add({ merchantId: m, category: 'toys', title: '积木', price: 8_000, stock: 10 });
    const s = await shopper();
    await carts.setLine(s, product.id, 2);
    const orders = await Promise.all([checkout.place(s, 'same'), checkoutOn().place(s, 'same'), checkout.place(s, 'same')]);
    expect(new Set(orders.map((o) => o.id)).size).toBe(1);
    expect(await stockOf(product.id)).toBe(8);
    expect(await checkout.list(s)).toHaveLength(1);
  });

  it('keeps stock exact while checkouts and cancels of the same products race', async () => {
    const m = await merchant();
    const a = await products.add({ merchantId: m, category: 'kitchen', title: '锅铲', price: 2_000, stock: 30 });
    const b = await products.add({ merchantId: m, category: 'kitchen', title: '汤勺', price: 1_500, stock: 30 });
    const shoppers = await Promise.all(Array.from({ length: 12 }, () => shopper()));
    // Half the carts list the products one way round, half the other (added in opposite order).
    for (const [i, s] of shoppers.entries()) {
      const [first, second] = i % 2 === 0 ? [a, b] : [b, a];
      await carts.setLine(s, first.id, 1 + (i % 3));
      await carts.setLine(s, second.id, 1);
    }
    const placed = await Promise.all(shoppers.map((s) => checkoutOn().place(s, 'race')));
    const taken = (productId: string) => placed.reduce((sum, order) => sum + (order.lines.find((l) => l.productId === productId)?.quantity ?? 0), 0);
    expect(await stockOf(a.id)).toBe(30 - taken(a.id));
    expect(await stockOf(b.id)).toBe(30 - taken(b.id));
    // Every other order is cancelled while new checkouts of the same products go on.
    for (const s of shoppers) await carts.setLine(s, a.id, 1);
    const cancelled = placed.filter((_, i) => i % 2 === 0);
    const outcomes = await Promise.all([
      ...cancelled.map((order, i) => checkoutOn().cancel(order.id, shoppers[i * 2]).then(() => 'cancelled')),
      ...shoppers.map((s) => outcome(checkoutOn().place(s, 'again'))),
    ]);
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(12);
    const [live] = await db.query<{ a: number; b: number }>(
      `select coalesce(sum(l.quantity) filter (where l.product_id = $1), 0)::int as a, coalesce(sum(l.quantity) filter (where l.product_id = $2), 0)::int as b
         from checkout_orders o join checkout_order_lines l on l.order_id = o.id where o.status <> 'cancelled'`,
      [a.id, b.id],
    );
    expect(await stockOf(a.id)).toBe(30 - live.a);
    expect(await stockOf(b.id)).toBe(30 - live.b);
  });

  it('marks an order that costs nothing paid without a charge', async () => {
    const m = await merchant();
    const gift = await products.add({ merchantId: m, category: 'gifts', title: '试用装', price: 1_000, floorPrice: 0, stock: 5 });
    const s = await shopper();
    await couponFor(s, { name: '免单券', amountOff: 1_000 });
    await carts.setLine(s, gift.id, 1);
    const order = await checkout.place(s, 'free');
    expect(order.total).toBe(0);
    const paid = await checkout.pay(order.id, s);
    expect(paid).toMatchObject({ status: 'paid', payment: null });
    expect((await points.balances(s)).points).toBe(0);
  });

  it('pays once, earns points once (doubled while a big promotion runs), and a first order is first once', async () => {
    const m = await merchant();
    const product = await products.add({ merchantId: m, category: 'food', title: '坚果礼盒', price: 12_345, stock: 10 });
    const s = await shopper();
    const firstOrder = await couponFor(s, { name: '首单立减10元', amountOff: 1_000, firstOrderOnly: true });
    await carts.setLine(s, product.id, 1);
    const order = await checkout.place(s, 'pay-me');
    expect(order.couponIds).toEqual([firstOrder]);
    expect(order.total).toBe(11_345);
    multiplier = 2;
    const paid = await Promise.all([checkout.pay(order.id, s), checkout.pay(order.id, s), checkoutOn().pay(order.id, s)]);
    multiplier = 1;
    expect(paid.every((o) => o.status === 'paid')).toBe(true);
    const payments = await db.query<{ status: string; amount: number }>('select status, amount from payments where order_id = $1', [order.id]);
    expect(payments.filter((p) => p.status === 'succeeded')).toEqual([{ status: 'succeeded', amount: 11_345 }]);
    expect((await points.balances(s)).points).toBe(113 * 2);
    await checkout.pay(order.id, s);
    expect((await points.balances(s)).points).toBe(226);

    // After a paid order, a 首单 coupon no longer applies.
    await couponFor(s, { name: '首单立减10元', amountOff: 1_000, firstOrderOnly: true });
    await carts.setLine(s, product.id, 1);
    const next = await checkout.quote(s);
    expect(next.total).toBe(12_345);
    expect(next.skipped.map((x) => x.reason)).toContain('not-eligible');
  });
});
