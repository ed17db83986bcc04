import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import type { Database } from '../../src/db/database.js';
import { MiaoshaError } from '../../src/errors.js';
import { Coupons } from '../../src/promotions/coupons.js';
import { Exchange } from '../../src/promotions/exchange.js';
import { PointsLedger } from '../../src/promotions/points.js';
import { openTestDatabase } from '../support/platform.js';

const hour = 3_600_000;
const start = Date.UTC(2026, 10, 11, 2, 0, 0);
const code = (error: unknown) => (error instanceof MiaoshaError ? error.code : Promise.reject(error));

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
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => exchange.redeem(shoppers[i % 20], offer.id).then((r) => r, code)));
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
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => exchange.redeem('8100', offer.id).then(() => 'ok', code)));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(2);
    expect(outcomes.filter((o) => o !== 'ok').every((o) => o === 'EXCHANGE_LIMIT_REACHED')).toBe(true);
    expect((await ledger.balances('8100')).energy).toBe(940);

    expect(await exchange.redeem('8101', offer.id).catch(code)).toBe('POINTS_INSUFFICIENT');
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
    expect(await exchange.createOffer({ templateId: claimable.id, currency: 'points', price: 1, perUserLimit: 1 }).catch(code)).toBe('INVALID_REQUEST');
    const closed = await exchange.createOffer({ templateId: (await grantCoupon(5)).id, currency: 'points', price: 1, perUserLimit: 1, active: false });
    expect(await exchange.redeem('8200', closed.id).catch(code)).toBe('OFFER_CLOSED');
    expect(await exchange.redeem('8200', '999999').catch(code)).toBe('NOT_FOUND');
    expect((await exchange.offers(true)).some((o) => o.id === closed.id)).toBe(false);
    const ended = await exchange.createOffer({ templateId: (await grantCoupon(5)).id, currency: 'points', price: 1, perUserLimit: 1 });
    clock.advance(25 * hour);
    expect(await exchange.redeem('8200', ended.id).catch(code)).toBe('OFFER_CLOSED');
    expect((await exchange.offers(true)).some((o) => o.id === ended.id)).toBe(false);
    clock.set(start);
  });
});
