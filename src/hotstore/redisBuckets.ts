import { setTimeout as sleep } from 'node:timers/promises';
import { limitKeyOf, type Item } from '../domain/item.js';
import { MiaoshaError } from '../errors.js';
import type { Release, ReserveAttempt, ReserveOutcome } from './hotstore.js';
import { type HotKeys, homeBucket, maxBuckets } from './redisKeys.js';
import { decodeAnswer, encodeAnswer, streamEntry } from './redisRecords.js';
import type { HotStoreCommands, RedisClient } from './redisScripts.js';

/**
 * Hot items in buckets: a limit key's stock split over K buckets, each in a Redis Cluster slot of its
 * own (key layout: redisKeys.ts), so the shoppers of one hot item are served by K slots — K Redis cores
 * once the slots are on different masters — instead of one.
 *
 * Every shopper has a *home bucket* (`homeBucket`: a stable hash of the user id mod K). Their holding,
 * their answers and their reservation records under the limit key are kept there and nowhere else,
 * so the per-user limit and the idempotency of a key are exactly as exact as with one slot: one
 * script on one slot reads and writes them. What is split is the shoppers, not the shopper.
 *
 * A buy attempt (after its key is bound in the shopper's slot, as for any item):
 *
 * 1. bucket_reserve.lua in the home bucket. While the home bucket has the units this is the whole
 *    attempt, one script, like reserve.lua: replay, limit, take, count, answer, append. Otherwise it
 *    *claims* the attempt: takes the units there are at home, counts the whole quantity in the holding
 *    (the limit holds meanwhile) and notes the claim.
 * 2. bucket_take.lua in the other buckets in turn (home+1, home+2, … mod K) until the quantity is
 *    gathered: each takes what it can of what is still missing. Units taken leave their bucket for good.
 * 3. bucket_settle.lua in the home bucket: takes any units still missing there (they may have come back
 *    since), then grants the attempt (answer, stream entry) — or, still short, gives back the home
 *    units and the holding and answers SOLD_OUT, and the units taken elsewhere are put back in their
 *    buckets (bucket_put.lua).
 *
 * So: never more sold than loaded (every unit is taken by one atomic decrement, in one bucket); a
 * SOLD_OUT is only answered once every bucket was visited and found short, the home bucket twice; a
 * unit taken by a one-unit attempt is always sold, since its limit was checked before. With a quantity
 * above one, an attempt that comes up short holds the units it gathered until it puts them back, a
 * few milliseconds at the very end of a sale; a one-unit attempt that meets that window is told
 * SOLD_OUT although a unit is about to come back (and is then sold to the next one).
 *
 * A double click (the same key) while the first attempt is claimed waits for its answer (PENDING,
 * asked again). An attempt whose node dies between the steps leaves its claim: the shopper's next
 * attempt under the limit key, after `claimStaleMs`, drops it and gives back the home units and the
 * holding (bucket_reserve.lua). Units it had taken from other buckets are not known there, so they
 * stay out of sale — held back, never sold twice — until a reconcile puts them back (the drift shows
 * them). A slow attempt whose claim was dropped meanwhile finds it GONE when it settles: it puts back
 * what it took and answers UNAVAILABLE (retry with the same key).
 *
 * Cost: while a shopper's home bucket has units, an attempt is what it is for any item (claim_key.lua
 * and one script); the sweep is for the tail of the sale. A SOLD_OUT costs K + 1 scripts (buying
 * refuses without Redis once the node sees the sum at zero). The holdings are split by shopper rather
 * than kept in the limit key's slot because that slot would then still run a script (two, with a
 * claim and a settle) for every attempt: the very cap buckets are there to lift.
 *
 * K of a limit key must be the same on every node, and must not change while the limit key has
 * holdings (a shopper's home would move away from their holding): every bucket keeps the K it was
 * loaded with, and an attempt made with another K is refused with an error instead of breaking the
 * limit silently. Changing K means reloading the limit key (rebuildHotStore) under the new K.
 */

/** What the bucket code tells the store it serves. */
export interface BucketReports {
  /** The item's total units on sale, as now seen (every bucket's level known). */
  saw(itemId: string, total: number): void;
  /** The limit key's data is missing in Redis (a bucket lost it). */
  lost(limitKey: string): void;
  /** The total units the store believes are on sale. */
  remaining(itemId: string): number | undefined;
}

export interface HotBucketsOptions {
  /** A claim this old was left by an attempt that never came back; default 10000. */
  claimStaleMs?: number;
  /** How long a double click waits for its first attempt's answer before answering UNAVAILABLE; default 2000. */
  pendingWaitMs?: number;
}

