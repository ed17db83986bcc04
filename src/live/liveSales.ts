import type { Catalog } from '../campaigns/catalog.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { type OrderStatus, orderStatuses } from '../domain/order.js';
import { type SessionState, sessionState } from '../domain/session.js';
import type { ErrorCode } from '../errors.js';
import type { HotStore } from '../hotstore/hotstore.js';
import type { AttemptOutcome } from '../orders/buying.js';
import type { LiveCounters } from './counters.js';
import { attemptOutcomes } from '../domain/attempt.js';

/** A refusal's counter: the code in the shop's words. */
const refusalOutcomes: Partial<Record<ErrorCode, string>> = {
  NOT_STARTED: 'not_started',
  ENDED: 'ended',
  NOT_ELIGIBLE: 'not_eligible',
  ITEM_PAUSED: 'paused',
  NOT_FOUND: 'not_found',
  IDEMPOTENCY_KEY_REUSED: 'key_reused',
  RATE_LIMITED: 'rate_limited',
  UNAVAILABLE: 'unavailable',
};

export function attemptOutcomeOf(outcome: AttemptOutcome | 'rate_limited', code?: ErrorCode): string {
  if (outcome === 'refused') return (code && refusalOutcomes[code]) ?? 'refused';
  if (outcome === 'failed') return 'unavailable';
  return outcome;
}

export type AlertCode = 'LOW_STOCK' | 'SOLD_OUT' | 'PAYMENT_SUCCESS_LOW' | 'RATE_LIMITED_SURGE';

export interface Alert {
  id: string;
  level: 'info' | 'warning' | 'critical';
  code: AlertCode;
  itemId: string | null;
  message: string;
  at: string;
}

export interface LiveSnapshot {
  sessionId: string;
  serverTime: string;
  state: SessionState;
  views: number;
  /** Every outcome of `attemptOutcomes`, and any other that happened. */
  attempts: Record<(typeof attemptOutcomes)[number], number> & Record<string, number>;
  orders: Record<OrderStatus, number>;
  paidOrders: number;
  gmv: number;
  payments: { succeeded: number; failed: number };
  paymentSuccessRate: number | null;
  funnel: { views: number; attempts: number; reserved: number; paid: number };
  items: { id: string; title: string; initialStock: number; stock: number; reserved: number; paid: number; soldOut: boolean; paused: boolean }[];
  alerts: Alert[];
}

export type LiveSend = (snapshot: LiveSnapshot) => void;

interface OrderFigures {
  /** Per item and status: orders, units and amount in cents. */
  rows: { item_id: string; status: OrderStatus; orders: number; units: number; amount: string }[];
  payments: { status: string; n: number }[];
}

/**
 * What the operator watches while a session sells. Alerts are kept in this node's memory: each node
 * raises its own (from figures summed over all nodes), and a restart forgets them — acceptable for
 * a screen an operator watches, not a record.
 */
interface Watch {
  alerts: Alert[];
  /** Conditions true at the last look: an alert is raised once, when its condition starts. */
  active: Set<string>;
  /** Attempt totals at recent looks, for "in the last 10 s". */
  samples: { at: number; attempts: number; rateLimited: number }[];
  subscribers: Set<LiveSend>;
  timer: NodeJS.Timeout | null;
}

const paidStatuses: OrderStatus[] = ['paid', 'shipped', 'completed'];
const surgeWindowMs = 10_000;
const maxAlerts = 50;

export class LiveSales {
  private readonly watches = new Map<string, Watch>();
  /** One database read at a time per session, shared by everyone asking meanwhile. */
  private readonly reading = new Map<string, Promise<OrderFigures>>();
  private alertSeq = 0;

  constructor(
    private readonly db: Database,
    private readonly catalog: Catalog,
    private readonly hot: HotStore,
    private readonly clock: Clock,
    readonly counters: LiveCounters,
    private readonly intervalMs = 1000,
  ) {}

  /** A buy attempt's outcome (hot path: a map update). Only sessions that exist are counted. */
  attempt(sessionId: string, outcome: AttemptOutcome | 'rate_limited', code?: ErrorCode): void {
    if (this.catalog.sessions.has(sessionId)) this.counters.count(sessionId, `attempt:${attemptOutcomeOf(outcome, code)}`);
  }

