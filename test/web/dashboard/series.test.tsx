import { describe, expect, it } from 'vitest';
import { addSnapshot, attemptsOf, emptySeries, type LiveSeries, outcomesOf, recentRate, windowSeconds } from '../../../web/src/dashboard/series';
import type { LiveSnapshot } from '../../../web/src/api/types';
import { counters, second0 } from './snapshots';

const run = (snapshots: LiveSnapshot[]): LiveSeries => snapshots.reduce(addSnapshot, emptySeries);

describe('the rolling window of rates', () => {
  it('turns running totals into what happened in each second', () => {
    const series = run([
      counters(0, { views: 100, attempts: { reserved: 2, sold_out: 0 }, reserved: 2, paid: 1, gmv: 19900 }),
      counters(1, { views: 130, attempts: { reserved: 5, sold_out: 4 }, reserved: 5, paid: 3, gmv: 59700 }),
      counters(2, { views: 150, attempts: { reserved: 6, sold_out: 10 }, reserved: 6, paid: 3, gmv: 59700 }),
    ]);
    expect(series.points).toEqual([
      { second: second0 + 1, views: 30, attempts: { reserved: 3, sold_out: 4 }, reserved: 3, paid: 2, gmv: 39800 },
      { second: second0 + 2, views: 20, attempts: { reserved: 1, sold_out: 6 }, reserved: 1, paid: 0, gmv: 0 },
    ]);
    expect(series.latest?.views).toBe(150);
    expect(attemptsOf(series.points[1]!)).toBe(7);
  });

  it('the first snapshot is only a starting point', () => {
    const series = run([counters(0, { views: 500, attempts: { reserved: 40 } })]);
    expect(series.points).toEqual([]);
    expect(series.latest?.views).toBe(500);
  });

  it('spreads what happened during missed seconds evenly over them, one point a second', () => {
    const series = run([counters(0, { views: 0, attempts: { reserved: 0 } }), counters(4, { views: 40, attempts: { reserved: 8 }, reserved: 8 })]);
    expect(series.points.map((point) => point.second - second0)).toEqual([1, 2, 3, 4]);
    expect(series.points.map((point) => point.views)).toEqual([10, 10, 10, 10]);
    expect(series.points.map((point) => point.attempts.reserved)).toEqual([2, 2, 2, 2]);
    expect(series.points.map((point) => point.reserved)).toEqual([2, 2, 2, 2]);
  });

  it('counts a fall of a total (a node restarted) as nothing, neither negative nor a spike', () => {
    const series = run([
      counters(0, { views: 1000, attempts: { reserved: 50, rate_limited: 300 }, reserved: 50, paid: 40, gmv: 400000 }),
      // Views and attempts are counted in memory: one of three nodes restarted and took its share with it.
      counters(1, { views: 700, attempts: { reserved: 35, rate_limited: 200 }, reserved: 51, paid: 40, gmv: 400000 }),
      counters(2, { views: 712, attempts: { reserved: 36, rate_limited: 203 }, reserved: 52, paid: 40, gmv: 400000 }),
    ]);
    expect(series.points).toHaveLength(2);
    expect(series.points[0]).toMatchObject({ views: 0, attempts: { reserved: 0, rate_limited: 0 }, reserved: 1, paid: 0, gmv: 0 });
    expect(series.points[1]).toMatchObject({ views: 12, attempts: { reserved: 1, rate_limited: 3 }, reserved: 1 });
  });

  it('a refund lowers GMV and paid orders without a negative rate', () => {
    const series = run([counters(0, { paid: 10, gmv: 100000 }), counters(1, { paid: 9, gmv: 90000 })]);
    expect(series.points[0]).toMatchObject({ paid: 0, gmv: 0 });
  });

  it('adds two snapshots of the same second together and drops an older one', () => {
    const series = run([
      counters(0, { views: 0 }),
      counters(1, { views: 5 }),
      counters(1, { views: 8 }),
      counters(0, { views: 2 }),
    ]);
    expect(series.points).toEqual([{ second: second0 + 1, views: 8, attempts: {}, reserved: 0, paid: 0, gmv: 0 }]);
    expect(series.latest?.views).toBe(8);
  });

  it('keeps only the last two minutes', () => {
    const snapshots = Array.from({ length: windowSeconds + 30 }, (_, second) => counters(second, { views: second * 2 }));
    const series = run(snapshots);
    expect(series.points).toHaveLength(windowSeconds);
    const last = second0 + windowSeconds + 29;
    expect(series.points[0]!.second).toBe(last - windowSeconds + 1);
    expect(series.points.at(-1)!.second).toBe(last);
    expect(series.points.every((point) => point.views === 2)).toBe(true);
  });

  it('starts over after a gap longer than the window, and for another session', () => {
    const away = run([counters(0, { views: 0 }), counters(1, { views: 1 }), counters(500, { views: 9000 })]);
    expect(away.points).toEqual([]);
    expect(away.latest?.views).toBe(9000);
    const other = addSnapshot(away, counters(501, { views: 3 }, { sessionId: 'ses_2' }));
    expect(other.sessionId).toBe('ses_2');
    expect(other.points).toEqual([]);
  });

  it('averages the last seconds for a tile, and knows when there is nothing yet', () => {
    const series = run([counters(0, { views: 0 }), counters(1, { views: 10 }), counters(2, { views: 30 })]);
    expect(recentRate(series.points, (point) => point.views)).toBe(15);
    expect(recentRate([], (point) => point.views)).toBeNull();
  });

  it('lists the outcomes that happened, in a fixed order, reserved always first', () => {
    const series = run([
      counters(0, { attempts: { zebra: 1, sold_out: 0 } }),
      counters(1, { attempts: { zebra: 1, sold_out: 3, rate_limited: 2, limit_reached: 0 } }),
    ]);
    expect(outcomesOf(series)).toEqual(['reserved', 'sold_out', 'rate_limited', 'zebra']);
  });
});
