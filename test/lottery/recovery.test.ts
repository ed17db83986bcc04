import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import type { Database } from '../../src/db/database.js';
import { shopDay } from '../../src/domain/points.js';
import { Lotteries } from '../../src/lottery/lotteries.js';
import { Coupons } from '../../src/promotions/coupons.js';
import { PointsLedger } from '../../src/promotions/points.js';
import { openTestDatabase } from '../support/platform.js';

const hour = 3_600_000;
// 2026-11-11 10:00 in Shanghai.
const start = Date.UTC(2026, 10, 11, 2, 0, 0);

/** A process stopped between the steps of a draw leaves a ticket behind: the recovery pass finishes it, once. */
describe.each(['pglite', 'postgres'] as const)('lottery recovery on %s', (kind) => {
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

  /** What the first statement of a draw leaves: the draw counted and the ticket written, nothing paid. */
  const counted = async (userId: string, lotteryId: string) => {
    const day = shopDay(clock.now());
    await db.query(
      `insert into lottery_counts as c (lottery_id, user_id, total, day, today) values ($1, $2, 1, $3, 1)
       on conflict (lottery_id, user_id) do update set total = c.total + 1, today = c.today + 1`,
      [lotteryId, userId, day],
    );
    const [ticket] = await db.query<{ id: string }>(
      `insert into lottery_tickets (lottery_id, user_id, day, state, at, due_at) values ($1, $2, $3, 'counted', $4, $5) returning id`,
      [lotteryId, userId, day, new Date(clock.now()), new Date(clock.now() + Lotteries.leaseMs)],
    );
    return String(ticket.id);
  };
  /** …then the cost spent. */
  const paid = async (userId: string, lotteryId: string) => {
    const id = await counted(userId, lotteryId);
    await ledger.change(userId, 'energy', -10, 'lottery draw', `lottery-draw:${id}`);
    await db.query(`update lottery_tickets set state = 'paid' where id = $1`, [id]);
    return id;
  };
  /** …then a unit of the prize taken and the draw audited, the prize not yet delivered. */
  const drawn = async (userId: string, lotteryId: string, prizeId: string) => {
    const id = await paid(userId, lotteryId);
    await db.query('update lottery_prizes set awarded = awarded + 1 where id = $1', [prizeId]);
    await db.query(
      `insert into lottery_draws (draw_id, lottery_id, user_id, prize_id, roll, weight_total, cost_currency, cost_paid, at)
       values ($1, $2, $3, $4, 0, 1, 'energy', 10, $5)`,
      [id, lotteryId, userId, prizeId, new Date(clock.now())],
    );
    await db.query(`update lottery_tickets set state = 'drawn' where id = $1`, [id]);
    return id;
  };

  /** One shopper stopped after each step, one finished normally, one who cannot pay; the lease then runs out. */
  const stopped = async (prefix: number) => {
    clock.set(start);
    const template = await coupons.issue({ name: '抽奖券 10 元', kind: 'amount', amountOff: 1000, totalQuantity: 100, validFrom: start - hour, validTo: start + 240 * hour, handout: 'grant' });
    const lottery = await lotteries.create({
      name: '恢复抽奖',
      startsAt: start - hour,
      endsAt: start + 48 * hour,
      cost: { currency: 'energy', amount: 10 },
      limit: { total: 3, daily: 3 },
      prizes: [{ name: '10 元券', kind: 'coupon', templateId: template.id, quantity: 10, weight: 1 }],
    });
    const prizeId = lottery.prizes[0].id;
    const shopper = (n: number) => String(prefix + n);
    for (const n of [0, 1, 2, 3]) await ledger.change(shopper(n), 'energy', 30, 'top-up', 'seed');
    const tickets = new Map([
      [shopper(0), await counted(shopper(0), lottery.id)],
      [shopper(1), await paid(shopper(1), lottery.id)],
      [shopper(2), await drawn(shopper(2), lottery.id, prizeId)],
      // Finished normally: it stays as it is.
      [shopper(3), (await lotteries.draw(shopper(3), lottery.id)).id],
    ]);
    // Counted for a shopper with no energy: it cannot be paid.
    const unpaid = await counted(shopper(4), lottery.id);
    // Within the lease the draw may still be in hand: the pass leaves it.
    expect(await lotteries.recover()).toBe(0);
    clock.advance(Lotteries.leaseMs);
    return { template, lottery, prizeId, tickets, unpaid, poor: shopper(4) };
  };

  /** Each shopper ends charged once with exactly one coupon; the one who could not pay with nothing spent and the draw back. */
  const expectFinished = async ({ template, lottery, prizeId, tickets, unpaid, poor }: Awaited<ReturnType<typeof stopped>>) => {
    expect(await lotteries.recover()).toBe(0);
    for (const [s, id] of tickets) {
      const draws = await lotteries.mine(s, lottery.id);
      expect(draws).toHaveLength(1);
      expect(draws[0]).toMatchObject({ id, delivery: 'delivered', prize: { id: prizeId } });
      const wallet = (await coupons.wallet(s)).filter((c) => c.template.id === template.id);
      expect(wallet.map((c) => c.id)).toEqual([draws[0].couponId]);
      expect((await ledger.balances(s)).energy).toBe(20);
      const entries = await db.query<{ ref: string }>(`select ref from point_ledger where user_id = $1 and ref like 'lottery%'`, [s]);
      expect(entries.map((e) => e.ref)).toEqual([`lottery-draw:${id}`]);
    }
    // No prize unit was taken twice: awarded is exactly the draws that won it.
    expect((await lotteries.lottery(lottery.id)).prizes[0].awarded).toBe(4);
    expect(await lotteries.mine(poor, lottery.id)).toEqual([]);
    const [ticket] = await db.query<{ state: string }>('select state from lottery_tickets where id = $1', [unpaid]);
    expect(ticket.state).toBe('void');
    expect((await ledger.balances(poor)).energy).toBe(0);
    expect(await lotteries.left(poor, lottery.id)).toEqual({ total: 3, today: 3 });
  };

  it('finishes draws stopped after any step once their lease is over, with two passes (two nodes) at once', async () => {
    const left = await stopped(7500);
    const [a, b] = await Promise.all([lotteries.recover(), lotteries.recover()]);
    expect(a + b).toBe(4);
    await expectFinished(left);
    // The passes never both took a ticket: no coupon was spent on a lost race.
    expect((await coupons.template(left.template.id)).claimed).toBe(4);
  });

  it('never delivers twice when a late finish of the same draws runs alongside the passes', async () => {
    const left = await stopped(7600);
    await Promise.all([
      lotteries.recover(),
      lotteries.recover(),
      ...[...left.tickets.values(), left.unpaid].map((id) => lotteries.finish(id).catch(() => null)),
    ]);
    await expectFinished(left);
  });
});