const written: Promise<void> = Promise.resolve();

type Commands = RedisClient & HotStoreCommands;

export class HotBuckets {
  private readonly claimStaleMs: number;
  private readonly pendingWaitMs: number;
  /** itemId → each bucket's units on sale as last seen (undefined: not seen since the last doubt). */
  private readonly levels = new Map<string, (number | undefined)[]>();

  constructor(
    private readonly redis: Commands,
    private readonly keys: HotKeys,
    private readonly reports: BucketReports,
    options: HotBucketsOptions = {},
  ) {
    this.claimStaleMs = options.claimStaleMs ?? 10_000;
    this.pendingWaitMs = options.pendingWaitMs ?? 2_000;
  }

  /** Splits the units evenly over the buckets (the remainder to the first ones) and sets each share. */
  async loadStock(itemId: string, limitKey: string, remaining: number, buckets: number): Promise<void> {
    const shares = splitStock(remaining, buckets);
    const levels = await Promise.all(
      shares.map((units, bucket) => {
        const keys = this.keys.bucket(limitKey, bucket);
        return this.redis.miaoshaBucketLoadStock(keys.stock, keys.buckets, itemId, units, 'SET', buckets);
      }),
    );
    this.reports.saw(itemId, this.seeAll(itemId, levels));
  }

  /**
   * A rebuild's stock, set only in buckets that have none. All missing: `remaining` split over them.
   * Some missing (one bucket's slot lost its data): they share what `remaining` leaves beyond the
   * units the other buckets hold — so `remaining` must then be net of every unit sold, the unwritten
   * reservations of the surviving buckets' streams included, or units would be sold twice.
   */
  async loadStockIfMissing(itemId: string, limitKey: string, remaining: number, buckets: number): Promise<void> {
    const levels = await this.stockOf(itemId, limitKey, buckets);
    const missing = levels.flatMap((level, bucket) => (level === null ? [bucket] : []));
    if (missing.length > 0) {
      const present = levels.reduce<number>((sum, level) => sum + (level ?? 0), 0);
      const shares = splitStock(missing.length === buckets ? remaining : Math.max(0, remaining - present), missing.length);
      const loaded = await Promise.all(
        missing.map((bucket, n) => {
          const keys = this.keys.bucket(limitKey, bucket);
          return this.redis.miaoshaBucketLoadStock(keys.stock, keys.buckets, itemId, shares[n], 'NX', buckets);
        }),
      );
      missing.forEach((bucket, n) => (levels[bucket] = loaded[n]));
    }
    this.reports.saw(itemId, this.seeAll(itemId, levels));
  }

  /** Each bucket's units of the item now; null for a bucket that has none (never loaded, or lost). */
  async stockOf(itemId: string, limitKey: string, buckets: number): Promise<(number | null)[]> {
    const units = await Promise.all(
      Array.from({ length: buckets }, (_, bucket) => this.redis.hget(this.keys.bucket(limitKey, bucket).stock, itemId)),
    );
    return units.map((u) => (u === null ? null : Number(u)));
  }

  async reserve({ record, perUserLimit }: ReserveAttempt, buckets: number): Promise<ReserveOutcome> {
    const { itemId, userId, limitKey } = record;
    const home = homeBucket(userId, buckets);
    const keys = this.keys.bucket(limitKey, home);
    const answer = encodeAnswer(record);
    const entry = streamEntry(record);
    const ask = () =>
      this.redis.miaoshaBucketReserve(
        keys.stock,
        keys.holdings,
        keys.answers,
        keys.reservations,
        keys.claims,
        keys.buckets,
        itemId,
        userId,
        record.idempotencyKey,
        record.orderId,
        record.quantity,
        perUserLimit,
        buckets,
        this.claimStaleMs,
        answer,
        ...entry,
      );

    let reply = await ask();
    // The same key claimed by an attempt still looking in other buckets: its answer is this one's.
    for (let pause = 2, waited = 0; reply[0] === 'PENDING'; pause = Math.min(pause * 2, 50)) {
      if (waited >= this.pendingWaitMs) throw new MiaoshaError('UNAVAILABLE', 'an attempt with this Idempotency-Key is still in progress; retry with the same key', 1);
      await sleep(pause);
      waited += pause;
      reply = await ask();
    }

    const [code, left, extra] = reply;
    if (code === 'BUCKETS') throw misconfigured(limitKey, extra, buckets);
    if (left < 0 && code !== 'REPLAY') throw this.unavailable(limitKey);
    this.see(itemId, buckets, home, left);
    switch (code) {
      case 'RESERVED':
        return { ok: true, record, replay: false, durable: written };
      case 'REPLAY':
        return { ok: true, record: decodeAnswer(String(extra)), replay: true, durable: written };
      case 'CLAIMED':
        return this.gather(record, buckets, home, Number(extra));
      case 'LIMIT_REACHED':
      case 'IDEMPOTENCY_KEY_REUSED':
        return { ok: false, code, remaining: this.remaining(itemId, left) };
      default:
        throw new Error(`bucket_reserve.lua answered ${code}`);
    }
  }