  /** A session page load or live-stream open. */
  view(sessionId: string): void {
    if (this.catalog.sessions.has(sessionId)) this.counters.count(sessionId, 'views');
  }

  async snapshot(sessionId: string): Promise<LiveSnapshot> {
    const session = this.catalog.session(sessionId);
    const [counts, figures] = await Promise.all([this.counters.read(sessionId), this.figures(sessionId)]);
    const now = this.clock.now();

    const attempts = Object.fromEntries(attemptOutcomes.map((o) => [o, 0])) as LiveSnapshot['attempts'];
    for (const [field, value] of Object.entries(counts)) if (field.startsWith('attempt:')) attempts[field.slice(8)] = value;
    const views = counts.views ?? 0;
    const orders = Object.fromEntries(orderStatuses.map((s) => [s, 0])) as Record<OrderStatus, number>;
    let gmv = 0;
    let everReserved = 0;
    const units = new Map<string, { reserved: number; paid: number }>();
    for (const row of figures.rows) {
      orders[row.status] += row.orders;
      everReserved += row.orders; // every order starts reserved
      const perItem = units.get(row.item_id) ?? { reserved: 0, paid: 0 };
      if (row.status === 'reserved') perItem.reserved += row.units;
      if (paidStatuses.includes(row.status)) {
        perItem.paid += row.units;
        gmv += Number(row.amount);
      }
      units.set(row.item_id, perItem);
    }
    const paidOrders = paidStatuses.reduce((sum, s) => sum + orders[s], 0);
    const payments = { succeeded: 0, failed: 0 };
    for (const row of figures.payments) {
      // A refunded payment did succeed; a refund_pending one lost its race and is being given back.
      if (row.status === 'succeeded' || row.status === 'refunded') payments.succeeded += row.n;
      else if (row.status === 'failed') payments.failed += row.n;
    }
    const settled = payments.succeeded + payments.failed;
    const paymentSuccessRate = settled === 0 ? null : payments.succeeded / settled;
    const items = this.catalog.itemsOf(sessionId).map((item) => {
      const stock = this.hot.remaining(item.id) ?? 0;
      const held = units.get(item.id) ?? { reserved: 0, paid: 0 };
      return { id: item.id, title: item.title, initialStock: item.stock, stock, ...held, soldOut: stock === 0, paused: item.paused };
    });
    const totalAttempts = Object.values(attempts).reduce((sum, n) => sum + n, 0);

    const snapshot: LiveSnapshot = {
      sessionId,
      serverTime: new Date(now).toISOString(),
      state: sessionState(session, now),
      views,
      attempts,
      orders,
      paidOrders,
      gmv,
      payments,
      paymentSuccessRate,
      funnel: { views, attempts: totalAttempts, reserved: everReserved, paid: paidOrders },
      items,
      alerts: [],
    };
    snapshot.alerts = this.raiseAlerts(this.watchOf(sessionId), snapshot, now);
    return snapshot;
  }

  /** A live stream: the first snapshot at once, then one a second; the returned function stops it. */
  subscribe(sessionId: string, send: LiveSend, onError: (error: unknown) => void): () => void {
    const watch = this.watchOf(sessionId);
    const push = (targets: Iterable<LiveSend>) =>
      this.snapshot(sessionId).then((snapshot) => {
        for (const target of targets) target(snapshot);
      }, onError);
    watch.subscribers.add(send);
    void push([send]);
    if (!watch.timer) {
      // One timer a session, however many operators watch it: one set of reads a second.
      watch.timer = setInterval(() => void push(watch.subscribers), this.intervalMs);
      watch.timer.unref();
    }
    return () => {
      watch.subscribers.delete(send);
      if (watch.subscribers.size === 0 && watch.timer) {
        clearInterval(watch.timer);
        watch.timer = null;
      }
    };
  }

  /** Live streams open on this node for the session (each one costs a read a second while open). */
  viewers(sessionId: string): number {
    const watch = this.watches.get(sessionId);
    return watch?.timer ? watch.subscribers.size : 0;
  }

