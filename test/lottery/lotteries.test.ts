import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import type { Database } from '../../src/db/database.js';
import { Lotteries } from '../../src/lottery/lotteries.js';
import { Coupons } from '../../src/promotions/coupons.js';
import { PointsLedger } from '../../src/promotions/points.js';
import { codeOf } from '../support/outcomes.js';
import { openTestDatabase } from '../support/platform.js';

const hour = 3_600_000;
// 2026-11-11 10:00 in Shanghai.
const start = Date.UTC(2026, 10, 11, 2, 0, 0);

/** Prizes and draw limits are counted by the database alone, so both databases are tested the same way. */
describe.each(['pglite', 'postgres'] as const)('lotteries on %s', (kind) => {
  let db: Database;
  let close: () => Promise<void>;
  const clock = new ManualClock(start);
  let coupons: Coupons;
  let ledger: PointsLedger;
  let lotteries: Lotteries;

  beforeAll(async () => {
    ({ db, close } = await openTestDatabase(kind));
    coupons = new Coupons(db, clock);
    ledger = new PointsLedger(db, clock);
    lotteries = new Lotteries(db, clock, ledger, coupons);
  });
  afterAll(() => close());

  const prizeCoupon = () =>
    coupons.issue({ name: '抽奖券 10 元', kind: 'amount', amountOff: 1000, totalQuantity: 100, validFrom: start - hour, validTo: start + 240 * hour, handout: 'grant' });

  it('never awards more than a pool holds, keeps every limit exact and charges each draw once, under 50 draws at once', async () => {
    const template = await prizeCoupon();
    const lottery = await lotteries.create({
      name: '双11 抽奖',
      startsAt: start - hour,
      endsAt: start + 48 * hour,
      cost: { currency: 'energy', amount: 10 },
      limit: { total: 3, daily: 2 },
      prizes: [
        { name: '10 元券', kind: 'coupon', templateId: template.id, quantity: 2, weight: 50 },
        { name: '100 积分', kind: 'points', points: 100, quantity: 2, weight: 50 },
        { name: '耳机', kind: 'goods', quantity: 1, weight: 50 },
        { name: '谢谢参与', kind: 'none', weight: 1 },
      ],
    });
    // 20 shoppers with energy for 2 draws each, 5 of them with only 1; each tries 2–3 times at once.
    const shoppers = Array.from({ length: 20 }, (_, i) => String(7000 + i));
    for (const [i, s] of shoppers.entries()) await ledger.change(s, 'energy', i < 5 ? 10 : 30, 'top-up', 'seed');
    const attempts = Array.from({ length: 50 }, (_, i) => shoppers[i % 20]);
    const outcomes = await Promise.all(attempts.map((s) => lotteries.draw(s, lottery.id).then((d) => d, codeOf)));
    const draws = outcomes.filter((o) => typeof o !== 'string');
    const refused = outcomes.filter((o) => typeof o === 'string');
    for (const reason of refused) expect(['DRAW_LIMIT_REACHED', 'POINTS_INSUFFICIENT']).toContain(reason);

    const won = draws.filter((d) => d.prize !== null);
    expect(won.length).toBeLessThanOrEqual(5);
    const after = await lotteries.lottery(lottery.id);
    for (const prize of after.prizes) if (prize.quantity !== null) expect(prize.awarded).toBeLessThanOrEqual(prize.quantity);
    // 50 tries: the 5 poor shoppers get 1 draw, the others their daily 2 → 5 + 30 = 35 draws.
    expect(draws).toHaveLength(35);
    for (const [i, s] of shoppers.entries()) {
      const mine = draws.filter((d) => d.userId === s);
      expect(mine).toHaveLength(i < 5 ? 1 : 2);
      const balances = await ledger.balances(s);
      expect(balances.energy).toBe((i < 5 ? 10 : 30) - 10 * mine.length);
      const entries = await db.query<{ ref: string }>(`select ref from point_ledger where user_id = $1 and currency = 'energy' and ref like 'lottery-draw:%'`, [s]);
      expect(entries.map((e) => e.ref).sort()).toEqual(mine.map((d) => `lottery-draw:${d.id}`).sort());
      const points = won.filter((d) => d.userId === s && d.prize?.kind === 'points').length;
      expect(balances.points).toBe(100 * points);
    }
    // Every coupon prize is in a wallet, exactly once.
    const couponWins = won.filter((d) => d.prize?.kind === 'coupon');
    const granted = await db.query<{ grant_ref: string }>('select grant_ref from coupons where template_id = $1', [template.id]);
    expect(granted.map((g) => g.grant_ref).sort()).toEqual(couponWins.map((d) => `lottery:${d.id}`).sort());
    // The audit trail has every draw with its roll, and its totals agree.
    const audit = await lotteries.audit(lottery.id);
    expect(audit.drawCount).toBe(35);
    expect(audit.collected).toBe(350);
    for (const d of audit.draws) expect(d.roll).toBeLessThan(d.weightTotal || 1);
    expect(audit.totals.reduce((n, t) => n + t.won, 0)).toBe(35);
  });

  it('picks among prizes left only, and gives 谢谢参与 when all are gone', async () => {
    const lottery = await lotteries.create({
      name: '免费抽',
      startsAt: start - hour,
      endsAt: start + hour,
      cost: { currency: 'points', amount: 0 },
      limit: { total: null, daily: null },
      prizes: [{ name: '耳机', kind: 'goods', quantity: 2, weight: 1 }],
    });
    const draws = await Promise.all(Array.from({ length: 6 }, () => lotteries.draw('7100', lottery.id)));
    expect(draws.filter((d) => d.prize?.name === '耳机')).toHaveLength(2);
    expect(draws.filter((d) => d.prize === null)).toHaveLength(4);
    expect(draws.every((d) => d.delivery === 'delivered' && d.cost.amount === 0)).toBe(true);
    expect(await lotteries.mine('7100', lottery.id)).toHaveLength(6);
  });

  it('counts the daily limit by the Shanghai day, and refuses outside the window', async () => {
    const lottery = await lotteries.create({
      name: '每日一抽',
      startsAt: start - hour,
      endsAt: start + 72 * hour,
      cost: { currency: 'points', amount: 0 },
      limit: { total: 2, daily: 1 },
      prizes: [{ name: '谢谢参与', kind: 'none', weight: 1 }],
    });
    await lotteries.draw('7200', lottery.id);
    expect(await lotteries.draw('7200', lottery.id).catch(codeOf)).toBe('DRAW_LIMIT_REACHED');
    expect(await lotteries.left('7200', lottery.id)).toEqual({ total: 1, today: 0 });
    clock.advance(14 * hour); // past midnight in Shanghai
    expect(await lotteries.left('7200', lottery.id)).toEqual({ total: 1, today: 1 });
    await lotteries.draw('7200', lottery.id);
    clock.advance(24 * hour);
    expect(await lotteries.draw('7200', lottery.id).catch(codeOf)).toBe('DRAW_LIMIT_REACHED');
    clock.advance(48 * hour);
    expect(await lotteries.draw('7201', lottery.id).catch(codeOf)).toBe('LOTTERY_NOT_OPEN');
    clock.set(start);
  });

  it('gives a draw that cannot be paid back to the limit, and refuses prizes that cannot run', async () => {
    const lottery = await lotteries.create({
      name: '积分抽',
      startsAt: start - hour,
      endsAt: start + hour,
      cost: { currency: 'points', amount: 50 },
      limit: { total: 1, daily: null },
      prizes: [{ name: '谢谢参与', kind: 'none', weight: 1 }],
    });
    expect(await lotteries.draw('7300', lottery.id).catch(codeOf)).toBe('POINTS_INSUFFICIENT');
    expect(await lotteries.left('7300', lottery.id)).toEqual({ total: 1, today: 1 });
    await ledger.change('7300', 'points', 50, 'top-up', 'seed');
    expect((await lotteries.draw('7300', lottery.id)).cost).toEqual({ currency: 'points', amount: 50 });
    expect((await ledger.balances('7300')).points).toBe(0);

    const claimable = await coupons.issue({ name: '领券', kind: 'amount', amountOff: 100, totalQuantity: 1, validFrom: start, validTo: start + hour });
    const base = { name: 'x', startsAt: start, endsAt: start + hour, cost: { currency: 'points' as const, amount: 0 }, limit: { total: 1, daily: null } };
    expect(await lotteries.create({ ...base, prizes: [{ name: '券', kind: 'coupon', templateId: claimable.id, quantity: 1, weight: 1 }] }).catch(codeOf)).toBe('INVALID_REQUEST');
    expect(await lotteries.create({ ...base, prizes: [{ name: '积分', kind: 'points', quantity: 1, weight: 1 }] }).catch(codeOf)).toBe('INVALID_REQUEST');
    expect(await lotteries.create({ ...base, prizes: [] }).catch(codeOf)).toBe('INVALID_REQUEST');
  });

  it('refuses coupon prizes that would award more than is left of their coupon', async () => {
    const template = await coupons.issue({ name: '抽奖券 5 元', kind: 'amount', amountOff: 500, totalQuantity: 5, validFrom: start - hour, validTo: start + hour, handout: 'grant' });
    await coupons.grant('7400', template.id, 'seed:7400');
    await coupons.grant('7401', template.id, 'seed:7401');
    const base = { name: '券池', startsAt: start, endsAt: start + hour, cost: { currency: 'points' as const, amount: 0 }, limit: { total: 1, daily: null } };
    const prize = (quantity: number) => ({ name: `${quantity} 张券`, kind: 'coupon' as const, templateId: template.id, quantity, weight: 1 });
    expect(await lotteries.create({ ...base, prizes: [prize(4)] }).catch(codeOf)).toBe('PRIZE_EXCEEDS_COUPONS');
    // Two prizes of one coupon share its pool.
    expect(await lotteries.create({ ...base, prizes: [prize(2), prize(2)] }).catch(codeOf)).toBe('PRIZE_EXCEEDS_COUPONS');
    expect((await lotteries.lotteries()).some((l) => l.name === base.name)).toBe(false);
    const lottery = await lotteries.create({ ...base, prizes: [prize(1), prize(2)] });
    expect(lottery.prizes.map((p) => p.quantity)).toEqual([1, 2]);
  });
});
