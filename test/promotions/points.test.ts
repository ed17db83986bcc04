import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import type { Database } from '../../src/db/database.js';
import type { MiaoshaError } from '../../src/errors.js';
import { CheckIns } from '../../src/promotions/checkIns.js';
import { PointsLedger } from '../../src/promotions/points.js';
import { openTestDatabase } from '../support/platform.js';

const day = 86_400_000;
// 10:00 in Shanghai on 2026-11-11.
const start = Date.UTC(2026, 10, 11, 2, 0, 0);
const outcome = (promise: Promise<unknown>) => promise.then(() => 'ok', (e: MiaoshaError) => e.code);

/** The ledger is kept by the database alone, so both databases are tested the same way. */
describe.each(['pglite', 'postgres'] as const)('points and check-in on %s', (kind) => {
  let db: Database;
  let close: () => Promise<void>;
  const clock = new ManualClock(start);
  let points: PointsLedger;
  let checkIns: CheckIns;

  beforeAll(async () => {
    ({ db, close } = await openTestDatabase(kind));
    points = new PointsLedger(db, clock);
    checkIns = new CheckIns(db, clock, points);
  });
  afterAll(() => close());

  it('lets exactly 3 of 20 racing spends of 30 through a balance of 100, never below zero', async () => {
    await points.change('100', 'points', 100, 'welcome', 'grant:welcome');
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => outcome(points.change('100', 'points', -30, 'spend', `spend:${i}`))));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(3);
    expect(outcomes.filter((o) => o !== 'ok').every((o) => o === 'POINTS_INSUFFICIENT')).toBe(true);
    expect((await points.balances('100')).points).toBe(10);
    const entries = await points.entries('100');
    expect(entries).toHaveLength(4);
    expect(entries.reduce((sum, e) => sum + e.delta, 0)).toBe(10);
    expect(entries.every((e) => e.balanceAfter >= 0)).toBe(true);
  });

  it('applies a ref once, even when it is sent many times at once, and answers the repeats as replays', async () => {
    const changes = await Promise.all(Array.from({ length: 10 }, () => points.change('200', 'energy', 25, 'gift', 'grant:gift-1')));
    expect(changes.filter((c) => !c.replayed)).toHaveLength(1);
    expect(new Set(changes.map((c) => c.entry.id)).size).toBe(1);
    expect((await points.balances('200')).energy).toBe(25);
    // A spent ref stays spent: its replay does not spend again, even when the balance would not allow it now.
    expect((await points.change('200', 'energy', -25, 'exchange', 'spend:a')).replayed).toBe(false);
    expect((await points.change('200', 'energy', -25, 'exchange', 'spend:a')).replayed).toBe(true);
    expect(await points.balances('200')).toEqual({ points: 0, energy: 0 });
  });

  it('refuses a spend from a shopper with no balance, and earns with a multiplier', async () => {
    expect(await outcome(points.change('300', 'points', -1, 'spend', 'spend:x'))).toBe('POINTS_INSUFFICIENT');
    const double = await points.earn('300', 'points', 50, 2, 'double points', 'order:1');
    expect(double.entry).toMatchObject({ delta: 100, balanceAfter: 100, currency: 'points', ref: 'order:1' });
    expect(await points.balances('300')).toEqual({ points: 100, energy: 0 });
  });

  it('checks in once a day however many taps race, with a streak and its energy', async () => {
    clock.set(start);
    const taps = await Promise.all(Array.from({ length: 10 }, () => outcome(checkIns.checkIn('400'))));
    expect(taps.filter((o) => o === 'ok')).toHaveLength(1);
    expect(taps.filter((o) => o !== 'ok').every((o) => o === 'ALREADY_CHECKED_IN')).toBe(true);
    expect((await points.balances('400')).energy).toBe(10);

    for (let n = 2; n <= 7; n++) {
      clock.advance(day);
      const result = await checkIns.checkIn('400');
      expect(result).toMatchObject({ streak: n, reward: n === 7 ? 50 : 10 });
    }
    expect((await points.balances('400')).energy).toBe(6 * 10 + 50);
    const month = await checkIns.month('400');
    expect(month).toMatchObject({ today: '2026-11-17', month: '2026-11', checkedInToday: true, streak: 7 });
    expect(month.days.map((d) => d.day)).toEqual(['2026-11-11', '2026-11-12', '2026-11-13', '2026-11-14', '2026-11-15', '2026-11-16', '2026-11-17']);

    // The next day the streak is still alive until it is missed; a missed day starts again at 1.
    clock.advance(day);
    expect((await checkIns.month('400')).streak).toBe(7);
    clock.advance(day);
    expect((await checkIns.month('400')).streak).toBe(0);
    expect((await checkIns.checkIn('400')).streak).toBe(1);
  });

  it('pays a check-in whose energy was never credited on the next tap', async () => {
    clock.set(start);
    await db.query("insert into check_ins (user_id, day, streak, at) values (500, '2026-11-11', 1, now())");
    expect(await outcome(checkIns.checkIn('500'))).toBe('ALREADY_CHECKED_IN');
    expect((await points.balances('500')).energy).toBe(10);
    expect(await outcome(checkIns.checkIn('500'))).toBe('ALREADY_CHECKED_IN');
    expect((await points.balances('500')).energy).toBe(10);
  });
});
