import type { LiveSnapshot } from '../api/types';

/**
 * The dashboard's memory: the latest snapshot and, for the last two minutes, one point a second of
 * how much happened in that second. The server only sends running totals, so each rate is the
 * difference between two snapshots; pure functions so it is tested without a server.
 */

export const windowSeconds = 120;

/** What happened in one second (epoch second), derived from two snapshots. */
export interface RatePoint {
  second: number;
  views: number;
  attempts: Record<string, number>;
  reserved: number;
  paid: number;
  gmv: number;
}

interface Counters {
  second: number;
  views: number;
  attempts: Record<string, number>;
  reserved: number;
  paid: number;
  gmv: number;
}

export interface LiveSeries {
  sessionId: string | null;
  latest: LiveSnapshot | null;
  /** The totals the next snapshot is compared with. */
  base: Counters | null;
  /** Oldest first, one per second, no gaps. */
  points: RatePoint[];
}

export const emptySeries: LiveSeries = { sessionId: null, latest: null, base: null, points: [] };

function countersOf(snapshot: LiveSnapshot): Counters {
  return {
    second: Math.floor(Date.parse(snapshot.serverTime) / 1000),
    views: snapshot.views,
    attempts: { ...snapshot.attempts },
    reserved: snapshot.funnel.reserved,
    paid: snapshot.paidOrders,
    gmv: snapshot.gmv,
  };
}

/**
 * How much a running total grew. A total can fall: views and attempts are counted in memory (a node
 * that restarts takes its share with it, a scaled deployment sums the nodes), and a refund takes an
 * order out of paid orders and GMV. What happened meanwhile cannot be told from the totals, and the
 * new total is not it (it holds every other node's count too), so a fall counts as nothing: never a
 * negative rate, never a spike.
 */
function growth(now: number, before: number): number {
  return Math.max(0, now - before);
}

function difference(now: Counters, before: Counters): Omit<RatePoint, 'second'> {
  const attempts: Record<string, number> = {};
  for (const outcome of Object.keys(now.attempts)) {
    attempts[outcome] = growth(now.attempts[outcome] ?? 0, before.attempts[outcome] ?? 0);
  }
  return {
    views: growth(now.views, before.views),
    attempts,
    reserved: growth(now.reserved, before.reserved),
    paid: growth(now.paid, before.paid),
    gmv: growth(now.gmv, before.gmv),
  };
}

function scaled(delta: Omit<RatePoint, 'second'>, share: number): Omit<RatePoint, 'second'> {
  const attempts: Record<string, number> = {};
  for (const [outcome, value] of Object.entries(delta.attempts)) attempts[outcome] = value * share;
  return {
    views: delta.views * share,
    attempts,
    reserved: delta.reserved * share,
    paid: delta.paid * share,
    gmv: delta.gmv * share,
  };
}

function added(point: RatePoint, delta: Omit<RatePoint, 'second'>): RatePoint {
  const attempts = { ...point.attempts };
  for (const [outcome, value] of Object.entries(delta.attempts)) attempts[outcome] = (attempts[outcome] ?? 0) + value;
  return {
    second: point.second,
    views: point.views + delta.views,
    attempts,
    reserved: point.reserved + delta.reserved,
    paid: point.paid + delta.paid,
    gmv: point.gmv + delta.gmv,
  };
}

/** Takes in one snapshot. */
export function addSnapshot(series: LiveSeries, snapshot: LiveSnapshot): LiveSeries {
  const now = countersOf(snapshot);
  if (!Number.isFinite(now.second)) return series;
  // Another session, or the very first snapshot: only a starting point, no rate yet.
  if (series.sessionId !== snapshot.sessionId || !series.base) {
    return { sessionId: snapshot.sessionId, latest: snapshot, base: now, points: [] };
  }
  const base = series.base;
  // A late, out-of-order answer (a poll racing the stream) is older news: drop it.
  if (now.second < base.second) return series;
  const delta = difference(now, base);
  let points = series.points;
  if (now.second === base.second) {
    // Two snapshots in one second: both differences belong to that second.
    const last = points[points.length - 1];
    if (last && last.second === now.second) points = [...points.slice(0, -1), added(last, delta)];
    else points = [...points, added(zeroPoint(now.second), delta)];
  } else {
    const gap = now.second - base.second;
    if (gap > windowSeconds) {
      // Away longer than the window shows: the old points are gone, start again from here.
      points = [];
    } else {
      // Missed seconds (a dropped connection): what happened meanwhile is spread evenly over them,
      // so the chart shows the average rate instead of a spike in the last second.
      const share = scaled(delta, 1 / gap);
      const filled: RatePoint[] = [];
      for (let second = base.second + 1; second <= now.second; second++) filled.push(added(zeroPoint(second), share));
      points = [...points, ...filled];
    }
  }
  const oldest = now.second - windowSeconds;
  const start = points.findIndex((point) => point.second > oldest);
  return {
    sessionId: snapshot.sessionId,
    latest: snapshot,
    base: now,
    points: start < 0 ? [] : start === 0 ? points : points.slice(start),
  };
}

function zeroPoint(second: number): RatePoint {
  return { second, views: 0, attempts: {}, reserved: 0, paid: 0, gmv: 0 };
}

/** Total attempts of a point, all outcomes. */
export function attemptsOf(point: RatePoint): number {
  let total = 0;
  for (const value of Object.values(point.attempts)) total += value;
  return total;
}

/** Average per second over the last `seconds` points (what a KPI tile shows under its total). */
export function recentRate(points: RatePoint[], pick: (point: RatePoint) => number, seconds = 5): number | null {
  if (points.length === 0) return null;
  const recent = points.slice(-seconds);
  let sum = 0;
  for (const point of recent) sum += pick(point);
  return sum / recent.length;
}

/** The attempt outcomes in the order they are stacked (most wanted first). */
export const outcomeOrder = [
  'reserved',
  'replayed',
  'sold_out',
  'limit_reached',
  'not_eligible',
  'paused',
  'not_started',
  'ended',
  'rate_limited',
  'unavailable',
];

/** The outcomes worth a line: every outcome that has happened at all (reserved always). */
export function outcomesOf(series: LiveSeries): string[] {
  const seen = new Set<string>(['reserved']);
  for (const [outcome, count] of Object.entries(series.latest?.attempts ?? {})) if (count > 0) seen.add(outcome);
  for (const point of series.points) for (const [outcome, count] of Object.entries(point.attempts)) if (count > 0) seen.add(outcome);
  const known = outcomeOrder.filter((outcome) => seen.has(outcome));
  const others = [...seen].filter((outcome) => !outcomeOrder.includes(outcome)).sort();
  return [...known, ...others];
}
