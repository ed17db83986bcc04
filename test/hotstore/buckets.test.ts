import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ReservationRecord, ReserveOutcome } from '../../src/hotstore/hotstore.js';
import { RedisHotStore, type RedisHotStoreOptions } from '../../src/hotstore/redis.js';
import { bucketsByLimitKey, parseHotItemBuckets, splitStock } from '../../src/hotstore/redisBuckets.js';
import { homeBucket, slotOfTag } from '../../src/hotstore/redisKeys.js';
import { decodeStreamEntry, encodeAnswer, requestOf, streamEntry } from '../../src/hotstore/redisRecords.js';
import { defineHotStoreCommands, type RedisClient } from '../../src/hotstore/redisScripts.js';
import { clusterTarget, dropKeys, granted, record, runPrefix, targets } from './redisKit.js';

/** Hot items split over buckets (src/hotstore/redisBuckets.ts), on the local Redis and on the run's cluster. */
const prefix = runPrefix();
let test = 0;

const K = 4;
const hotLimitKey = 'item:hot';
const hot1 = (fields: Partial<ReservationRecord> = {}) => record({ itemId: 'hot', limitKey: hotLimitKey, ...fields });

/** The first `count` user ids `${stem}N` whose home bucket among K is `bucket`. */
function usersHomedAt(bucket: number, count: number, stem = 'u'): string[] {
  const users: string[] = [];
  for (let n = 0; users.length < count; n++) if (homeBucket(`${stem}${n}`, K) === bucket) users.push(`${stem}${n}`);
  return users;
}

