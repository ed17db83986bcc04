import { Cluster } from 'ioredis';
import { MiaoshaError } from '../errors.js';
import type { HotStore, Release, ReservationRecord, ReserveAttempt, ReserveOutcome, StockLoad } from './hotstore.js';
import { HotBuckets } from './redisBuckets.js';
import { HotKeys } from './redisKeys.js';
import { decodeAnswer, encodeAnswer, limitKeyOfRequest, requestOf, streamEntry } from './redisRecords.js';
import { defineHotStoreCommands, type HotStoreCommands, type RedisClient } from './redisScripts.js';

export interface RedisHotStoreOptions {
  /** Start of every key; tests give each run its own. Default `miaosha:`. */
  prefix?: string;
  /**
   * The limit key of an item (`limitKeyOf(item)`), whose slot holds the item's stock, for a
   * `loadStock` given no limit key. Default: an item with no sku, `item:ID`.
   */
  limitKeyOfItem?: (itemId: string) => string;
  /** This node saw an item sell out, or come back on sale: tell the other nodes (pub/sub). */
  announce?: (itemId: string, remaining: number) => void;
  /** An item's stock is missing from Redis: its slot lost its data and must be rebuilt. */
  onLost?: (limitKey: string) => void;
  /**
   * How many buckets a limit key's stock is split over, each in a slot of its own, so one hot item
   * is served by several Redis cores (redisBuckets.ts; `bucketsByLimitKey` reads the setting
   * MIAOSHA_HOT_ITEM_BUCKETS). Default 1 for every limit key: one slot, the layout of redisKeys.ts.
   * Must be the same on every node, and fixed while the limit key has holdings.
   */
  bucketsOf?: (limitKey: string) => number;
  /** A bucketed attempt claimed this long ago never came back (its node died); default 10000. */
  claimStaleMs?: number;
}

/**
 * Redis has the reservation once the script has run: making it survive a Redis crash is the job of
 * Redis persistence (AOF with `appendfsync always` for the promise "an acknowledged reservation is
 * never lost"; `everysec` can lose the last second), so `durable` is already resolved.
 */
const written: Promise<void> = Promise.resolve();

/**
 * The scaled deployment's hot store: stock, holdings, answers and the reservation log in Redis (one
 * Redis or a Redis Cluster), every step one Lua script on one slot (key layout: redisKeys.ts). A hot
 * limit key (`bucketsOf`) is split over buckets in several slots, each shopper served in their home
 * bucket (redisBuckets.ts); every other limit key takes the one-slot path, unchanged.
 * Several API nodes share it. Each node keeps the last stock figure it saw per item, refreshed by
 * every script reply, by the other nodes' sold-out announcements and by `refresh`, so `remaining`
 * needs no round trip; it can lag behind sales made by other nodes.
 */
export class RedisHotStore implements HotStore {
  readonly keys: HotKeys;
  private readonly redis: RedisClient & HotStoreCommands;
  private readonly limitKeyOfItem: (itemId: string) => string;
  /** A Redis Cluster: a shopper's keys and an item's keys are in different slots. */
  private readonly cluster: boolean;
  private readonly stock = new Map<string, number>(); // itemId → units on sale, as last seen
  private readonly holders = new Map<string, Set<string> | Promise<void>>(); // sold-out itemId → who holds units
  /** When a script reply last told this node an item's stock (a running count), so an older read never overwrites it. */
  private readonly toldAt = new Map<string, number>();
  private told = 0;
  private readonly listeners: ((itemId: string) => void)[] = [];
  private readonly buckets: HotBuckets;

  constructor(
    redis: RedisClient,
    private readonly options: RedisHotStoreOptions = {},
  ) {
    this.redis = defineHotStoreCommands(redis);
    this.cluster = redis instanceof Cluster;
    this.keys = new HotKeys(options.prefix, options.bucketsOf);
    this.limitKeyOfItem = options.limitKeyOfItem ?? ((itemId) => `item:${itemId}`);
    this.buckets = new HotBuckets(
      this.redis,
      this.keys,
      {
        saw: (itemId, total) => this.saw(itemId, total),
        lost: (limitKey) => this.lost(limitKey),
        remaining: (itemId) => this.stock.get(itemId),
      },
      { claimStaleMs: options.claimStaleMs },
    );
  }

  /**
   * Sets the item's units on sale; split evenly over the buckets of a bucketed limit key. The other
   * nodes are told the new figure: an operator's new stock for an item not on sale yet would otherwise
   * reach them only once its session comes near (their refresh covers items on sale around now).
   */
  async loadStock({ itemId, limitKey, remaining }: StockLoad): Promise<void> {
    const key = limitKey ?? this.limitKeyOfItem(itemId);
    const buckets = this.keys.bucketsOf(key);
    if (buckets > 1) await this.buckets.loadStock(itemId, key, remaining, buckets);
    else this.saw(itemId, await this.redis.miaoshaLoadStock(this.keys.limit(key).stock, itemId, remaining, 'SET'));
    this.options.announce?.(itemId, remaining);
  }