  /** Units back to the shopper's home bucket, where their holding is. */
  async release({ itemId, userId, limitKey, quantity }: Release, buckets: number): Promise<void> {
    const home = homeBucket(userId, buckets);
    const keys = this.keys.bucket(limitKey, home);
    const left = await this.redis.miaoshaRelease(keys.stock, keys.holdings, itemId, userId, quantity);
    if (left < 0) this.reports.lost(limitKey);
    else this.see(itemId, buckets, home, left);
  }

  /**
   * Another node's figure for the item's total. Bucket levels that do not add up to it are forgotten
   * (all zero if it sold out) until each bucket is seen again; the total is the store's to keep.
   */
  heard(itemId: string, total: number): void {
    const levels = this.levels.get(itemId);
    if (!levels) return;
    if (levels.every((level) => level !== undefined) && sum(levels) === total) return;
    levels.fill(total === 0 ? 0 : undefined);
  }

  /** Every bucket's level read (a refresh); a missing bucket counts as none. Returns the total. */
  seeAll(itemId: string, levels: (number | null)[]): number {
    this.levels.set(itemId, levels.map((level) => Math.max(level ?? 0, 0)));
    return sum(this.levels.get(itemId)!);
  }

  /** Steps 2 and 3: take what is missing from the other buckets in turn, then settle at home. */
  private async gather(record: ReserveAttempt['record'], buckets: number, home: number, takenAtHome: number): Promise<ReserveOutcome> {
    const { itemId, limitKey } = record;
    let short = record.quantity - takenAtHome;
    const taken: { bucket: number; units: number }[] = [];
    let lostBucket = false;
    try {
      for (let step = 1; step < buckets && short > 0; step++) {
        const bucket = (home + step) % buckets;
        const keys = this.keys.bucket(limitKey, bucket);
        const [code, units, left, loadedWith] = await this.redis.miaoshaBucketTake(keys.stock, keys.buckets, itemId, short, buckets);
        if (code === 'BUCKETS') throw misconfigured(limitKey, loadedWith, buckets);
        if (code === 'LOST') {
          lostBucket = true;
          continue;
        }
        this.see(itemId, buckets, bucket, left);
        if (units > 0) {
          taken.push({ bucket, units });
          short -= units;
        }
      }
    } catch (error) {
      // Give the claim back at home, then the units taken so far. If this fails too, the claim goes
      // stale (dropped by the shopper's next attempt) and the units taken stay out of sale.
      try {
        await this.settle('ABORT', record, buckets, home, record.quantity - takenAtHome - short);
        await this.putBack(itemId, limitKey, buckets, taken);
      } catch {
        // The first error is the one to report.
      }
      throw error;
    }

    // Should this fail, whether it ran is unknown: nothing is put back (units held back, not sold twice).
    const [code, homeLeft] = await this.settle('FINISH', record, buckets, home, record.quantity - takenAtHome - short);
    if (homeLeft < 0) lostBucket = true; // the home bucket lost its stock since the claim
    if (code === 'RESERVED') {
      if (lostBucket) this.reports.lost(limitKey);
      return { ok: true, record, replay: false, durable: written };
    }
    await this.putBack(itemId, limitKey, buckets, taken);
    if (code === 'GONE') {
      throw new MiaoshaError('UNAVAILABLE', 'the attempt took too long and was given up; retry with the same Idempotency-Key', 1);
    }
    // Refusing as sold out while a bucket's data is missing would be a lie.
    if (lostBucket) throw this.unavailable(limitKey);
    return { ok: false, code: 'SOLD_OUT', remaining: this.remaining(itemId, 0) };
  }

  private async settle(mode: 'FINISH' | 'ABORT', record: ReserveAttempt['record'], buckets: number, home: number, gathered: number) {
    const keys = this.keys.bucket(record.limitKey, home);
    const reply = await this.redis.miaoshaBucketSettle(
      keys.stock,
      keys.holdings,
      keys.answers,
      keys.reservations,
      keys.claims,
      mode,
      record.itemId,
      record.userId,
      record.idempotencyKey,
      record.orderId,
      gathered,
      ...(mode === 'FINISH' ? [encodeAnswer(record), ...streamEntry(record)] : []),
    );
    if (reply[1] >= 0) this.see(record.itemId, buckets, home, reply[1]);
    return reply;
  }