describe.each(targets)('hot items in buckets on $name', ({ connect }) => {
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

  /** A store on this test's keys; `item:hot` in K buckets, every other limit key in one. */
  const node = (extra: Partial<RedisHotStoreOptions> = {}) => new RedisHotStore(redis, { ...options, ...extra });

  const bucketStock = () => Promise.all(Array.from({ length: K }, (_, b) => redis.hget(hot.keys.bucket(hotLimitKey, b).stock, 'hot')));
  const logged = async () => {
    const entries = await Promise.all(hot.keys.streams(hotLimitKey).map((key) => redis.xrange(key, '-', '+')));
    return entries.flat().map(([, fields]) => decodeStreamEntry(fields));
  };
  const claimsLeft = async () => {
    const all = await Promise.all(Array.from({ length: K }, (_, b) => redis.hlen(hot.keys.bucket(hotLimitKey, b).claims)));
    return all.reduce((a, b) => a + b, 0);
  };

  beforeEach(() => {
    options = { prefix: `${prefix}t${++test}:`, bucketsOf: (limitKey) => (limitKey === hotLimitKey ? K : 1) };
    hot = node();
  });

  it('splits the stock evenly over the buckets, the remainder to the first, each bucket under a tag of its own', async () => {
    await hot.loadStock({ itemId: 'hot', remaining: 10 });
    expect(await bucketStock()).toEqual(['3', '3', '2', '2']);
    expect(hot.remaining('hot')).toBe(10);
    expect(await hot.stockOf('hot', hotLimitKey)).toBe(10);
    expect(await hot.bucketStockOf('hot', hotLimitKey)).toEqual([3, 3, 2, 2]);

    // Bucket 0 is the limit key's own slot; the others have tags no limit key can have, chosen so the
    // slots are spread evenly around the ring: bucket 0's slot + 1/2, 1/4, 3/4 of it (within 1/64).
    expect(hot.keys.bucket(hotLimitKey, 0).stock).toBe(hot.keys.limit(hotLimitKey).stock);
    const tags = Array.from({ length: K }, (_, b) => /\{([^}]*)\}/.exec(hot.keys.bucket(hotLimitKey, b).stock)![1]);
    expect(tags[0]).toBe('item:hot');
    tags.slice(1).forEach((tag, i) => expect(tag).toMatch(new RegExp(`^item:hot%b${i + 1}\\.\\d+$`)));
    for (let b = 0; b < K; b++) {
      for (const key of Object.values(hot.keys.bucket(hotLimitKey, b))) expect(key).toContain(`{${tags[b]}}:`);
    }
    const offsets = tags.map((tag) => (slotOfTag(tag) - slotOfTag(tags[0]) + 16_384) % 16_384);
    [0, 8_192, 4_096, 12_288].forEach((target, b) => expect(offsets[b] - target).toSatisfy((d: number) => d >= 0 && d < 256));
    expect(hot.keys.bucket('a%b1', 0).stock).toContain('{a%25b1}'); // a limit key's own % is escaped
    expect(hot.keys.bucket(hotLimitKey, 2).stock).toBe(node({ bucketsOf: () => 8 }).keys.bucket(hotLimitKey, 2).stock); // not K's
    expect(hot.keys.streams(hotLimitKey)).toHaveLength(K);
    expect(hot.keys.streams('item:cold')).toEqual([hot.keys.limit('item:cold').reservations]);

    // An item of another limit key is not split: today's keys, today's scripts.
    await hot.loadStock({ itemId: 'cold', remaining: 10 });
    expect(await redis.hget(hot.keys.limit('item:cold').stock, 'cold')).toBe('10');
    expect(await redis.exists(hot.keys.bucket('item:cold', 0).buckets)).toBe(0);
  });

  it('sells exactly the stock to a crowd: 3,000 shoppers at stock 1,000 over 4 buckets, limit 1', async () => {
    await hot.loadStock({ itemId: 'hot', remaining: 1_000 });
    const outcomes = await Promise.all(
      Array.from({ length: 3_000 }, (_, n) => hot.reserve({ record: hot1({ userId: `s${n}`, idempotencyKey: `k${n}` }), perUserLimit: 1 })),
    );
    const wins = outcomes.flatMap((o) => (o.ok ? [o] : []));
    expect(wins).toHaveLength(1_000);
    expect(wins.every((o) => !o.replay)).toBe(true);
    expect(outcomes.filter((o) => !o.ok)).toEqual(Array.from({ length: 2_000 }, () => ({ ok: false, code: 'SOLD_OUT', remaining: 0 })));
    expect(hot.remaining('hot')).toBe(0);
    expect(await bucketStock()).toEqual(['0', '0', '0', '0']);
    expect(await hot.stockOf('hot', hotLimitKey)).toBe(0);

    // One record per win across the bucket streams; each winner's holding in their home bucket.
    expect((await logged()).map((r) => r.orderId).sort()).toEqual(wins.map((o) => o.record.orderId).sort());
    const held = await Promise.all(wins.map((o) => redis.hget(hot.keys.home(hotLimitKey, o.record.userId).holdings, o.record.userId)));
    expect(held.every((units) => units === '1')).toBe(true);
    const holdings = await Promise.all(Array.from({ length: K }, (_, b) => redis.hgetall(hot.keys.bucket(hotLimitKey, b).holdings)));
    expect(holdings.flatMap((h) => Object.values(h)).length).toBe(1_000);
    expect(await claimsLeft()).toBe(0);
  });

  it('sells out completely when every shopper has the same home bucket: the others are found in turn', async () => {
    await hot.loadStock({ itemId: 'hot', remaining: 10 }); // 3 3 2 2
    const users = usersHomedAt(2, 40);
    const outcomes = await Promise.all(users.map((userId, n) => hot.reserve({ record: hot1({ userId, idempotencyKey: `k${n}` }), perUserLimit: 1 })));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(10);
    expect(outcomes.filter((o) => !o.ok).every((o) => !o.ok && o.code === 'SOLD_OUT' && o.remaining === 0)).toBe(true);
    expect(await bucketStock()).toEqual(['0', '0', '0', '0']);
    expect(hot.remaining('hot')).toBe(0);
    // Every record is in the home bucket's stream, whichever bucket the unit came from.
    expect(await redis.xlen(hot.keys.bucket(hotLimitKey, 2).reservations)).toBe(10);
    expect(await claimsLeft()).toBe(0);
  });

  it('answers SOLD_OUT only after every bucket was found empty, one shopper after another', async () => {
    await hot.loadStock({ itemId: 'hot', remaining: 5 });
    const [user, ...more] = usersHomedAt(1, 7);
    for (const [n, userId] of [user, ...more].entries()) {
      const outcome = await hot.reserve({ record: hot1({ userId, idempotencyKey: `k${n}` }), perUserLimit: 1 });
      if (n < 5) {
        expect(granted(outcome).record.userId).toBe(userId);
        expect(hot.remaining('hot')).toBe(4 - n);
      } else expect(outcome).toEqual({ ok: false, code: 'SOLD_OUT', remaining: 0 });
    }
  });

  it('holds the per-user limit exactly across buckets: 20 concurrent attempts, limit 3', async () => {
    await hot.loadStock({ itemId: 'hot', remaining: 4 }); // one a bucket: the shopper's home runs out at once
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, n) => hot.reserve({ record: hot1({ userId: 'greedy', idempotencyKey: `g${n}` }), perUserLimit: 3 })),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
    expect(outcomes.filter((o) => !o.ok).every((o) => !o.ok && o.code === 'LIMIT_REACHED')).toBe(true);
    expect(await redis.hget(hot.keys.home(hotLimitKey, 'greedy').holdings, 'greedy')).toBe('3');
    expect(await hot.stockOf('hot', hotLimitKey)).toBe(1);
    expect(await claimsLeft()).toBe(0);
    // The last unit is someone else's to buy, wherever it is.
    granted(await hot.reserve({ record: hot1({ userId: 'other' }), perUserLimit: 3 }));
    expect(await hot.stockOf('hot', hotLimitKey)).toBe(0);
  });

  it('gathers a quantity from several buckets, and puts back what it took when it comes up short', async () => {
    await hot.loadStock({ itemId: 'hot', remaining: 8 }); // 2 2 2 2
    const five = granted(await hot.reserve({ record: hot1({ userId: 'a', quantity: 5 }), perUserLimit: 5 }));
    expect(five.record.quantity).toBe(5);
    expect(hot.remaining('hot')).toBe(3);

    expect(await hot.reserve({ record: hot1({ userId: 'b', quantity: 4 }), perUserLimit: 5 })).toEqual({ ok: false, code: 'SOLD_OUT', remaining: 3 });
    expect(await hot.stockOf('hot', hotLimitKey)).toBe(3); // nothing kept by the refused attempt
    expect(await redis.hget(hot.keys.home(hotLimitKey, 'b').holdings, 'b')).toBeNull();

    granted(await hot.reserve({ record: hot1({ userId: 'b', quantity: 3 }), perUserLimit: 5 }));
    expect(await bucketStock()).toEqual(['0', '0', '0', '0']);
    expect((await logged()).map((r) => r.quantity).sort()).toEqual([3, 5]);
    expect(await claimsLeft()).toBe(0);
  });

  it('answers a replayed key with the first order, taking the units once (in the home bucket and elsewhere)', async () => {
    await hot.loadStock({ itemId: 'hot', remaining: 4 });
    const [user] = usersHomedAt(3, 1);
    const first = granted(await hot.reserve({ record: hot1({ userId: user, idempotencyKey: 'k' }), perUserLimit: 2 }));
    const again = granted(await hot.reserve({ record: hot1({ userId: user, idempotencyKey: 'k' }), perUserLimit: 2 }));
    expect(again).toMatchObject({ replay: true, record: first.record });
    expect(await hot.recall(user, 'k')).toEqual(first.record);

    // Its home bucket is empty now: the next key is claimed and served from another bucket.
    const second = granted(await hot.reserve({ record: hot1({ userId: user, idempotencyKey: 'k2' }), perUserLimit: 2 }));
    expect(granted(await hot.reserve({ record: hot1({ userId: user, idempotencyKey: 'k2' }), perUserLimit: 2 }))).toMatchObject({
      replay: true,
      record: second.record,
    });
    expect(await hot.stockOf('hot', hotLimitKey)).toBe(2);
    expect(await logged()).toHaveLength(2);
    expect(await redis.hget(hot.keys.home(hotLimitKey, user).holdings, user)).toBe('2');
  });

  it('answers a double click on a claimed attempt with one order: the duplicates wait for its answer', async () => {
    await hot.loadStock({ itemId: 'hot', remaining: 3 }); // 1 1 1 0
    const [user] = usersHomedAt(3, 1); // home bucket 3 has nothing: every attempt is claimed
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => hot.reserve({ record: hot1({ userId: user, idempotencyKey: 'click' }), perUserLimit: 1 })),
    );
    expect(new Set(outcomes.map((o) => granted(o).record.orderId)).size).toBe(1);
    expect(outcomes.filter((o) => o.ok && !o.replay)).toHaveLength(1);
    expect(await hot.stockOf('hot', hotLimitKey)).toBe(2);
    expect(await logged()).toHaveLength(1);
  });

  it('release puts the units back in the shopper’s home bucket and frees the limit; another shopper can buy them', async () => {
    await hot.loadStock({ itemId: 'hot', remaining: 2 }); // 1 1 0 0
    const [a] = usersHomedAt(2, 1);
    const [b] = usersHomedAt(0, 1);
    const taken = granted(await hot.reserve({ record: hot1({ userId: a, quantity: 2 }), perUserLimit: 2 }));
    expect(hot.remaining('hot')).toBe(0);
    expect(await hot.reserve({ record: hot1({ userId: b }), perUserLimit: 2 })).toMatchObject({ ok: false, code: 'SOLD_OUT' });

    await hot.release({ itemId: 'hot', userId: a, limitKey: hotLimitKey, quantity: taken.record.quantity });
    expect(await bucketStock()).toEqual(['0', '0', '2', '0']);
    expect(hot.remaining('hot')).toBe(2);
    expect(await redis.hexists(hot.keys.home(hotLimitKey, a).holdings, a)).toBe(0);

    granted(await hot.reserve({ record: hot1({ userId: b }), perUserLimit: 2 })); // found in bucket 2
    granted(await hot.reserve({ record: hot1({ userId: a }), perUserLimit: 2 }));
    expect(await hot.stockOf('hot', hotLimitKey)).toBe(0);
  });

  it('rebuilds holdings and answers into the home buckets; recall finds them', async () => {
    await hot.loadStock({ itemId: 'hot', remaining: 8 });
    const [user] = usersHomedAt(1, 1);
    await hot.loadHolding(hotLimitKey, user, 1);
    expect(await redis.hget(hot.keys.bucket(hotLimitKey, 1).holdings, user)).toBe('1');
    expect(await hot.reserve({ record: hot1({ userId: user }), perUserLimit: 1 })).toMatchObject({ ok: false, code: 'LIMIT_REACHED' });

    const old = hot1({ userId: user, idempotencyKey: 'old' });
    await hot.loadAnswer(old);
    expect(await redis.hexists(hot.keys.bucket(hotLimitKey, 1).answers, `${user}\0old`)).toBe(1);
    expect(await hot.recall(user, 'old')).toEqual(old);
    expect(granted(await hot.reserve({ record: hot1({ userId: user, idempotencyKey: 'old' }), perUserLimit: 1 }))).toMatchObject({ replay: true, record: old });
    expect(await hot.stockOf('hot', hotLimitKey)).toBe(8);
  });

  it('reports the sum over the buckets; null only once every bucket lost the item; refills only the missing ones', async () => {
    await hot.loadStock({ itemId: 'hot', remaining: 10 }); // 3 3 2 2
    await redis.hdel(hot.keys.bucket(hotLimitKey, 1).stock, 'hot');
    expect(await hot.stockOf('hot', hotLimitKey)).toBe(7);
    expect(await hot.bucketStockOf('hot', hotLimitKey)).toEqual([3, null, 2, 2]);

    // A rebuild that says 9 are left: the missing bucket gets what the others do not hold.
    await hot.loadStockIfMissing({ itemId: 'hot', limitKey: hotLimitKey, remaining: 9 });
    expect(await hot.bucketStockOf('hot', hotLimitKey)).toEqual([3, 2, 2, 2]);
    await hot.loadStockIfMissing({ itemId: 'hot', limitKey: hotLimitKey, remaining: 100 });
    expect(await hot.stockOf('hot', hotLimitKey)).toBe(9); // nothing missing: nothing set

    for (let b = 0; b < K; b++) await redis.hdel(hot.keys.bucket(hotLimitKey, b).stock, 'hot');
    expect(await hot.stockOf('hot', hotLimitKey)).toBeNull();
    await hot.loadStockIfMissing({ itemId: 'hot', limitKey: hotLimitKey, remaining: 6 });
    expect(await hot.bucketStockOf('hot', hotLimitKey)).toEqual([2, 2, 1, 1]);
  });

  it('refuses as UNAVAILABLE, not SOLD_OUT, while a bucket has lost its data, and reports the loss', async () => {
    const lost: string[] = [];
    hot = node({ onLost: (limitKey) => lost.push(limitKey) });
    await hot.loadStock({ itemId: 'hot', remaining: 4 });
    await redis.hdel(hot.keys.bucket(hotLimitKey, 3).stock, 'hot');
    const [home1] = usersHomedAt(1, 1);
    granted(await hot.reserve({ record: hot1({ userId: home1 }), perUserLimit: 1 }));
    const [home3] = usersHomedAt(3, 1);
    await expect(hot.reserve({ record: hot1({ userId: home3 }), perUserLimit: 1 })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(lost).toContain(hotLimitKey);
  });

  it('refuses an attempt made with another number of buckets than the limit key was loaded with', async () => {
    await hot.loadStock({ itemId: 'hot', remaining: 4 });
    const other = node({ bucketsOf: () => 2 });
    await expect(other.reserve({ record: hot1({ userId: usersHomedAt(0, 1)[0] }), perUserLimit: 1 })).rejects.toThrow(/loaded in 4 bucket/);
    // Loaded without buckets, asked with: refused too.
    const plain = node({ bucketsOf: () => 1 });
    await plain.loadStock({ itemId: 'flat', limitKey: 'item:flat', remaining: 4 });
    const split = node({ bucketsOf: () => K });
    await expect(split.reserve({ record: record({ itemId: 'flat', limitKey: 'item:flat', userId: usersHomedAt(0, 1)[0] }), perUserLimit: 1 })).rejects.toThrow(
      /loaded in 1 bucket/,
    );
  });

  describe('an attempt whose node dies between the steps', () => {
    /** Step 1 alone, as a node that dies right after it: the claim is left behind. */
    async function claimAndDie(attempt: ReservationRecord, perUserLimit: number, staleMs: number) {
      const commands = defineHotStoreCommands(redis);
      const keys = hot.keys.home(attempt.limitKey, attempt.userId);
      await commands.miaoshaClaimKey(hot.keys.shopperKeys(attempt.userId), attempt.idempotencyKey, requestOf(attempt));
      return commands.miaoshaBucketReserve(
        keys.stock,
        keys.holdings,
        keys.answers,
        keys.reservations,
        keys.claims,
        keys.buckets,
        attempt.itemId,
        attempt.userId,
        attempt.idempotencyKey,
        attempt.orderId,
        attempt.quantity,
        perUserLimit,
        K,
        staleMs,
        encodeAnswer(attempt),
        ...streamEntry(attempt),
      );
    }

    it('holds the shopper’s limit until the claim is stale, then the retry with the same key drops it and buys', async () => {
      hot = node({ claimStaleMs: 300 });
      await hot.loadStock({ itemId: 'hot', remaining: 6 }); // 2 2 1 1
      const [user] = usersHomedAt(3, 1);
      const dying = hot1({ userId: user, idempotencyKey: 'k', quantity: 2 });
      expect(await claimAndDie(dying, 2, 300)).toEqual(['CLAIMED', 0, 1]); // took its home bucket's one unit
      expect(await redis.hget(hot.keys.home(hotLimitKey, user).holdings, user)).toBe('2');

      // Another key meanwhile: the claim counts against the limit.
      expect(await hot.reserve({ record: hot1({ userId: user, idempotencyKey: 'other' }), perUserLimit: 2 })).toMatchObject({ code: 'LIMIT_REACHED' });

      // The retry (same key) waits for the claim's answer; once it is stale, it drops it and buys.
      const started = Date.now();
      const retry = granted(await hot.reserve({ record: hot1({ userId: user, idempotencyKey: 'k', quantity: 2 }), perUserLimit: 2 }));
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect(retry.replay).toBe(false);
      expect(await redis.hget(hot.keys.home(hotLimitKey, user).holdings, user)).toBe('2');
      expect(await hot.stockOf('hot', hotLimitKey)).toBe(4); // the dead claim's unit came back, two were sold
      expect(await logged()).toHaveLength(1);
      expect(await claimsLeft()).toBe(0);
    });

    it('a stale claim is dropped by the shopper’s next attempt with another key too', async () => {
      hot = node({ claimStaleMs: 100 });
      await hot.loadStock({ itemId: 'hot', remaining: 3 }); // 1 1 1 0
      const [user] = usersHomedAt(3, 1);
      expect((await claimAndDie(hot1({ userId: user, idempotencyKey: 'dead' }), 1, 100))[0]).toBe('CLAIMED');
      await new Promise((resolve) => setTimeout(resolve, 150));
      granted(await hot.reserve({ record: hot1({ userId: user, idempotencyKey: 'fresh' }), perUserLimit: 1 }));
      expect(await redis.hget(hot.keys.home(hotLimitKey, user).holdings, user)).toBe('1');
      expect(await claimsLeft()).toBe(0);
    });

    it('a slow attempt whose claim was dropped meanwhile settles to GONE: nothing is granted or counted twice', async () => {
      await hot.loadStock({ itemId: 'hot', remaining: 3 }); // 1 1 1 0
      const [user] = usersHomedAt(3, 1);
      const slow = hot1({ userId: user, idempotencyKey: 'slow' });
      expect(await claimAndDie(slow, 1, 50)).toEqual(['CLAIMED', 0, 0]);
      // It takes a unit from bucket 0, then stalls; the claim goes stale and another attempt drops it.
      const commands = defineHotStoreCommands(redis);
      const bucket0 = hot.keys.bucket(hotLimitKey, 0);
      expect(await commands.miaoshaBucketTake(bucket0.stock, bucket0.buckets, 'hot', 1, K)).toEqual(['TOOK', 1, 0]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const quick = node({ claimStaleMs: 50 });
      granted(await quick.reserve({ record: hot1({ userId: user, idempotencyKey: 'quick' }), perUserLimit: 1 }));

      const home = hot.keys.home(hotLimitKey, user);
      expect(
        await commands.miaoshaBucketSettle(home.stock, home.holdings, home.answers, home.reservations, home.claims, 'FINISH', 'hot', user, 'slow', slow.orderId, 1, encodeAnswer(slow), ...streamEntry(slow)),
      ).toEqual(['GONE', 0]);
      expect(await redis.hget(home.holdings, user)).toBe('1'); // the quick one's
      expect(await hot.recall(user, 'slow')).toBeUndefined();
      expect(await logged()).toHaveLength(1);
      // The slow node puts back the unit it took (redisBuckets.ts does so on GONE): 3 − 1 sold.
      await commands.miaoshaBucketPut(bucket0.stock, 'hot', 1);
      expect(await hot.stockOf('hot', hotLimitKey)).toBe(2);
    });
  });
});