  /**
   * A rebuild's stock: set only if the item has none, since a node that rebuilt first may be selling.
   * Bucketed: only the buckets that have none are set (`HotBuckets.loadStockIfMissing` says with what).
   */
  async loadStockIfMissing({ itemId, limitKey, remaining }: StockLoad): Promise<void> {
    const key = limitKey ?? this.limitKeyOfItem(itemId);
    const buckets = this.keys.bucketsOf(key);
    if (buckets > 1) return this.buckets.loadStockIfMissing(itemId, key, remaining, buckets);
    this.saw(itemId, await this.redis.miaoshaLoadStock(this.keys.limit(key).stock, itemId, remaining, 'NX'));
  }

  /** Bucketed: in the shopper's home bucket, where their holding is. */
  async loadHolding(limitKey: string, userId: string, units: number): Promise<void> {
    await this.redis.miaoshaLoadHolding(this.keys.home(limitKey, userId).holdings, userId, units);
  }

  async loadAnswer(record: ReservationRecord): Promise<void> {
    const { answers } = this.keys.home(record.limitKey, record.userId);
    await Promise.all([
      this.redis.miaoshaLoadAnswer(answers, record.userId, record.idempotencyKey, encodeAnswer(record)),
      this.redis.hset(this.keys.shopperKeys(record.userId), record.idempotencyKey, requestOf(record)),
    ]);
  }

  async reserve({ record, perUserLimit }: ReserveAttempt): Promise<ReserveOutcome> {
    const buckets = this.keys.bucketsOf(record.limitKey);
    const request = requestOf(record);
    // On a cluster, first bind the key to this request in the shopper's slot: a key already used for
    // another item is refused there, whatever slot that item lives in. One Redis binds it in the script.
    if (this.cluster || buckets > 1) {
      const claim = await this.redis.miaoshaClaimKey(this.keys.shopperKeys(record.userId), record.idempotencyKey, request);
      if (claim === 'REUSED') return { ok: false, code: 'IDEMPOTENCY_KEY_REUSED', remaining: this.stock.get(record.itemId) ?? 0 };
    }
    if (buckets > 1) return this.buckets.reserve({ record, perUserLimit }, buckets);

    const { stock, holdings, answers, reservations } = this.keys.limit(record.limitKey);
    const argv = [record.itemId, record.userId, record.idempotencyKey, record.quantity, perUserLimit, encodeAnswer(record), request, ...streamEntry(record)];
    const [code, left, answer] = this.cluster
      ? await this.redis.miaoshaReserve(stock, holdings, answers, reservations, ...argv)
      : await this.redis.miaoshaClaimAndReserve(stock, holdings, answers, reservations, this.keys.shopperKeys(record.userId), ...argv);
    if (left < 0 && code !== 'REPLAY') {
      // No stock in Redis for an item on sale: its data was lost. Refusing as sold out would be a lie.
      this.lost(record.limitKey);
      throw new MiaoshaError('UNAVAILABLE', 'this item is being restored; retry with the same Idempotency-Key', 1);
    }
    this.saw(record.itemId, left);
    switch (code) {
      case 'RESERVED':
        return { ok: true, record, replay: false, durable: written };
      case 'REPLAY':
        return { ok: true, record: decodeAnswer(answer!), replay: true, durable: written };
      case 'SOLD_OUT':
      case 'LIMIT_REACHED':
      case 'IDEMPOTENCY_KEY_REUSED':
        return { ok: false, code, remaining: Math.max(left, 0) };
      default:
        throw new Error(`reserve.lua answered ${code}`);
    }
  }

  async release({ itemId, userId, limitKey, quantity }: Release): Promise<void> {
    const buckets = this.keys.bucketsOf(limitKey);
    if (buckets > 1) return this.buckets.release({ itemId, userId, limitKey, quantity }, buckets);
    const { stock, holdings } = this.keys.limit(limitKey);
    const left = await this.redis.miaoshaRelease(stock, holdings, itemId, userId, quantity);
    if (left < 0) this.lost(limitKey);
    this.saw(itemId, left);
  }

  async recall(userId: string, idempotencyKey: string): Promise<ReservationRecord | undefined> {
    const request = await this.redis.hget(this.keys.shopperKeys(userId), idempotencyKey);
    if (request === null) return undefined;
    // A bound key may have been refused; only a granted one has an answer.
    const answer = await this.redis.hget(this.keys.home(limitKeyOfRequest(request), userId).answers, `${userId}\0${idempotencyKey}`);
    return answer === null ? undefined : decodeAnswer(answer);
  }

