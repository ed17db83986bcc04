import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RedisHotStore, type RedisHotStoreOptions } from '../../src/hotstore/redis.js';
import type { RedisClient } from '../../src/hotstore/redisScripts.js';
import { decodeStreamEntry } from '../../src/hotstore/redisRecords.js';
import { dropKeys, granted, record, runPrefix, targets } from './redisKit.js';

const prefix = runPrefix();
let test = 0;

describe.each(targets)('RedisHotStore on $name', ({ connect }) => {
  let redis: RedisClient;

  beforeAll(() => {
    redis = connect();
  });

  afterAll(async () => {
    await dropKeys(redis, prefix);
    redis.disconnect();
  });

  let options: RedisHotStoreOptions;
  let hot: RedisHotStore;
  let changes: string[];

  /** A store on this test's own keys; several stores on the same options are several API nodes. */
  const node = (extra: Partial<RedisHotStoreOptions> = {}) => new RedisHotStore(redis, { ...options, ...extra });

  const stream = async (limitKey = 'item:i1') =>
    (await redis.xrange(hot.keys.limit(limitKey).reservations, '-', '+')).map(([, fields]) => decodeStreamEntry(fields));

  beforeEach(async () => {
    options = { prefix: `${prefix}t${++test}:` };
    hot = node();
    changes = [];
    hot.onStockChange((itemId) => changes.push(itemId));
    await hot.loadStock({ itemId: 'i1', remaining: 5 });
    changes.length = 0;
  });

  it('reserves: takes the units, appends the record to the stream and keeps the answer', async () => {
    const attempt = record({ quantity: 2 });
    const outcome = granted(await hot.reserve({ record: attempt, perUserLimit: 3 }));
    expect(outcome.replay).toBe(false);
    expect(outcome.record).toEqual(attempt);
    await expect(outcome.durable).resolves.toBeUndefined(); // Redis has it once the script ran
    expect(hot.remaining('i1')).toBe(3);
    expect(changes).toEqual(['i1']);
    expect(await stream()).toEqual([attempt]);
    expect(await hot.recall('u1', attempt.idempotencyKey)).toEqual(attempt);
    expect(await redis.hget(hot.keys.limit('item:i1').stock, 'i1')).toBe('3');
    expect(await redis.hget(hot.keys.limit('item:i1').holdings, 'u1')).toBe('2');
  });

  it('keeps every key of a reservation under the limit key’s hash tag, and the shopper’s keys under theirs', async () => {
    const keys = hot.keys.limit('item:i1');
    for (const key of Object.values(keys)) expect(key).toMatch(/^[^{]*\{item:i1\}:/);
    expect(hot.keys.limit('c1:sku-{x}').stock).toContain('{c1:sku-%7Bx%7D}:');
    expect(hot.keys.shopperKeys('u1')).toMatch(/\{user:u1\}:keys$/);
  });

  it('refuses beyond the per-user limit without touching the stock', async () => {
    granted(await hot.reserve({ record: record({ quantity: 2 }), perUserLimit: 2 }));
    changes.length = 0;
    expect(await hot.reserve({ record: record({ quantity: 1 }), perUserLimit: 2 })).toEqual({
      ok: false,
      code: 'LIMIT_REACHED',
      remaining: 3,
    });
    expect(hot.remaining('i1')).toBe(3);
    expect(changes).toEqual([]);
    expect(await stream()).toHaveLength(1);
    // The limit is per shopper: someone else may still buy.
    granted(await hot.reserve({ record: record({ userId: 'u2' }), perUserLimit: 2 }));
  });

  it('refuses a single attempt for more than the limit', async () => {
    expect(await hot.reserve({ record: record({ quantity: 3 }), perUserLimit: 2 })).toMatchObject({ ok: false, code: 'LIMIT_REACHED' });
  });

  it('shares the limit between items under one limit key (same sku in a campaign), in one slot', async () => {
    const sku = node({ limitKeyOfItem: (itemId) => (itemId === 'a' || itemId === 'b' ? 'c1:sku' : `item:${itemId}`) });
    await sku.loadStock({ itemId: 'a', remaining: 5 });
    await sku.loadStock({ itemId: 'b', remaining: 5 });
    expect(await redis.hgetall(sku.keys.limit('c1:sku').stock)).toEqual({ a: '5', b: '5' });
    granted(await sku.reserve({ record: record({ itemId: 'a', limitKey: 'c1:sku' }), perUserLimit: 1 }));
    const other = await sku.reserve({ record: record({ itemId: 'b', limitKey: 'c1:sku' }), perUserLimit: 1 });
    expect(other).toMatchObject({ ok: false, code: 'LIMIT_REACHED' });
    expect(sku.remaining('a')).toBe(4);
    expect(sku.remaining('b')).toBe(5);
  });

  it('never sells more than the stock', async () => {
    const users = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const outcomes = await Promise.all(users.map((userId) => hot.reserve({ record: record({ userId }), perUserLimit: 1 })));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(5);
    // Which two lose is up to the arrival order, which a cluster does not keep: each attempt first
    // claims its key in its shopper's slot, on whichever node that is.
    expect(outcomes.filter((o) => !o.ok)).toEqual([
      { ok: false, code: 'SOLD_OUT', remaining: 0 },
      { ok: false, code: 'SOLD_OUT', remaining: 0 },
    ]);
    expect(hot.remaining('i1')).toBe(0);
  });

  it('refuses a quantity above what is left and says how much is left', async () => {
    granted(await hot.reserve({ record: record({ userId: 'a', quantity: 4 }), perUserLimit: 5 }));
    expect(await hot.reserve({ record: record({ userId: 'b', quantity: 2 }), perUserLimit: 5 })).toEqual({
      ok: false,
      code: 'SOLD_OUT',
      remaining: 1,
    });
    granted(await hot.reserve({ record: record({ userId: 'b', quantity: 1 }), perUserLimit: 5 }));
  });

  it('refuses an item with no stock in Redis as unavailable, not sold out, and reports its limit key as lost', async () => {
    const lost: string[] = [];
    const store = node({ onLost: (limitKey) => lost.push(limitKey) });
    expect(store.remaining('nope')).toBeUndefined();
    await expect(store.reserve({ record: record({ itemId: 'nope', limitKey: 'item:nope' }), perUserLimit: 1 })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
    expect(lost).toEqual(['item:nope']);
    expect(store.remaining('nope')).toBeUndefined();
    expect(await redis.xlen(store.keys.limit('item:nope').reservations)).toBe(0);
  });

  it('answers a replayed idempotency key with the first order, taking the units once', async () => {
    const first = granted(await hot.reserve({ record: record({ idempotencyKey: 'k' }), perUserLimit: 1 }));
    // The retry carries a fresh order id; the first one must win.
    const again = granted(await hot.reserve({ record: record({ idempotencyKey: 'k' }), perUserLimit: 1 }));
    expect(again.replay).toBe(true);
    expect(again.record).toEqual(first.record);
    await expect(again.durable).resolves.toBeUndefined();
    expect(hot.remaining('i1')).toBe(4);
    expect(await stream()).toEqual([first.record]);
  });

  it('answers a double click (concurrent duplicates) with one order', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => hot.reserve({ record: record({ idempotencyKey: 'click' }), perUserLimit: 1 })),
    );
    expect(new Set(outcomes.map((o) => granted(o).record.orderId)).size).toBe(1);
    expect(outcomes.filter((o) => o.ok && !o.replay)).toHaveLength(1);
    expect(hot.remaining('i1')).toBe(4);
    expect(await stream()).toHaveLength(1);
  });

  it('replays even when the item has since sold out or the limit is used up', async () => {
    const first = granted(await hot.reserve({ record: record({ idempotencyKey: 'k' }), perUserLimit: 1 }));
    granted(await hot.reserve({ record: record({ userId: 'x', quantity: 4 }), perUserLimit: 4 }));
    expect(hot.remaining('i1')).toBe(0);
    const again = granted(await hot.reserve({ record: record({ idempotencyKey: 'k' }), perUserLimit: 1 }));
    expect(again.record.orderId).toBe(first.record.orderId);
  });

  it('refuses the same key for another quantity or another item (another slot): IDEMPOTENCY_KEY_REUSED', async () => {
    await hot.loadStock({ itemId: 'i2', remaining: 5 });
    granted(await hot.reserve({ record: record({ idempotencyKey: 'k' }), perUserLimit: 5 }));
    expect(await hot.reserve({ record: record({ idempotencyKey: 'k', quantity: 2 }), perUserLimit: 5 })).toEqual({
      ok: false,
      code: 'IDEMPOTENCY_KEY_REUSED',
      remaining: 4,
    });
    expect(await hot.reserve({ record: record({ idempotencyKey: 'k', itemId: 'i2', limitKey: 'item:i2' }), perUserLimit: 5 })).toEqual({
      ok: false,
      code: 'IDEMPOTENCY_KEY_REUSED',
      remaining: 5,
    });
    expect(hot.remaining('i1')).toBe(4);
    expect(hot.remaining('i2')).toBe(5);
    expect(await stream('item:i2')).toEqual([]);
  });

  it('keeps idempotency keys per shopper', async () => {
    const a = granted(await hot.reserve({ record: record({ userId: 'a', idempotencyKey: 'same' }), perUserLimit: 1 }));
    const b = granted(await hot.reserve({ record: record({ userId: 'b', idempotencyKey: 'same' }), perUserLimit: 1 }));
    expect(b.replay).toBe(false);
    expect(b.record.orderId).not.toBe(a.record.orderId);
    expect(hot.remaining('i1')).toBe(3);
  });

  it('lets a refused key try again for the same request', async () => {
    await hot.loadStock({ itemId: 'i1', remaining: 0 });
    expect(await hot.reserve({ record: record({ idempotencyKey: 'k' }), perUserLimit: 1 })).toMatchObject({ code: 'SOLD_OUT' });
    expect(await hot.recall('u1', 'k')).toBeUndefined();
    await hot.loadStock({ itemId: 'i1', remaining: 1 });
    const later = granted(await hot.reserve({ record: record({ idempotencyKey: 'k' }), perUserLimit: 1 }));
    expect(later.replay).toBe(false);
    expect(await hot.recall('u1', 'k')).toEqual(later.record);
  });

  it('release puts units back on sale and frees the shopper’s limit', async () => {
    granted(await hot.reserve({ record: record({ quantity: 2 }), perUserLimit: 2 }));
    expect(await hot.reserve({ record: record(), perUserLimit: 2 })).toMatchObject({ ok: false, code: 'LIMIT_REACHED' });
    changes.length = 0;

    await hot.release({ itemId: 'i1', userId: 'u1', limitKey: 'item:i1', quantity: 2 });
    expect(hot.remaining('i1')).toBe(5);
    expect(changes).toEqual(['i1']);
    expect(await redis.hexists(hot.keys.limit('item:i1').holdings, 'u1')).toBe(0);
    granted(await hot.reserve({ record: record({ quantity: 2 }), perUserLimit: 2 }));
    expect(hot.remaining('i1')).toBe(3);
  });

  it('never lets a holding go below zero', async () => {
    await hot.release({ itemId: 'i1', userId: 'u1', limitKey: 'item:i1', quantity: 2 });
    expect(await redis.hget(hot.keys.limit('item:i1').holdings, 'u1')).toBeNull();
    expect(hot.remaining('i1')).toBe(7);
  });

  it('rebuilds from loaded holdings and answers; recall finds an answer by shopper and key alone', async () => {
    await hot.loadHolding('item:i1', 'u9', 1);
    expect(await hot.reserve({ record: record({ userId: 'u9' }), perUserLimit: 1 })).toMatchObject({ ok: false, code: 'LIMIT_REACHED' });
    await hot.loadHolding('item:i1', 'u9', 0);
    expect(await redis.hexists(hot.keys.limit('item:i1').holdings, 'u9')).toBe(0);

    const old = record({ userId: 'u8', idempotencyKey: 'old', itemId: 'i2', limitKey: 'c1:sku' });
    await hot.loadAnswer(old);
    expect(await hot.recall('u8', 'old')).toEqual(old);
    expect(await hot.recall('u8', 'unknown')).toBeUndefined();
    const again = granted(await hot.reserve({ record: record({ userId: 'u8', idempotencyKey: 'old', itemId: 'i2', limitKey: 'c1:sku' }), perUserLimit: 1 }));
    expect(again).toMatchObject({ replay: true, record: old });
    // The rebuilt key is bound to its request, on every limit key.
    expect(await hot.reserve({ record: record({ userId: 'u8', idempotencyKey: 'old' }), perUserLimit: 1 })).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    expect(hot.remaining('i1')).toBe(5);
  });

  it('is shared by several API nodes; each learns the stock from its own replies', async () => {
    const other = node();
    const seen: string[] = [];
    other.onStockChange((itemId) => seen.push(itemId));
    expect(other.remaining('i1')).toBeUndefined(); // loaded by the first node
    granted(await other.reserve({ record: record({ userId: 'a', quantity: 3 }), perUserLimit: 3 }));
    expect(other.remaining('i1')).toBe(2);
    expect(seen).toEqual(['i1']);
    expect(hot.remaining('i1')).toBe(5); // not told yet
    expect(await hot.reserve({ record: record({ userId: 'b', quantity: 3 }), perUserLimit: 3 })).toEqual({
      ok: false,
      code: 'SOLD_OUT',
      remaining: 2,
    });
    expect(hot.remaining('i1')).toBe(2); // a refusal carries the stock too
    expect(changes).toEqual(['i1']);
  });

  it('sells exactly the stock to a crowd: 5,000 attempts from 1,000 shoppers at stock 300, limit 1', async () => {
    await hot.loadStock({ itemId: 'i1', remaining: 300 });
    const attempts = Array.from({ length: 5_000 }, (_, n) =>
      hot.reserve({ record: record({ userId: `s${n % 1_000}`, idempotencyKey: `k${n}` }), perUserLimit: 1 }),
    );
    const outcomes = await Promise.all(attempts);
    const wins = outcomes.filter((o) => o.ok);
    expect(wins).toHaveLength(300);
    expect(wins.every((o) => o.ok && !o.replay)).toBe(true);
    expect(new Set(wins.map((o) => o.ok && o.record.userId)).size).toBe(300);
    expect(hot.remaining('i1')).toBe(0);

    const keys = hot.keys.limit('item:i1');
    expect(await redis.hget(keys.stock, 'i1')).toBe('0');
    const holdings = Object.values(await redis.hgetall(keys.holdings)).map(Number);
    expect(holdings).toHaveLength(300);
    expect(Math.max(...holdings)).toBe(1);
    expect(await redis.xlen(keys.reservations)).toBe(300);
    const logged = (await stream()).map((r) => r.orderId).sort();
    expect(logged).toEqual(wins.map((o) => o.ok && o.record.orderId).sort());
  });
});