describe('hot items in buckets on the cluster: slots', () => {
  let redis: RedisClient;

  beforeAll(() => {
    redis = clusterTarget.connect();
  });

  afterAll(async () => {
    await dropKeys(redis, prefix);
    redis.disconnect();
  });

  it('puts the buckets in different slots on every master, each bucket’s keys in one, and every step runs on its bucket’s slot', async () => {
    const hot = new RedisHotStore(redis, { prefix: `${prefix}slots:`, bucketsOf: (limitKey) => (limitKey === hotLimitKey ? K : 1) });
    const slotOf = async (key: string) => Number(await redis.cluster('KEYSLOT', key));
    const owners = new Array<number>(16_384);
    for (const [from, to, [, port]] of await redis.cluster('SLOTS')) owners.fill(port, from, to + 1);
    const slots: number[] = [];
    for (let b = 0; b < K; b++) {
      const keys = hot.keys.bucket(hotLimitKey, b);
      const own = await Promise.all(Object.values(keys).map(slotOf));
      expect(new Set(own).size).toBe(1);
      expect(own[0]).toBe(slotOfTag(/\{([^}]*)\}/.exec(keys.stock)![1])); // the slot computed is Redis's
      slots.push(own[0]);
    }
    expect(new Set(slots).size).toBe(K);
    // Four buckets evenly spread over three masters of equal slot ranges: every master has one.
    expect(new Set(slots.map((slot) => owners[slot])).size).toBe(3);
    for (let n = 0; n < 50; n++) {
      const tags = Array.from({ length: K }, (_, b) => /\{([^}]*)\}/.exec(hot.keys.bucket(`item:${n}`, b).stock)![1]);
      expect(new Set(tags.map((tag) => owners[slotOfTag(tag)])).size).toBe(3);
    }

    // Sold through every bucket (one shopper homed in each, then the rest gathered): no CROSSSLOT anywhere.
    await hot.loadStock({ itemId: 'hot', remaining: 8 });
    const outcomes: ReserveOutcome[] = [];
    for (let b = 0; b < K; b++) {
      for (const userId of usersHomedAt(b, 3, `c${b}-`)) outcomes.push(await hot.reserve({ record: hot1({ userId }), perUserLimit: 1 }));
    }
    expect(outcomes.filter((o) => o.ok)).toHaveLength(8);
    expect(await hot.stockOf('hot', hotLimitKey)).toBe(0);
  });
});

