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
import { PriceProtection, protectedAmount } from '../../src/promotions/priceProtection.js';
import { outcome } from '../support/outcomes.js';
import { openTestDatabase } from '../support/platform.js';

const day = 86_400_000;
const start = Date.UTC(2026, 10, 11, 2, 0, 0);

describe('what a line may claim', () => {
  it('is the difference per unit times the quantity, never more than the line paid, nothing when not lower', () => {
    expect(protectedAmount({ unitPaid: 10_000, quantity: 3, total: 30_000 }, 8_000)).toBe(6_000);
    expect(protectedAmount({ unitPaid: 10_000, quantity: 3, total: 30_000 }, 10_000)).toBe(0);
    expect(protectedAmount({ unitPaid: 10_000, quantity: 3, total: 30_000 }, 12_000)).toBe(0);
    // A line whose total does not split evenly: unit paid is rounded down, the claim stays within the total.
    expect(protectedAmount({ unitPaid: 3_333, quantity: 3, total: 10_000 }, 0)).toBe(9_999);
  });
});

/** Claims are kept by the database alone, so both databases are tested the same way. */
describe.each(['pglite', 'postgres'] as const)('price protection on %s', (kind) => {
  let db: Database;
  let close: () => Promise<void>;
  const clock = new ManualClock(start);
  const { router, channels } = createSandboxRouter({ latencyMs: 1, timeoutMs: 2000 });
  let products: Products;
  let carts: Carts;
  let checkout: Checkout;
  let protection: PriceProtection;
  let promotions: Offer[] = [];
  let phone = 0;

  beforeAll(async () => {
    ({ db, close } = await openTestDatabase(kind));
    products = new Products(db);
    carts = new Carts(db, clock);
    checkout = new Checkout(db, carts, new Coupons(db, clock), new PointsLedger(db, clock), router, new OrderIdGenerator(1, () => clock.now()), clock, {
      promotions: async () => promotions,
      pointsMultiplier: () => 1,
    });
    protection = new PriceProtection(db, router, clock);
  });
  afterAll(async () => {
    router.shutdown();
    await close();
  });

  const shopper = async (): Promise<string> => {
    const [row] = await db.query<{ id: string }>('insert into users (phone) values ($1) returning id::text', [`1391111${String(++phone).padStart(4, '0')}`]);
    return row.id;
  };
  const product = async (price: number, title = '电饭煲') => {
    const merchant = await products.addMerchant('美的旗舰店');
    return products.add({ merchantId: merchant.id, category: 'kitchen', title, price, stock: 1_000 });
  };
  /** A shopper buys `lines` and pays: the order. */
  const bought = async (userId: string, lines: [string, number][], pay = true) => {
    for (const [productId, quantity] of lines) await carts.setLine(userId, productId, quantity);
    const order = await checkout.place(userId, `key-${userId}-${lines.map(([p]) => p).join('-')}`);
    return pay ? checkout.pay(order.id, userId) : order;
  };
  /** What the payment channels still hold of an order. */
  const held = (orderId: string) => channels.reduce((sum, channel) => sum + channel.netCharged(orderId), 0);

  it('pays the difference once however many claims for one line arrive at once', async () => {
    const cooker = await product(29_900);
    const s = await shopper();
    const order = await bought(s, [[cooker.id, 2]]);
    expect(order.status).toBe('paid');
    expect(held(order.id)).toBe(59_800);

    await products.change(cooker.id, { price: 24_900 });
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => outcome(protection.claim(s, order.id, cooker.id))));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'ok').every((o) => o === 'PRICE_PROTECTION_CLAIMED')).toBe(true);

    const [claim] = await protection.claims(s);
    expect(claim).toMatchObject({ orderId: order.id, lineId: cooker.id, quantity: 2, unitPaid: 29_900, unitPriceNow: 24_900, amount: 10_000, status: 'refunded', automatic: false });
    expect(held(order.id)).toBe(49_800);
    expect(await outcome(protection.claim(s, order.id, cooker.id))).toBe('PRICE_PROTECTION_CLAIMED');
    // A later, lower price is not a second chance: one claim per line.
    await products.change(cooker.id, { price: 19_900 });
    expect(await outcome(protection.claim(s, order.id, cooker.id))).toBe('PRICE_PROTECTION_CLAIMED');
    expect(held(order.id)).toBe(49_800);
    const lines = await protection.lines(s, order.id);
    expect(lines).toEqual([expect.objectContaining({ lineId: cooker.id, state: 'claimed', amount: 0 })]);
  });

  it('compares with what was paid after discounts, and claims nothing when the price is not lower', async () => {
    const kettle = await product(10_000, '电水壶');
    const s = await shopper();
    promotions = [
      { id: 'promotion:1', label: '满100减20', source: 'promotion', priority: 0, stacking: { group: 'p1', exclusive: false }, scope: { kind: 'cart' }, kind: 'spend-reduction', tiers: [{ threshold: 10_000, off: 2_000 }] },
    ];
    const order = await bought(s, [[kettle.id, 1]]);
    promotions = [];
    expect(order.total).toBe(8_000);

    expect(await outcome(protection.claim(s, order.id, kettle.id))).toBe('PRICE_NOT_LOWER');
    // ¥90 now is below the list price, but not below the ¥80 paid.
    await products.change(kettle.id, { price: 9_000 });
    expect(await outcome(protection.claim(s, order.id, kettle.id))).toBe('PRICE_NOT_LOWER');
    expect((await protection.lines(s, order.id))[0]).toMatchObject({ state: 'not-lower', priceNow: 9_000, unitPaid: 8_000 });
    await products.change(kettle.id, { price: 7_500 });
    expect((await protection.lines(s, order.id))[0]).toMatchObject({ state: 'claimable', amount: 500 });
    expect(await protection.claim(s, order.id, kettle.id)).toMatchObject({ amount: 500, status: 'refunded' });
    expect(held(order.id)).toBe(7_500);
  });

  it('refuses after 30 days, for an unpaid order, for a line not in the order and for someone else’s order', async () => {
    const fan = await product(20_000, '风扇');
    const other = await product(5_000, '插座');
    const s = await shopper();
    const order = await bought(s, [[fan.id, 1]]);
    const unpaid = await bought(s, [[other.id, 1]], false);
    await products.change(fan.id, { price: 15_000 });
    await products.change(other.id, { price: 4_000 });

    expect(await outcome(protection.claim(s, unpaid.id, other.id))).toBe('PRICE_PROTECTION_NOT_ELIGIBLE');
    expect(await outcome(protection.claim(s, order.id, other.id))).toBe('NOT_FOUND');
    expect(await outcome(protection.claim(await shopper(), order.id, fan.id))).toBe('NOT_FOUND');
    expect(await outcome(protection.claim(s, '123', fan.id))).toBe('NOT_FOUND');

    clock.advance(30 * day);
    try {
      expect(await outcome(protection.claim(s, order.id, fan.id))).toBe('PRICE_PROTECTION_EXPIRED');
      expect((await protection.lines(s, order.id))[0].state).toBe('expired');
      expect(held(order.id)).toBe(20_000);
    } finally {
      clock.set(start);
    }
    // A moment before the 30 days end it was still protected.
    clock.set(order.paidAt! + 30 * day - 1);
    try {
      expect(await protection.claim(s, order.id, fan.id)).toMatchObject({ amount: 5_000 });
    } finally {
      clock.set(start);
    }
  });

  it('refunds by itself once the operator turns it on: each eligible line once, however many sweeps run', async () => {
    const rice = await product(6_000, '大米');
    const oil = await product(8_000, '食用油');
    const a = await shopper();
    const b = await shopper();
    const first = await bought(a, [[rice.id, 3], [oil.id, 1]]);
    const second = await bought(b, [[rice.id, 1]]);
    await products.change(rice.id, { price: 5_000 });

    // Off: the sweep makes no claim.
    expect(await protection.automatic()).toBe(false);
    await protection.sweep();
    expect(await protection.claims(a)).toEqual([]);

    await protection.setAutomatic(true);
    expect(await protection.automatic()).toBe(true);
    await Promise.all([protection.sweep(), protection.sweep(), protection.sweep()]);
    await protection.sweep();
    const claimsOfA = await protection.claims(a);
    expect(claimsOfA).toEqual([expect.objectContaining({ lineId: rice.id, amount: 3_000, automatic: true, status: 'refunded' })]);
    expect(await protection.claims(b)).toEqual([expect.objectContaining({ lineId: rice.id, amount: 1_000, automatic: true, status: 'refunded' })]);
    expect(held(first.id)).toBe(26_000 - 3_000);
    expect(held(second.id)).toBe(5_000);
    // The shopper's own claim finds the line already refunded.
    expect(await outcome(protection.claim(a, first.id, rice.id))).toBe('PRICE_PROTECTION_CLAIMED');

    // A later fall of another product is refunded by the next sweep; the rice is not refunded again.
    await products.change(oil.id, { price: 7_000 });
    await protection.sweep();
    expect((await protection.claims(a)).map((c) => [c.lineId, c.amount])).toEqual(
      expect.arrayContaining([
        [rice.id, 3_000],
        [oil.id, 1_000],
      ]),
    );
    expect(held(first.id)).toBe(26_000 - 4_000);
    await protection.setAutomatic(false);
    expect(await protection.automatic()).toBe(false);
  });
});

