import type { HotStore, Release, ReservationRecord, ReserveAttempt, ReserveOutcome, StockLoad } from './hotstore.js';
import { HotKeys } from './redisKeys.js';
import { decodeAnswer, encodeAnswer, limitKeyOfRequest, requestOf, streamEntry } from './redisRecords.js';
import { defineHotStoreCommands, type HotStoreCommands, type RedisClient } from './redisScripts.js';

export interface RedisHotStoreOptions {
  /** Start of every key; tests give each run its own. Default `miaosha:`. */
  prefix?: string;
  /**
   * The limit key of an item (`limitKeyOf(item)`), whose slot holds the item's stock. Needed by
   * `loadStock`, which is given only the item id. Default: an item with no sku, `item:ID`.
   */
  limitKeyOfItem?: (itemId: string) => string;
}

/**
 * Redis has the reservation once the script has run: making it survive a Redis crash is the job of
 * Redis persistence (AOF with `appendfsync always` for the promise "an acknowledged reservation is
 * never lost"; `everysec` can lose the last second), so `durable` is already resolved.
 */
const written: Promise<void> = Promise.resolve();

/**
 * The scaled deployment's hot store: stock, holdings, answers and the reservation log in Redis (one
 * Redis or a Redis Cluster), every step one Lua script on one slot (key layout: redisKeys.ts).
 * Several API nodes share it. Each node keeps the last stock figure it saw per item, refreshed by
 * every script reply, so `remaining` needs no round trip; it can lag behind sales made by other nodes.
 */
export class RedisHotStore implements HotStore {
  readonly keys: HotKeys;
  private readonly redis: RedisClient & HotStoreCommands;
  private readonly limitKeyOfItem: (itemId: string) => string;
  private readonly stock = new Map<string, number>(); // itemId → units on sale, as last seen
  private readonly listeners: ((itemId: string) => void)[] = [];

  constructor(redis: RedisClient, options: RedisHotStoreOptions = {}) {
    this.redis = defineHotStoreCommands(redis);
    this.keys = new HotKeys(options.prefix);
    this.limitKeyOfItem = options.limitKeyOfItem ?? ((itemId) => `item:${itemId}`);
  }

  async loadStock({ itemId, remaining }: StockLoad): Promise<void> {
    const { stock } = this.keys.limit(this.limitKeyOfItem(itemId));
    this.stock.set(itemId, await this.redis.miaoshaLoadStock(stock, itemId, remaining));
    this.changed(itemId);
  }

  async loadHolding(limitKey: string, userId: string, units: number): Promise<void> {
    await this.redis.miaoshaLoadHolding(this.keys.limit(limitKey).holdings, userId, units);
  }

  async loadAnswer(record: ReservationRecord): Promise<void> {
    const { answers } = this.keys.limit(record.limitKey);
    await Promise.all([
      this.redis.miaoshaLoadAnswer(answers, record.userId, record.idempotencyKey, encodeAnswer(record)),
      this.redis.hset(this.keys.shopperKeys(record.userId), record.idempotencyKey, requestOf(record)),
    ]);
  }

  async reserve({ record, perUserLimit }: ReserveAttempt): Promise<ReserveOutcome> {
    // First bind the key to this request in the shopper's slot: a key already used for another
    // item is refused here, whatever slot that item lives in.
    const claim = await this.redis.miaoshaClaimKey(this.keys.shopperKeys(record.userId), record.idempotencyKey, requestOf(record));
    if (claim === 'REUSED') return { ok: false, code: 'IDEMPOTENCY_KEY_REUSED', remaining: this.stock.get(record.itemId) ?? 0 };

    const { stock, holdings, answers, reservations } = this.keys.limit(record.limitKey);
    const [code, left, answer] = await this.redis.miaoshaReserve(
      stock,
      holdings,
      answers,
      reservations,
      record.itemId,
      record.userId,
      record.idempotencyKey,
      record.quantity,
      perUserLimit,
      encodeAnswer(record),
      ...streamEntry(record),
    );
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
    const { stock, holdings } = this.keys.limit(limitKey);
    this.saw(itemId, await this.redis.miaoshaRelease(stock, holdings, itemId, userId, quantity));
  }

  async recall(userId: string, idempotencyKey: string): Promise<ReservationRecord | undefined> {
    const request = await this.redis.hget(this.keys.shopperKeys(userId), idempotencyKey);
    if (request === null) return undefined;
    // A bound key may have been refused; only a granted one has an answer.
    const answer = await this.redis.hget(this.keys.limit(limitKeyOfRequest(request)).answers, `${userId}\0${idempotencyKey}`);
    return answer === null ? undefined : decodeAnswer(answer);
  }

  remaining(itemId: string): number | undefined {
    return this.stock.get(itemId);
  }

  onStockChange(listener: (itemId: string) => void): void {
    this.listeners.push(listener);
  }

  /** A script reported the item's stock; -1 means it was never loaded. */
  private saw(itemId: string, left: number): void {
    if (left < 0 || this.stock.get(itemId) === left) return;
    this.stock.set(itemId, left);
    this.changed(itemId);
  }

  private changed(itemId: string): void {
    for (const listener of this.listeners) listener(itemId);
  }
}
