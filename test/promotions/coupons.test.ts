import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import type { Database } from '../../src/db/database.js';
import { MiaoshaError } from '../../src/errors.js';
import { Coupons } from '../../src/promotions/coupons.js';
import { refusal } from '../support/outcomes.js';
import { openTestDatabase } from '../support/platform.js';

const minute = 60_000;
const start = Date.UTC(2026, 10, 11, 0, 0, 0);

/** Coupons are counted by the database alone, so both databases are tested the same way. */
describe.each(['pglite', 'postgres'] as const)('coupons on %s', (kind) => {
  let db: Database;
  let close: () => Promise<void>;
  const clock = new ManualClock(start);
  let coupons: Coupons;

  beforeAll(async () => {
    ({ db, close } = await openTestDatabase(kind));
    coupons = new Coupons(db, clock);
  });
  afterAll(() => close());

  const issue = (over: Partial<Parameters<Coupons['issue']>[0]> = {}) =>
    coupons.issue({ name: '满300减50', kind: 'amount', amountOff: 5_000, threshold: 30_000, totalQuantity: 10, validFrom: start - minute, validTo: start + 60 * minute, ...over });

  it('never gives out more than exist, nor more than a shopper may hold, however many claim at once', async () => {
    const template = await issue({ totalQuantity: 10, perUserLimit: 2 });
    // 30 shoppers, each trying 3 times at once: 90 claims for 10 coupons.
    const attempts = Array.from({ length: 90 }, (_, i) => coupons.claim(String(1000 + (i % 30)), template.id).then(() => 'ok', (e: MiaoshaError) => e.code));
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(10);
    for (const refused of outcomes.filter((o) => o !== 'ok')) expect(['COUPONS_GONE', 'COUPON_LIMIT_REACHED']).toContain(refused);
    const held = await db.query<{ user_id: string; n: string }>('select user_id, count(*) as n from coupons where template_id = $1 group by user_id', [template.id]);
    expect(held.reduce((sum, row) => sum + Number(row.n), 0)).toBe(10);
    expect(Math.max(...held.map((row) => Number(row.n)))).toBeLessThanOrEqual(2);
    expect((await coupons.template(template.id)).claimed).toBe(10);
    expect(await refusal(coupons.claim('2000', template.id))).toBe('COUPONS_GONE');
  });

  it('keeps one shopper to their cap when they claim many times at once', async () => {
    const template = await issue({ totalQuantity: 100, perUserLimit: 3 });
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => coupons.claim('3000', template.id).then(() => 'ok', (e: MiaoshaError) => e.code)));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(3);
    expect(outcomes.filter((o) => o !== 'ok').every((o) => o === 'COUPON_LIMIT_REACHED')).toBe(true);
    expect((await coupons.wallet('3000')).filter((c) => c.template.id === template.id)).toHaveLength(3);
    expect((await coupons.template(template.id)).claimed).toBe(3);
  });

  it('is claimable only inside its window, and a cart-abandon coupon lasts 30 minutes from its claim', async () => {
    const later = await issue({ validFrom: start + 10 * minute });
    expect(await refusal(coupons.claim('4000', later.id))).toBe('COUPON_NOT_CLAIMABLE');
    const abandon = await issue({ name: '购物车挽回券', validMinutes: 30 });
    const coupon = await coupons.claim('4000', abandon.id);
    expect(coupon.expiresAt).toBe(start + 30 * minute);
    clock.advance(31 * minute);
    expect((await coupons.wallet('4000')).find((c) => c.id === coupon.id)?.state).toBe('expired');
    expect(await refusal(coupons.use(coupon.id, '4000', 'o-1'))).toBe('COUPON_NOT_USABLE');
    clock.set(start);
    expect(await refusal(coupons.claim('4000', '999999'))).toBe('NOT_FOUND');
  });

  it('is used once by one order, comes back to the wallet when that order is cancelled, and only once', async () => {
    const template = await issue({ totalQuantity: 5 });
    const coupon = await coupons.claim('5000', template.id);
    expect(await refusal(coupons.use(coupon.id, '5001', 'o-other'))).toBe('COUPON_NOT_USABLE'); // not theirs
    const uses = await Promise.all(Array.from({ length: 10 }, (_, i) => coupons.use(coupon.id, '5000', `o-${i}`).then(() => i, () => -1)));
    const winners = uses.filter((i) => i >= 0);
    expect(winners).toHaveLength(1);
    expect((await coupons.wallet('5000'))[0]).toMatchObject({ id: coupon.id, state: 'used', orderId: `o-${winners[0]}` });

    expect(await coupons.giveBack(`o-${winners[0]}`)).toEqual([coupon.id]);
    expect(await coupons.giveBack(`o-${winners[0]}`)).toEqual([]);
    expect((await coupons.wallet('5000'))[0]).toMatchObject({ state: 'available', orderId: null });
    await coupons.use(coupon.id, '5000', 'o-again');
    expect((await coupons.template(template.id)).claimed).toBe(1); // a coupon given back stays its holder's
  });

  it('grants a gift coupon once per cause, never more than exist, and never to the coupon center', async () => {
    const gift = await issue({ name: '预约礼', totalQuantity: 5, handout: 'grant' });
    expect((await coupons.claimable()).map((t) => t.id)).not.toContain(gift.id);
    expect(await refusal(coupons.claim('3001', gift.id))).toBe('COUPON_NOT_CLAIMABLE');

    // 20 causes at once for 5 coupons; then every cause replayed.
    const grant = (i: number) => coupons.grant(String(3100 + i), gift.id, `gift:test:${i}`);
    const first = await Promise.all(Array.from({ length: 20 }, (_, i) => grant(i)));
    const granted = first.filter((coupon) => coupon !== null);
    expect(granted).toHaveLength(5);
    const again = await Promise.all(Array.from({ length: 20 }, (_, i) => grant(i)));
    expect(again.filter((coupon) => coupon !== null).map((c) => c!.id).sort()).toEqual(granted.map((c) => c!.id).sort());
    expect((await coupons.template(gift.id)).claimed).toBe(5);

    // One cause replayed ten times at once: one coupon, one unit of the pool.
    const prize = await issue({ name: '奖品券', totalQuantity: 3, handout: 'grant' });
    const replays = await Promise.all(Array.from({ length: 10 }, () => coupons.grant('3200', prize.id, 'lottery:test:1')));
    expect(new Set(replays.map((coupon) => coupon?.id)).size).toBe(1);
    expect(replays[0]).not.toBeNull();
    expect((await coupons.template(prize.id)).claimed).toBe(1);
  });
});