  remaining(itemId: string): number | undefined {
    return this.stock.get(itemId);
  }

  /**
   * The item's units on sale in Redis now; null if Redis has no stock for it. Bucketed: the sum over
   * the buckets, null only if every bucket has none (`bucketStockOf` tells them apart).
   */
  async stockOf(itemId: string, limitKey: string): Promise<number | null> {
    const buckets = this.keys.bucketsOf(limitKey);
    if (buckets > 1) {
      const levels = await this.buckets.stockOf(itemId, limitKey, buckets);
      return levels.every((level) => level === null) ? null : levels.reduce<number>((sum, level) => sum + (level ?? 0), 0);
    }
    const units = await this.redis.hget(this.keys.limit(limitKey).stock, itemId);
    return units === null ? null : Number(units);
  }

  /** Each bucket's units of the item now (one entry if not bucketed); null for a bucket that has none. */
  async bucketStockOf(itemId: string, limitKey: string): Promise<(number | null)[]> {
    return this.buckets.stockOf(itemId, limitKey, this.keys.bucketsOf(limitKey));
  }

  /** Reads the current stock of these items (sales made by other nodes); reports the ones Redis lost. */
  async refresh(items: { itemId: string; limitKey: string }[]): Promise<void> {
    const asked = this.told;
    const units = await Promise.all(
      items.map(({ itemId, limitKey }) =>
        this.keys.bucketsOf(limitKey) > 1 ? this.bucketStockOf(itemId, limitKey) : this.stockOf(itemId, limitKey),
      ),
    );
    items.forEach(({ itemId, limitKey }, i) => {
      const left = units[i];
      // A script's reply that arrived while this read was on its way is newer than the read.
      if ((this.toldAt.get(itemId) ?? 0) > asked) return;
      if (Array.isArray(left)) {
        // A bucket without stock lost its slot's data (holdings and answers of the shoppers at home there).
        if (left.some((level) => level === null)) this.lost(limitKey);
        if (left.every((level) => level === null)) return;
        const total = this.buckets.seeAll(itemId, left);
        if (this.stock.get(itemId) !== total) {
          this.stock.set(itemId, total);
          this.changed(itemId);
        }
      } else if (left === null) this.lost(limitKey);
      else this.heard(itemId, left);
    });
  }

  /** Another node's announcement: update what this node believes, without announcing it again. */
  heard(itemId: string, left: number): void {
    if (left < 0) return;
    this.buckets.heard(itemId, left);
    if (this.stock.get(itemId) === left) return;
    this.stock.set(itemId, left);
    if (left > 0) this.holders.delete(itemId);
    this.changed(itemId);
  }

  /**
   * Could this shopper hold units of a sold-out item, and so have an answer to replay? Once an item
   * is sold out nobody new can hold it, so the node learns its holders once (a few hundred, one
   * HKEYS) and refuses everyone else without asking Redis about their key. Unknown yet, or a bucketed
   * item: maybe.
   */
  mayHold(itemId: string, limitKey: string, userId: string): boolean {
    const holders = this.holders.get(itemId);
    if (holders instanceof Set) return holders.has(userId);
    if (!holders && this.stock.get(itemId) === 0 && this.keys.bucketsOf(limitKey) === 1) {
      const learning = this.redis.hkeys(this.keys.limit(limitKey).holdings).then(
        (users) => {
          // Still sold out, and not forgotten meanwhile: a unit back on sale would have cleared it.
          if (this.holders.get(itemId) === learning) this.holders.set(itemId, new Set(users));
        },
        () => void this.holders.delete(itemId),
      );
      this.holders.set(itemId, learning);
    }
    return true;
  }

  onStockChange(listener: (itemId: string) => void): void {
    this.listeners.push(listener);
  }

  /** A script reported the item's stock; -1 means Redis has none for it. */
  private saw(itemId: string, left: number): void {
    if (left < 0) return;
    this.toldAt.set(itemId, ++this.told);
    const before = this.stock.get(itemId);
    if (before === left) return;
    this.stock.set(itemId, left);
    if (left > 0) this.holders.delete(itemId);
    this.changed(itemId);
    // Crossing zero is what the other nodes act on: they refuse a sold-out item without a Redis trip.
    if (left === 0 || before === 0) this.options.announce?.(itemId, left);
  }

  private lost(limitKey: string): void {
    this.options.onLost?.(limitKey);
  }

  private changed(itemId: string): void {
    for (const listener of this.listeners) listener(itemId);
  }
}
