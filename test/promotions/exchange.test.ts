import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import type { Database } from '../../src/db/database.js';
import { Coupons } from '../../src/promotions/coupons.js';
import { Exchange } from '../../src/promotions/exchange.js';
import { PointsLedger } from '../../src/promotions/points.js';
import { codeOf } from '../support/outcomes.js';
import { openTestDatabase } from '../support/platform.js';

const hour = 3_600_000;
const start = Date.UTC(2026, 10, 11, 2, 0, 0);
describe.each(['pglite', 'postgres'] as const)('exchange on %s', (kind) => {
  let db: Database;
  let close: () => Promise<void>;
  const clock = new ManualClock(start);
  let coupons: Coupons;
  let ledger: PointsLedger;
  let exchange: Exchange;

  beforeAll(async () => {
    ({ db, close } = await openTestDatabase(kind));
    coupons = new Coupons(db, clock);
    ledger = new PointsLedger(db, clock);
    exchange = new Exchange(db, clock, ledger, coupons);
  });
  afterAll(() => close());

  const grantCoupon = (totalQuantity: number) =>
    coupons.issue({ name: '5 元无门槛', kind: 'amount', amountOff: 500, totalQuantity, validFrom: start - hour, validTo: start + 24 * hour, handout: 'grant' });

  it('gives 10 coupons to 40 redemptions at once, refunds the rest, and the ledger adds up', async () => {
    const template = await grantCoupon(10);
    const offer = await exchange.createOffer({ templateId: template.id, currency: 'points', price: 100, perUserLimit: 2 });
    const shoppers = Array.from({ length: 20 }, (_, i) => String(8000 + i));
    for (const s of shoppers) await ledger.change(s, 'points', 250, 'top-up', 'seed');
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => exchange.redeem(shoppers[i % 20], offer.id).then((r) => r, codeOf)));
    const granted = outcomes.filter((o) => typeof o !== 'string');
    expect(granted).toHaveLength(10);
    for (const refused of outcomes.filter((o) => typeof o === 'string')) expect(refused).toBe('COUPONS_GONE');
    expect((await coupons.template(template.id)).claimed).toBe(10);
    for (const s of shoppers) {
      const wallet = (await coupons.wallet(s)).filter((c) => c.template.id === template.id);
      expect((await ledger.balances(s)).points).toBe(250 - 100 * wallet.length);
      // Every entry is one of: the spend, its refund; and they sum to the balance.
      const [sum] = await db.query<{ total: string }>(`select coalesce(sum(delta), 0) as total from point_ledger where user_id = $1 and currency = 'points'`, [s]);
      expect(Number(sum.total)).toBe(250 - 100 * wallet.length);
    }
    const rows = await db.query<{ status: string; n: string }>('select status, count(*) as n from exchanges where offer_id = $1 group by status', [offer.id]);
    expect(Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]))).toEqual({ granted: 10, refunded: 30 });
    const refunds = await db.query(`select 1 from point_ledger where ref like 'exchange-refund:%' and user_id = any($1::bigint[])`, [shoppers]);
    expect(refunds).toHaveLength(30);
  });

  it('keeps the per-shopper cap, refuses without enough balance, and finishing twice changes nothing', async () => {
    const template = await grantCoupon(100);
    const offer = await exchange.createOffer({ templateId: template.id, currency: 'energy', price: 30, perUserLimit: 2 });
    await ledger.change('8100', 'energy', 1000, 'top-up', 'seed');
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => exchange.redeem('8100', offer.id).then(() => 'ok', codeOf)));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(2);
    expect(outcomes.filter((o) => o !== 'ok').every((o) => o === 'EXCHANGE_LIMIT_REACHED')).toBe(true);
    expect((await ledger.balances('8100')).energy).toBe(940);

    expect(await exchange.redeem('8101', offer.id).catch(codeOf)).toBe('POINTS_INSUFFICIENT');
    await ledger.change('8101', 'energy', 30, 'top-up', 'seed');
    const redeemed = await exchange.redeem('8101', offer.id); // the unpaid try gave its place back
    expect(redeemed.status).toBe('granted');
    await exchange.finish(redeemed.id);
    expect((await ledger.balances('8101')).energy).toBe(0);
    expect((await coupons.wallet('8101')).filter((c) => c.template.id === template.id)).toHaveLength(1);
    expect((await exchange.mine('8101')).map((r) => r.status)).toEqual(['granted', 'unpaid']);
  });

  it('refuses a claimable coupon, a closed offer and an unknown one', async () => {
    const claimable = await coupons.issue({ name: '领券', kind: 'amount', amountOff: 100, totalQuantity: 1, validFrom: start, validTo: start + hour });
    expect(await exchange.createOffer({ templateId: claimable.id, currency: 'points', price: 1, perUserLimit: 1 }).catch(codeOf)).toBe('INVALID_REQUEST');
    const closed = await exchange.createOffer({ templateId: (await grantCoupon(5)).id, currency: 'points', price: 1, perUserLimit: 1, active: false });
    expect(await exchange.redeem('8200', closed.id).catch(codeOf)).toBe('OFFER_CLOSED');
    expect(await exchange.redeem('8200', '999999').catch(codeOf)).toBe('NOT_FOUND');
    expect((await exchange.offers(true)).some((o) => o.id === closed.id)).toBe(false);
    const ended = await exchange.createOffer({ templateId: (await grantCoupon(5)).id, currency: 'points', price: 1, perUserLimit: 1 });
    clock.advance(25 * hour);
    expect(await exchange.redeem('8200', ended.id).catch(codeOf)).toBe('OFFER_CLOSED');
    expect((await exchange.offers(true)).some((o) => o.id === ended.id)).toBe(false);
    clock.set(start);
  });

  /** What the first statement of a redemption leaves: the cap counted and the row written pending, nothing spent. */
  const pending = async (userId: string, offerId: string) => {
    await db.query(
      `insert into exchange_counts as c (offer_id, user_id, redeemed) values ($1, $2, 1)
       on conflict (offer_id, user_id) do update set redeemed = c.redeemed + 1`,
      [offerId, userId],
    );
    const [row] = await db.query<{ id: string }>(
      `insert into exchanges (offer_id, user_id, currency, price, status, at, due_at)
       select id, $2, currency, price, 'pending', $3, $4 from exchange_offers where id = $1 returning id`,
      [offerId, userId, new Date(clock.now()), new Date(clock.now() + Exchange.leaseMs)],
    );
    return String(row.id);
  };

  /** Redemptions stopped after each step, one finished normally, one that cannot be paid; then the lease runs out. */
  const stopped = async (prefix: number) => {
    clock.set(start);
    const template = await grantCoupon(100);
    const offer = await exchange.createOffer({ templateId: template.id, currency: 'points', price: 100, perUserLimit: 1 });
    const gone = await grantCoupon(1);
    const goneOffer = await exchange.createOffer({ templateId: gone.id, currency: 'points', price: 100, perUserLimit: 1 });
    const shopper = (n: number) => String(prefix + n);
    for (const n of [0, 1, 2, 3, 4, 5]) await ledger.change(shopper(n), 'points', 250, 'top-up', 'seed');
    await coupons.grant(shopper(9), gone.id, `elsewhere:${prefix}`);

    const granted = new Map<string, string>();
    const refunded = new Map<string, string>();
    granted.set(shopper(0), await pending(shopper(0), offer.id));
    const spent = async (n: number, offerId: string) => {
      const id = await pending(shopper(n), offerId);
      await ledger.change(shopper(n), 'points', -100, 'exchange for a coupon', `exchange:${id}`);
      return id;
    };
    granted.set(shopper(1), await spent(1, offer.id));
    const couponGiven = await spent(2, offer.id);
    await coupons.grant(shopper(2), template.id, `exchange:${couponGiven}`);
    granted.set(shopper(2), couponGiven);
    const refundGiven = await spent(3, offer.id);
    await ledger.change(shopper(3), 'points', 100, 'exchange refund: coupons gone', `exchange-refund:${refundGiven}`);
    refunded.set(shopper(3), refundGiven);
    refunded.set(shopper(4), await spent(4, goneOffer.id));
    granted.set(shopper(5), (await exchange.redeem(shopper(5), offer.id)).id);
    const unpaid = await pending(shopper(6), offer.id);

    // Within the lease the redemption may still be in hand: the pass leaves it.
    expect(await exchange.recover()).toBe(0);
    clock.advance(Exchange.leaseMs);
    return { template, offer, granted, refunded, unpaid, poor: shopper(6) };
  };

  /** A coupon and the price spent once, or the price back and no coupon: never both, never twice. */
  const expectFinished = async ({ template, offer, granted, refunded, unpaid, poor }: Awaited<ReturnType<typeof stopped>>) => {
    expect(await exchange.recover()).toBe(0);
    const refs = async (s: string) => (await db.query<{ ref: string }>(`select ref from point_ledger where user_id = $1 and ref like 'exchange%' order by id`, [s])).map((e) => e.ref);
    for (const [s, id] of granted) {
      const [redemption] = await exchange.mine(s);
      expect(redemption).toMatchObject({ id, status: 'granted' });
      const wallet = (await coupons.wallet(s)).filter((c) => c.template.id === template.id);
      expect(wallet.map((c) => c.id)).toEqual([redemption.coupon?.id]);
      expect((await ledger.balances(s)).points).toBe(150);
      expect(await refs(s)).toEqual([`exchange:${id}`]);
    }
    for (const [s, id] of refunded) {
      const [redemption] = await exchange.mine(s);
      expect(redemption).toMatchObject({ id, status: 'refunded', coupon: null });
      expect(await coupons.wallet(s)).toEqual([]);
      expect((await ledger.balances(s)).points).toBe(250);
      expect(await refs(s)).toEqual([`exchange:${id}`, `exchange-refund:${id}`]);
    }
    const [poorest] = await exchange.mine(poor);
    expect(poorest).toMatchObject({ id: unpaid, status: 'unpaid' });
    expect(await refs(poor)).toEqual([]);
    // The unpaid redemption gave its place under the cap back.
    const [count] = await db.query<{ redeemed: number }>('select redeemed from exchange_counts where offer_id = $1 and user_id = $2', [offer.id, poor]);
    expect(count.redeemed).toBe(0);
  };

  it('finishes redemptions stopped after any step once their lease is over, with two passes (two nodes) at once', async () => {
    const left = await stopped(8300);
    const [a, b] = await Promise.all([exchange.recover(), exchange.recover()]);
    expect(a + b).toBe(6);
    await expectFinished(left);
    // The passes never both took a redemption: no coupon was spent on a lost race.
    expect((await coupons.template(left.template.id)).claimed).toBe(4);
  });

  it('never grants and refunds both, or either twice, when late finishes of the same redemptions run alongside the passes', async () => {
    const left = await stopped(8400);
    await Promise.all([
      exchange.recover(),
      exchange.recover(),
      ...[...left.granted.values(), ...left.refunded.values(), left.unpaid].map((id) => exchange.finish(id).catch(() => null)),
    ]);
    await expectFinished(left);
  });

  const goods = (quantity: number, perUserLimit = 1) =>
    exchange.createOffer({ kind: 'goods', goodsName: '定制保温杯', quantity, currency: 'points', price: 100, perUserLimit });
  const given = async (offerId: string) => (await db.query<{ given: number }>('select given from exchange_offers where id = $1', [offerId]))[0].given;

  it('gives 5 units of goods to 30 shoppers redeeming at once, refunds the other 25, and the ledger adds up', async () => {
    const offer = await goods(5);
    expect(offer).toMatchObject({ kind: 'goods', goodsName: '定制保温杯', template: null, left: 5 });
    const shoppers = Array.from({ length: 30 }, (_, i) => String(8500 + i));
    for (const s of shoppers) await ledger.change(s, 'points', 150, 'top-up', 'seed');
    const outcomes = await Promise.all(shoppers.map((s) => exchange.redeem(s, offer.id).then((r) => r, codeOf)));
    const won = outcomes.filter((o) => typeof o !== 'string');
    expect(won).toHaveLength(5);
    for (const r of won) expect(r).toMatchObject({ status: 'granted', goodsName: '定制保温杯', coupon: null, shippedAt: null });
    expect(outcomes.filter((o) => typeof o === 'string')).toEqual(Array(25).fill('GOODS_GONE'));
    expect(await given(offer.id)).toBe(5);
    expect((await exchange.offers()).find((o) => o.id === offer.id)?.left).toBe(0);
    let spent = 0;
    for (const s of shoppers) {
      const [sum] = await db.query<{ total: string }>(`select coalesce(sum(delta), 0) as total from point_ledger where user_id = $1 and currency = 'points'`, [s]);
      expect((await ledger.balances(s)).points).toBe(Number(sum.total));
      spent += 150 - Number(sum.total);
    }
    expect(spent).toBe(500);
    const refunds = await db.query(`select 1 from point_ledger where ref like 'exchange-refund:%' and user_id = any($1::bigint[])`, [shoppers]);
    expect(refunds).toHaveLength(25);
    const toShip = await exchange.goodsToShip(offer.id);
    expect(toShip.map((g) => g.id).sort()).toEqual(won.map((r) => r.id).sort());
    expect(toShip.every((g) => g.goodsName === '定制保温杯' && g.shippedAt === null)).toBe(true);
    const shipped = await exchange.markShipped(toShip[0].id);
    expect(shipped.shippedAt).toBe(clock.now());
    expect((await exchange.markShipped(toShip[0].id)).shippedAt).toBe(shipped.shippedAt);
    const [refused] = await db.query<{ id: string }>(`select id from exchanges where offer_id = $1 and status = 'refunded' limit 1`, [offer.id]);
    expect(await exchange.markShipped(String(refused.id)).catch(codeOf)).toBe('NOT_FOUND');
    // The last guard: no statement may give more units than there are.
    await expect(db.query('update exchange_offers set given = given + 1 where id = $1', [offer.id])).rejects.toThrow();
  });

  /** Goods redemptions stopped after each step (recorded; spent; unit taken; refunded), then the lease runs out. */
  const stoppedGoods = async (prefix: number) => {
    clock.set(start);
    const offer = await goods(3);
    const gone = await goods(1);
    const shopper = (n: number) => String(prefix + n);
    for (const n of [0, 1, 2, 3, 4, 9]) await ledger.change(shopper(n), 'points', 250, 'top-up', 'seed');
    await exchange.redeem(shopper(9), gone.id);
    const spent = async (n: number, offerId = offer.id) => {
      const id = await pending(shopper(n), offerId);
      await ledger.change(shopper(n), 'points', -100, 'exchange for goods', `exchange:${id}`);
      return id;
    };
    const granted = new Map<string, string>();
    const refunded = new Map<string, string>();
    granted.set(shopper(0), await pending(shopper(0), offer.id));
    granted.set(shopper(1), await spent(1));
    const taken = await spent(2);
    await db.query(`with u as (update exchange_offers set given = given + 1 where id = $1) update exchanges set goods_taken = true where id = $2`, [offer.id, taken]);
    granted.set(shopper(2), taken);
    refunded.set(shopper(3), await spent(3, gone.id));
    const refundGiven = await spent(4, gone.id);
    await ledger.change(shopper(4), 'points', 100, 'exchange refund: goods gone', `exchange-refund:${refundGiven}`);
    refunded.set(shopper(4), refundGiven);
    expect(await exchange.recover()).toBe(0);
    clock.advance(Exchange.leaseMs);
    return { offer, granted, refunded };
  };

  const expectGoodsFinished = async ({ offer, granted, refunded }: Awaited<ReturnType<typeof stoppedGoods>>) => {
    expect(await exchange.recover()).toBe(0);
    const refs = async (s: string) => (await db.query<{ ref: string }>(`select ref from point_ledger where user_id = $1 and ref like 'exchange%' order by id`, [s])).map((e) => e.ref);
    expect(await given(offer.id)).toBe(3);
    const toShip = (await exchange.goodsToShip(offer.id)).map((g) => g.id).sort();
    expect(toShip).toEqual([...granted.values()].sort());
    for (const [s, id] of granted) {
      expect((await exchange.mine(s))[0]).toMatchObject({ id, status: 'granted', goodsName: '定制保温杯' });
      expect((await ledger.balances(s)).points).toBe(150);
      expect(await refs(s)).toEqual([`exchange:${id}`]);
    }
    for (const [s, id] of refunded) {
      expect((await exchange.mine(s))[0]).toMatchObject({ id, status: 'refunded' });
      expect((await ledger.balances(s)).points).toBe(250);
      expect(await refs(s)).toEqual([`exchange:${id}`, `exchange-refund:${id}`]);
    }
  };

  it('finishes goods redemptions stopped after any step with one unit or the price back, never both, with two passes at once', async () => {
    const left = await stoppedGoods(8600);
    const [a, b] = await Promise.all([exchange.recover(), exchange.recover()]);
    expect(a + b).toBe(5);
    await expectGoodsFinished(left);
  });

  it('takes a unit once when late finishes of the same goods redemptions run alongside two passes', async () => {
    const left = await stoppedGoods(8700);
    const ids = [...left.granted.values(), ...left.refunded.values()];
    await Promise.all([exchange.recover(), exchange.recover(), ...ids.flatMap((id) => [exchange.finish(id), exchange.finish(id)])]);
    await expectGoodsFinished(left);
  });
});
