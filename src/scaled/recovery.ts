import type { Catalog } from '../campaigns/catalog.js';
import type { Database } from '../db/database.js';
import { type Item, limitKeyOf } from '../domain/item.js';
import type { RedisHotStore } from '../hotstore/redis.js';
import type { RedisClient } from '../hotstore/redisScripts.js';
import { Lease } from './lease.js';
import { loadAnswers, unitsHeld } from '../orders/rebuild.js';

export interface RecoveryOptions {
  /**
   * How long to wait before reading the database: a batch of orders the pipeline read from a stream
   * before the loss may still be committing, and must be counted. Default 1000.
   */
  graceMs?: number;
  onRecovered?: (limitKey: string, items: string[]) => void;
  onError?: (error: unknown) => void;
}

/**
 * Puts back what Redis lost, from PostgreSQL, the source of truth — only where Redis actually lost it
 * (a restart without persistence, a failover that lost writes, a FLUSHALL): an item on sale whose
 * stock is missing. Everything of a limit key lives in one slot and is lost together, so a limit key
 * is the unit of recovery. A lease per limit key keeps nodes that notice the loss together from doing
 * it twice, and the stock is set only where still missing, so a node that recovered first and is
 * already selling is never overwritten. Orders the lost stream held and the pipeline had not written
 * are gone with it: that is the loss window of the Redis persistence setting (docs/operations.md).
 */
export class HotStoreRecovery {
  private readonly queued = new Set<string>();
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: Database,
    private readonly catalog: Catalog,
    private readonly hot: RedisHotStore,
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly options: RecoveryOptions = {},
  ) {}

  /** A limit key was found lost while serving: recover it in the background (coalesced). */
  lost(limitKey: string): void {
    this.queued.add(limitKey);
    if (this.running) return;
    this.running = (async () => {
      while (this.queued.size > 0) {
        const [next] = this.queued;
        this.queued.delete(next);
        try {
          await this.recover(next);
        } catch (error) {
          this.options.onError?.(error);
        }
      }
    })().finally(() => {
      this.running = null;
    });
  }

  /** Every limit key of the catalog with an item whose stock is missing; the ones recovered. */
  async recoverAll(): Promise<string[]> {
    const lost: string[] = [];
    for (const limitKey of new Set([...this.catalog.items.values()].map(limitKeyOf))) {
      if ((await this.missingOf(limitKey)).length > 0) lost.push(limitKey);
    }
    if (lost.length === 0) return [];
    await this.grace(); // once for all of them
    const recovered: string[] = [];
    for (const limitKey of lost) if (await this.recover(limitKey, false)) recovered.push(limitKey);
    return recovered;
  }

  /** Recovers one limit key if it lost data; true if this call did it (false: nothing lost, or another node did). */
  async recover(limitKey: string, grace = true): Promise<boolean> {
    if ((await this.missingOf(limitKey)).length === 0) return false;
    const lease = new Lease(this.redis, `${this.prefix}recovering:${limitKey}`, 60_000);
    // Another node is at it: wait for it to finish (or die and free the lease, then take over).
    while (!(await lease.take())) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if ((await this.missingOf(limitKey)).length === 0) return false;
    }
    try {
      if (grace) await this.grace();
      const items = this.itemsOf(limitKey);
      const lost = await this.missingOf(limitKey);
      if (lost.length === 0) return false;
      // All items gone: the slot lost its data, holdings and answers with it. Some items gone only:
      // they were never loaded (a crash between the insert and the load); holdings are intact.
      if (lost.length === items.length) {
        const holdings = await this.db.query<{ user_id: string; units: string }>(
          `select user_id::text, sum(quantity)::text as units from orders
            where limit_key = $1 and status <> 'cancelled' group by user_id`,
          [limitKey],
        );
        for (let i = 0; i < holdings.length; i += 500) {
          await Promise.all(holdings.slice(i, i + 500).map((h) => this.hot.loadHolding(limitKey, h.user_id, Number(h.units))));
        }
        await loadAnswers(this.db, this.hot, `where limit_key = $1`, [limitKey]);
      }
      const held = await unitsHeld(this.db, lost.map((item) => item.id));
      for (const item of lost) {
        await this.hot.loadStockIfMissing({ itemId: item.id, limitKey, remaining: item.stock - (held.get(item.id) ?? 0) });
      }
      this.options.onRecovered?.(limitKey, lost.map((item) => item.id));
      return true;
    } finally {
      await lease.release();
    }
  }

  private itemsOf(limitKey: string): Item[] {
    return [...this.catalog.items.values()].filter((item) => limitKeyOf(item) === limitKey);
  }

  /** The limit key's items whose stock Redis does not have. */
  private async missingOf(limitKey: string): Promise<Item[]> {
    const items = this.itemsOf(limitKey);
    const units = await Promise.all(items.map((item) => this.hot.stockOf(item.id, limitKey)));
    return items.filter((_, i) => units[i] === null);
  }

  private grace(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, this.options.graceMs ?? 1000));
  }
}