  private async putBack(itemId: string, limitKey: string, buckets: number, taken: { bucket: number; units: number }[]): Promise<void> {
    const lefts = await Promise.all(
      taken.map(({ bucket, units }) => this.redis.miaoshaBucketPut(this.keys.bucket(limitKey, bucket).stock, itemId, units)),
    );
    taken.forEach(({ bucket }, n) => {
      if (lefts[n] < 0) this.reports.lost(limitKey);
      else this.see(itemId, buckets, bucket, lefts[n]);
    });
  }

  /** One bucket's level seen in a script reply; the store hears the total once every level is known. */
  private see(itemId: string, buckets: number, bucket: number, level: number): void {
    if (level < 0) return;
    let levels = this.levels.get(itemId);
    if (!levels || levels.length !== buckets) {
      levels = new Array<number | undefined>(buckets).fill(undefined);
      this.levels.set(itemId, levels);
    }
    levels[bucket] = level;
    if (levels.every((l) => l !== undefined)) this.reports.saw(itemId, sum(levels));
  }

  private remaining(itemId: string, fallback: number): number {
    return Math.max(this.reports.remaining(itemId) ?? fallback, 0);
  }

  private unavailable(limitKey: string): MiaoshaError {
    // No stock in Redis for an item on sale: its data was lost. Refusing as sold out would be a lie.
    this.reports.lost(limitKey);
    return new MiaoshaError('UNAVAILABLE', 'this item is being restored; retry with the same Idempotency-Key', 1);
  }
}

/** `units` over `buckets` as evenly as can be, the remainder one each to the first buckets. */
export function splitStock(units: number, buckets: number): number[] {
  const base = Math.floor(units / buckets);
  const rest = units - base * buckets;
  return Array.from({ length: buckets }, (_, bucket) => base + (bucket < rest ? 1 : 0));
}

function sum(levels: (number | undefined)[]): number {
  return levels.reduce<number>((total, level) => total + (level ?? 0), 0);
}

function misconfigured(limitKey: string, loadedWith: unknown, buckets: number): Error {
  return new Error(
    `${limitKey} was loaded in ${loadedWith} bucket(s), this node splits it in ${buckets}: every node must use the same ` +
      'MIAOSHA_HOT_ITEM_BUCKETS, and a limit key changes its buckets only by a reload',
  );
}

/**
 * MIAOSHA_HOT_ITEM_BUCKETS: which items are hot, and over how many buckets to split each —
 * `ITEMID:K[,ITEMID:K…]`, e.g. `1024:8,1025:4`. Unset or empty: none. K from 1 to 64 (1: not split).
 *
 * Named items rather than a stock threshold: K must not change while the item's limit key has
 * holdings, and an explicit list changes only when the operator restarts the nodes with another one,
 * never because a stock figure was edited.
 */
export function parseHotItemBuckets(value: string | undefined): Map<string, number> {
  const buckets = new Map<string, number>();
  for (const part of (value ?? '').split(',')) {
    const entry = part.trim();
    if (entry === '') continue;
    const colon = entry.lastIndexOf(':');
    const itemId = entry.slice(0, colon).trim();
    const k = Number(entry.slice(colon + 1).trim());
    if (colon < 0 || itemId === '' || !/^\d+$/.test(entry.slice(colon + 1).trim()) || k < 1 || k > maxBuckets) {
      throw new Error(`MIAOSHA_HOT_ITEM_BUCKETS: "${entry}" is not ITEMID:K with K from 1 to ${maxBuckets}`);
    }
    if (buckets.has(itemId)) throw new Error(`MIAOSHA_HOT_ITEM_BUCKETS: item ${itemId} named twice`);
    buckets.set(itemId, k);
  }
  return buckets;
}

/**
 * Buckets are per limit key (a shopper's holding is one per limit key): each item named in the
 * setting splits its limit key; items sharing a limit key (one sku in several sessions) give it the
 * largest K named among them. For `RedisHotStoreOptions.bucketsOf`: `(lk) => map.get(lk) ?? 1`.
 */
export function bucketsByLimitKey(perItem: ReadonlyMap<string, number>, items: Iterable<Pick<Item, 'id' | 'campaignId' | 'sku'>>): Map<string, number> {
  const byLimitKey = new Map<string, number>();
  for (const item of items) {
    const k = perItem.get(item.id);
    if (k === undefined) continue;
    const limitKey = limitKeyOf(item);
    byLimitKey.set(limitKey, Math.max(k, byLimitKey.get(limitKey) ?? 1));
  }
  return byLimitKey;
}
