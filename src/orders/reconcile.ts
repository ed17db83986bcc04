import type { Catalog } from '../campaigns/catalog.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { type Item, limitKeyOf } from '../domain/item.js';
import { sessionState } from '../domain/session.js';
import type { HotStore } from '../hotstore/hotstore.js';
import { decodeStreamEntry } from '../hotstore/redisRecords.js';
import type { Scaled } from '../scaled/scaled.js';
import { unitsHeld } from './rebuild.js';

/** One item's units, every place they can be. They add up to the stock loaded, or there is drift. */
export interface ItemBalance {
  itemId: string;
  sessionId: string;
  title: string;
  /** Units the operator put on sale. */
  stock: number;
  /** Units the hot store still sells; null if it has none for the item (Redis lost it). */
  onSale: number | null;
  /** Units in orders that are not cancelled. */
  inOrders: number;
  /** Units of acknowledged reservations still on their way to the database (scaled deployment). */
  unwritten: number;
  /** stock − onSale − inOrders − unwritten: 0 when everything adds up; > 0 units stranded, < 0 oversold. */
  drift: number;
}

export interface Reconciliation {
  items: ItemBalance[];
  /** Limit keys whose lost hot-store data was rebuilt from the database. */
  recovered: string[];
  /** Items whose stock on sale was set from the database to end a drift. */
  corrected: string[];
}

/**
 * Checks, per item, that the stock the operator loaded equals the units the hot store still sells plus
 * the units in live orders (and, scaled, in reservations not yet written), and repairs the hot store
 * from the database, the source of truth.
 *
 * The check is exact when no buy is in flight; during a sale an attempt between the reads shows as a
 * unit or two of passing drift. So a repair always rebuilds what Redis lost (safe at any time: only
 * missing stock is set), but corrects the stock of a drifting item only if its session is not live —
 * or when forced, which an operator does with the item paused.
 */
export class Reconciler {
  constructor(
    private readonly db: Database,
    private readonly catalog: Catalog,
    private readonly hot: HotStore,
    private readonly clock: Clock,
    private readonly scaled: Scaled | null,
  ) {}

  async check(sessionId?: string): Promise<ItemBalance[]> {
    const items = [...this.catalog.items.values()].filter((item) => !sessionId || item.sessionId === sessionId);
    await this.scaled?.catchUp(); // fewer reservations in flight between the reads
    const onSale = await Promise.all(items.map((item) => this.onSale(item)));
    const unwritten = await this.unwritten(items);
    const held = await unitsHeld(this.db, items.map((item) => item.id));
    return items.map((item, i) => {
      const inOrders = held.get(item.id) ?? 0;
      const waiting = unwritten.get(item.id) ?? 0;
      return {
        itemId: item.id,
        sessionId: item.sessionId,
        title: item.title,
        stock: item.stock,
        onSale: onSale[i],
        inOrders,
        unwritten: waiting,
        drift: item.stock - (onSale[i] ?? 0) - inOrders - waiting,
      };
    });
  }

  async repair(options: { force?: boolean; sessionId?: string } = {}): Promise<Reconciliation> {
    const recovered = this.scaled ? await this.scaled.recovery.recoverAll() : [];
    const corrected: string[] = [];
    for (const balance of await this.check(options.sessionId)) {
      if (balance.drift === 0 || balance.onSale === null) continue;
      const item = this.catalog.items.get(balance.itemId)!;
      const session = this.catalog.sessions.get(item.sessionId)!;
      if (!options.force && sessionState(session, this.clock.now()) === 'live') continue;
      const remaining = Math.max(0, balance.stock - balance.inOrders - balance.unwritten);
      await this.hot.loadStock({ itemId: item.id, limitKey: limitKeyOf(item), remaining });
      corrected.push(item.id);
    }
    return { items: await this.check(options.sessionId), recovered, corrected };
  }

  private async onSale(item: Item): Promise<number | null> {
    if (this.scaled) return this.scaled.hot.stockOf(item.id, limitKeyOf(item));
    return this.hot.remaining(item.id) ?? null;
  }

  /** Units per item in the reservation streams whose order row does not exist yet. */
  private async unwritten(items: Item[]): Promise<Map<string, number>> {
    const units = new Map<string, number>();
    if (!this.scaled) return units;
    const { redis, hot } = this.scaled;
    const pending: { orderId: string; itemId: string; quantity: number }[] = [];
    for (const stream of new Set(items.flatMap((item) => hot.keys.streams(limitKeyOf(item))))) {
      for (const [, fields] of await redis.xrange(stream, '-', '+')) {
        try {
          const record = decodeStreamEntry(fields);
          pending.push({ orderId: record.orderId, itemId: record.itemId, quantity: record.quantity });
        } catch {
          // An undecodable entry is the pipeline's to dead-letter; it holds no known units.
        }
      }
    }
    if (pending.length === 0) return units;
    const written = new Set(
      (
        await this.db.query<{ id: string }>('select id::text from orders where id = any($1::bigint[])', [pending.map((p) => p.orderId)])
      ).map((row) => row.id),
    );
    for (const p of pending) {
      if (!written.has(p.orderId)) units.set(p.itemId, (units.get(p.itemId) ?? 0) + p.quantity);
    }
    return units;
  }
}