  close(): void {
    for (const watch of this.watches.values()) {
      if (watch.timer) clearInterval(watch.timer);
      watch.timer = null;
      watch.subscribers.clear();
    }
  }

  private watchOf(sessionId: string): Watch {
    let watch = this.watches.get(sessionId);
    if (!watch) {
      watch = { alerts: [], active: new Set(), samples: [], subscribers: new Set(), timer: null };
      this.watches.set(sessionId, watch);
    }
    return watch;
  }

  /** Two aggregate reads: orders by item and status, payments by status. No catch-up: a second's lag is fine here. */
  private figures(sessionId: string): Promise<OrderFigures> {
    let pending = this.reading.get(sessionId);
    if (!pending) {
      pending = Promise.all([
        this.db.query<OrderFigures['rows'][number]>(
          `select item_id::text, status, count(*)::int as orders, sum(quantity)::int as units,
                  sum(quantity::bigint * unit_price)::text as amount
             from orders where session_id = $1 group by item_id, status`,
          [sessionId],
        ),
        this.db.query<OrderFigures['payments'][number]>(
          `select p.status, count(*)::int as n from payments p join orders o on o.id = p.order_id
            where o.session_id = $1 group by p.status`,
          [sessionId],
        ),
      ])
        .then(([rows, payments]) => ({ rows, payments }))
        .finally(() => this.reading.delete(sessionId));
      this.reading.set(sessionId, pending);
    }
    return pending;
  }

  private raiseAlerts(watch: Watch, snapshot: LiveSnapshot, now: number): Alert[] {
    const conditions: Omit<Alert, 'id' | 'at'>[] = [];
    for (const item of snapshot.items) {
      if (item.stock === 0) {
        conditions.push({ level: 'info', code: 'SOLD_OUT', itemId: item.id, message: `${item.title} is sold out` });
      } else if (item.stock <= item.initialStock * 0.2) {
        conditions.push({
          level: 'warning',
          code: 'LOW_STOCK',
          itemId: item.id,
          message: `${item.title}: ${item.stock} of ${item.initialStock} units left`,
        });
      }
    }
    const settled = snapshot.payments.succeeded + snapshot.payments.failed;
    if (settled >= 10 && snapshot.paymentSuccessRate !== null && snapshot.paymentSuccessRate < 0.8) {
      conditions.push({
        level: 'critical',
        code: 'PAYMENT_SUCCESS_LOW',
        itemId: null,
        message: `only ${Math.round(snapshot.paymentSuccessRate * 100)}% of ${settled} payments succeeded`,
      });
    }
    // Rate-limited share of the attempts since the look closest to 10 s ago (the first look has no window).
    const sample = { at: now, attempts: snapshot.funnel.attempts, rateLimited: snapshot.attempts.rate_limited ?? 0 };
    while (watch.samples.length > 1 && watch.samples[1].at <= now - surgeWindowMs) watch.samples.shift();
    const since = watch.samples[0];
    watch.samples.push(sample);
    if (watch.samples.length > 120) watch.samples.splice(1, 1); // a clock that stands still (tests) must not grow it
    if (since) {
      const attempts = sample.attempts - since.attempts;
      const limited = sample.rateLimited - since.rateLimited;
      if (attempts >= 20 && limited * 2 > attempts) {
        conditions.push({
          level: 'warning',
          code: 'RATE_LIMITED_SURGE',
          itemId: null,
          message: `${limited} of ${attempts} recent buy attempts were rate-limited`,
        });
      }
    }

    const holding = new Set<string>();
    for (const condition of conditions) {
      const key = `${condition.code}:${condition.itemId ?? ''}`;
      holding.add(key);
      if (watch.active.has(key)) continue;
      watch.alerts.unshift({ id: `${snapshot.sessionId}-${++this.alertSeq}`, at: snapshot.serverTime, ...condition });
    }
    watch.active = holding;
    if (watch.alerts.length > maxAlerts) watch.alerts.length = maxAlerts;
    return [...watch.alerts];
  }
}
