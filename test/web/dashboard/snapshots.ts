import type { LiveSnapshot } from '../../../web/src/api/types';

/** A live snapshot as the server sends it, at `second` seconds past 10:00:00 UTC, with overrides. */
export function snapshot(second: number, overrides: Partial<LiveSnapshot> = {}): LiveSnapshot {
  const base: LiveSnapshot = {
    sessionId: 'ses_1',
    serverTime: new Date(Date.UTC(2030, 0, 1, 10, 0, 0) + second * 1000).toISOString(),
    state: 'live',
    views: 0,
    // The server lists every outcome; the window must cope with fewer, so the samples name only some.
    attempts: {} as LiveSnapshot['attempts'],
    orders: { reserved: 0, paid: 0, shipped: 0, completed: 0, cancelled: 0, refunded: 0 },
    paidOrders: 0,
    gmv: 0,
    payments: { succeeded: 0, failed: 0 },
    paymentSuccessRate: null,
    funnel: { views: 0, attempts: 0, reserved: 0, paid: 0 },
    items: [],
    alerts: [],
  };
  return { ...base, ...overrides };
}

export const second0 = Date.UTC(2030, 0, 1, 10, 0, 0) / 1000;

/** Counters in one go: the funnel follows views/attempts/reserved/paid as the server computes it. */
export function counters(
  second: number,
  { views = 0, attempts = {} as Record<string, number>, reserved = 0, paid = 0, gmv = 0 },
  overrides: Partial<LiveSnapshot> = {},
): LiveSnapshot {
  const total = Object.values(attempts).reduce((sum, value) => sum + value, 0);
  return snapshot(second, {
    views,
    attempts: attempts as LiveSnapshot['attempts'],
    paidOrders: paid,
    gmv,
    funnel: { views, attempts: total, reserved, paid },
    ...overrides,
  });
}