describe('partial refunds on a payment channel', () => {
  it('return part of a settled charge once per refund id, and never more than was charged', async () => {
    const { router, channels } = createSandboxRouter({ latencyMs: 1 });
    try {
      const receipt = await router.pay({ paymentId: 'pay-1', orderId: '42', amount: 10_000 });
      await router.refundPart(receipt.channel, 'pay-1', 'part-a', 3_000);
      await router.refundPart(receipt.channel, 'pay-1', 'part-a', 3_000);
      await Promise.all([router.refundPart(receipt.channel, 'pay-1', 'part-b', 2_000), router.refundPart(receipt.channel, 'pay-1', 'part-b', 2_000)]);
      const channel = channels.find((c) => c.name === receipt.channel)!;
      expect(channel.netCharged('42')).toBe(5_000);
      await expect(router.refundPart(receipt.channel, 'pay-1', 'part-c', 5_001)).rejects.toThrow(/more than/);
      await expect(router.refundPart(receipt.channel, 'pay-1', 'part-a', 4_000)).rejects.toThrow(/another payment or amount/);
      await expect(router.refundPart(receipt.channel, 'nothing-charged', 'part-d', 100)).rejects.toThrow(/no settled charge/);
      await expect(router.refundPart(receipt.channel, 'pay-1', 'part-e', 0)).rejects.toThrow(RangeError);
      expect(channel.netCharged('42')).toBe(5_000);
    } finally {
      router.shutdown();
    }
  });
});