describe('MIAOSHA_HOT_ITEM_BUCKETS', () => {
  it('names items and their bucket counts', () => {
    expect(parseHotItemBuckets(undefined)).toEqual(new Map());
    expect(parseHotItemBuckets('')).toEqual(new Map());
    expect(parseHotItemBuckets(' 1024:8 , 1025:4,')).toEqual(
      new Map([
        ['1024', 8],
        ['1025', 4],
      ]),
    );
    for (const bad of ['1024', '1024:0', '1024:65', '1024:x', ':4', '1024:2.5', '1:2,1:3']) {
      expect(() => parseHotItemBuckets(bad), bad).toThrow(/MIAOSHA_HOT_ITEM_BUCKETS/);
    }
  });

  it('splits limit keys: an item on its own, or a sku shared by sessions with the largest K named', () => {
    const items = [
      { id: '1', campaignId: 'c1', sku: null },
      { id: '2', campaignId: 'c1', sku: 'phone' },
      { id: '3', campaignId: 'c1', sku: 'phone' },
      { id: '4', campaignId: 'c1', sku: null },
    ];
    expect(bucketsByLimitKey(parseHotItemBuckets('1:4,2:2,3:8'), items)).toEqual(
      new Map([
        ['item:1', 4],
        ['c1:phone', 8],
      ]),
    );
  });

  it('splits stock evenly, the remainder to the first buckets', () => {
    expect(splitStock(10, 4)).toEqual([3, 3, 2, 2]);
    expect(splitStock(3, 4)).toEqual([1, 1, 1, 0]);
    expect(splitStock(0, 2)).toEqual([0, 0]);
  });
});
