import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.js';
import type { ReservationRecord } from '../../src/hotstore/hotstore.js';
import { RedisHotStore } from '../../src/hotstore/redis.js';
import type { RedisClient } from '../../src/hotstore/redisScripts.js';
import { decodeStreamEntry } from '../../src/hotstore/redisRecords.js';
import { insertReservations } from '../../src/orders/groupCommit.js';
import { type DeadLetter, OrdersUnavailable, StreamPipeline, type StreamPipelineOptions } from '../../src/orders/streamPipeline.js';
import { findUnwrittenReservation } from '../../src/orders/unwrittenReservation.js';
import { dropKeys, granted, record, runPrefix, targets } from '../hotstore/redisKit.js';
import { freshServerDatabase } from '../support/platform.js';

const prefix = runPrefix();
let db: Database;
let dropDatabase = async () => {};
let test = 0;
let nextShopper = 10_000;

beforeAll(async () => {
  const fresh = await freshServerDatabase();
  dropDatabase = fresh.drop;
  db = await openDatabase({ url: fresh.url });
  await db.migrate();
});

afterAll(async () => {
  await db?.close();
  await dropDatabase();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Every stream, group and dead letter of one item shares the limit key's hash tag: one slot on a cluster.
describe.each(targets)('on $name', ({ connect }) => {
  let redis: RedisClient;

  beforeAll(() => {
    redis = connect();
  });

  afterAll(async () => {
    if (redis) {
      await dropKeys(redis, prefix);
      redis.disconnect();
    }
  });

  describe('StreamPipeline', () => {
    let hot: RedisHotStore;

    const streamOf = (itemId: string) => hot.keys.limit(`item:${itemId}`).reservations;

    /** Reservations made through the Redis hot store, one unit each to a new shopper, spread over the items. */
    async function reserve(count: number, items = ['1']): Promise<ReservationRecord[]> {
      for (const itemId of items) await hot.loadStock({ itemId, remaining: count });
      const attempts = Array.from({ length: count }, (_, i) => {
        const itemId = items[i % items.length];
        return record({ userId: String(nextShopper++), sessionId: '1', itemId, limitKey: `item:${itemId}` });
      });
      const outcomes = await Promise.all(attempts.map((attempt) => hot.reserve({ record: attempt, perUserLimit: 1 })));
      return outcomes.map((outcome) => granted(outcome).record);
    }

    const pipeline = (options: Partial<StreamPipelineOptions> & { streams: () => string[] }, database = db) =>
      new StreamPipeline(redis, database, { consumer: 'b', ...options });

    const orderIds = async () => (await db.query<{ id: string }>('select id::text from orders order by id')).map((r) => r.id);
    const idsOf = (records: ReservationRecord[]) => records.map((r) => r.orderId).sort();
    const pendingCount = async (stream: string) => Number(((await redis.xpending(stream, 'orders')) as [number])[0]);

    beforeEach(async () => {
      await db.query('truncate orders');
      hot = new RedisHotStore(redis, { prefix: `${prefix}t${++test}:` });
    });

    it('turns reserved records into order rows, exactly once', async () => {
      const reserved = await reserve(30, ['1', '2']);
      const streams = [streamOf('1'), streamOf('2')];
      const p = pipeline({ streams: () => streams });

      expect(await p.drainOnce()).toBe(30);
      expect(await orderIds()).toEqual(idsOf(reserved));
      const [row] = await db.query(
        `select user_id::text, session_id::text, item_id::text, limit_key, quantity, unit_price, status, idempotency_key,
                (extract(epoch from pay_before) * 1000)::bigint::text as pay_before
           from orders where id = $1`,
        [reserved[0].orderId],
      );
      expect(row).toEqual({
        user_id: reserved[0].userId,
        session_id: '1',
        item_id: reserved[0].itemId,
        limit_key: reserved[0].limitKey,
        quantity: 1,
        unit_price: reserved[0].unitPrice,
        status: 'reserved',
        idempotency_key: reserved[0].idempotencyKey,
        pay_before: String(reserved[0].payBefore),
      });

      expect(await p.drainOnce()).toBe(0);
      expect(await orderIds()).toHaveLength(30);
      for (const stream of streams) {
        expect(await redis.xlen(stream)).toBe(0);
        expect(await pendingCount(stream)).toBe(0);
      }
    });

    it('takes over what a dead consumer left pending; rows it had written are not duplicated', async () => {
      const reserved = await reserve(40);
      const stream = streamOf('1');
      await redis.xgroup('CREATE', stream, 'orders', '0', 'MKSTREAM');
      // Consumer a reads everything, writes half, and dies before acknowledging anything.
      const [[, entries]] = (await redis.xreadgroup('GROUP', 'orders', 'a', 'COUNT', 100, 'STREAMS', stream, '>')) as [string, [string, string[]][]][];
      expect(entries).toHaveLength(40);
      await insertReservations(db, entries.slice(0, 20).map(([, fields]) => decodeStreamEntry(fields)));

      const b = pipeline({ streams: () => [stream], claimIdleMs: 200 });
      expect(await b.drainOnce()).toBe(0); // not idle long enough: a may still be working
      expect(await pendingCount(stream)).toBe(40);

      await sleep(250);
      expect(await b.drainOnce()).toBe(40);
      expect(await orderIds()).toEqual(idsOf(reserved));
      expect(await pendingCount(stream)).toBe(0);
      expect(await redis.xlen(stream)).toBe(0);
    });

    it('keeps everything pending while PostgreSQL is down, blames no entry, and writes it all once back', async () => {
      const reserved = await reserve(25);
      const stream = streamOf('1');
      const outage = { down: true };
      const letters: DeadLetter[] = [];
      const p = pipeline({ streams: () => [stream], maxDeliveries: 2, onDeadLetter: (l) => letters.push(l) }, unreachable(db, outage));

      for (let i = 0; i < 4; i++) await expect(p.drainOnce()).rejects.toBeInstanceOf(OrdersUnavailable);
      expect(await redis.xlen(stream)).toBe(25);
      expect(await pendingCount(stream)).toBe(25);
      expect(await orderIds()).toEqual([]);
      expect(letters).toEqual([]);

      outage.down = false;
      expect(await p.drainOnce()).toBe(25);
      expect(await orderIds()).toEqual(idsOf(reserved));
      expect(await redis.xlen(stream)).toBe(0);
      expect(await pendingCount(stream)).toBe(0);
    });

    it('treats a missing orders table as an outage, not as poison', async () => {
      const reserved = await reserve(5);
      const stream = streamOf('1');
      const letters: DeadLetter[] = [];
      const p = pipeline({ streams: () => [stream], maxDeliveries: 1, onDeadLetter: (l) => letters.push(l) });

      await db.query('alter table orders rename to orders_away');
      try {
        for (let i = 0; i < 3; i++) await expect(p.drainOnce()).rejects.toBeInstanceOf(OrdersUnavailable);
      } finally {
        await db.query('alter table orders_away rename to orders');
      }
      expect(letters).toEqual([]);
      expect(await pendingCount(stream)).toBe(5);
      expect(await p.drainOnce()).toBe(5);
      expect(await orderIds()).toEqual(idsOf(reserved));
    });

    it('sets an undecodable entry aside at once, with one alert, without holding back the others', async () => {
      const stream = streamOf('1');
      const before = await reserve(5);
      const poisonId = await redis.xadd(stream, '*', 'orderId', 'not-a-number', 'note', 'garbage');
      const after = await reserve(5);
      const letters: DeadLetter[] = [];
      const p = pipeline({ streams: () => [stream], onDeadLetter: (l) => letters.push(l) });

      expect(await p.drainOnce()).toBe(10);
      expect(await orderIds()).toEqual(idsOf([...before, ...after]));
      expect(letters).toHaveLength(1);
      expect(letters[0]).toMatchObject({
        stream,
        id: poisonId,
        fields: ['orderId', 'not-a-number', 'note', 'garbage'],
        deadLetterStream: `${stream}:dead`,
        deliveries: null,
      });
      expect(letters[0].reason).toMatch(/^undecodable/);
      const dead = await redis.xrange(`${stream}:dead`, '-', '+');
      expect(dead).toHaveLength(1);
      expect(dead[0][1]).toEqual(expect.arrayContaining(['stream', stream, 'id', poisonId, 'fields', JSON.stringify(letters[0].fields)]));

      expect(await p.drainOnce()).toBe(0);
      expect(letters).toHaveLength(1);
      expect(await redis.xlen(stream)).toBe(0);
      expect(await pendingCount(stream)).toBe(0);
    });

    it('dead-letters an entry PostgreSQL keeps refusing after maxDeliveries, and writes the rest of its batch', async () => {
      const reserved = await reserve(6);
      const poison = reserved[2];
      const stream = streamOf('1');
      const letters: DeadLetter[] = [];
      const p = pipeline({ streams: () => [stream], maxDeliveries: 3, onDeadLetter: (l) => letters.push(l) });

      // The row decodes fine, but the table will not take it: a constraint stands in for any row-level refusal.
      await db.query(`alter table orders add constraint refuses_one check (id <> ${poison.orderId})`);
      try {
        expect(await p.drainOnce()).toBe(5); // the batch fails; row by row, the other five land
        expect(await redis.xlen(stream)).toBe(1);
        expect(await p.drainOnce()).toBe(0); // delivery 2: still pending
        expect(letters).toEqual([]);
        expect(await p.drainOnce()).toBe(0); // delivery 3: set aside
      } finally {
        await db.query('alter table orders drop constraint refuses_one');
      }
      expect(letters).toHaveLength(1);
      expect(letters[0]).toMatchObject({ stream, deliveries: 3 });
      expect(letters[0].reason).toMatch(/^insert failed 3 times/);
      expect(decodeStreamEntry(letters[0].fields)).toEqual(poison);
      expect(await redis.xlen(`${stream}:dead`)).toBe(1);
      expect(await orderIds()).toEqual(idsOf(reserved.filter((r) => r !== poison)));
      expect(await redis.xlen(stream)).toBe(0);
      expect(await pendingCount(stream)).toBe(0);
    });

    it('keeps memory bounded: written entries leave the stream, and Redis frees their nodes', async () => {
      await reserve(1_000);
      const stream = streamOf('1');
      const full = (await redis.memory('USAGE', stream)) as number;
      expect(full).toBeGreaterThan(50_000);

      const p = pipeline({ streams: () => [stream], batch: 300 });
      let written = 0;
      for (let n = await p.drainOnce(); n > 0; n = await p.drainOnce()) written += n;
      expect(written).toBe(1_000);
      expect(await redis.xlen(stream)).toBe(0);
      // The stream and its group remain; what is left is their bookkeeping, not the entries.
      expect((await redis.memory('USAGE', stream)) as number).toBeLessThan(2_000);
    });

    it('two consumers running concurrently write 3,000 reservations, each exactly once', async () => {
      const items = ['1', '2', '3'];
      const streams = items.map(streamOf);
      const handled = new Map<string, number>();
      const errors: unknown[] = [];
      const consumers = ['node-1', 'node-2'].map((consumer) =>
        pipeline({
          streams: () => streams,
          consumer,
          batch: 100,
          blockMs: 5,
          onBatch: (_stream, size) => handled.set(consumer, (handled.get(consumer) ?? 0) + size),
          onError: (error) => errors.push(error),
        }),
      );
      for (const c of consumers) c.start();

      // The sale goes on while they drain.
      const reserved: ReservationRecord[] = [];
      for (let round = 0; round < 6; round++) reserved.push(...(await reserve(500, items)));

      const deadline = Date.now() + 10_000;
      while ((await orderIds()).length < 3_000 && Date.now() < deadline) await sleep(20);
      await Promise.all(consumers.map((c) => c.stop()));

      expect(errors).toEqual([]);
      expect(await orderIds()).toEqual(idsOf(reserved));
      expect([...handled.values()].reduce((a, b) => a + b, 0)).toBe(3_000); // no entry handled twice
      expect(handled.get('node-1')).toBeGreaterThan(0);
      expect(handled.get('node-2')).toBeGreaterThan(0);
      for (const stream of streams) {
        expect(await redis.xlen(stream)).toBe(0);
        expect(await pendingCount(stream)).toBe(0);
      }
    });

    it('stops promptly when idle and can be stopped before it ever started', async () => {
      const p = pipeline({ streams: () => [streamOf('1')], blockMs: 10_000 });
      await p.stop();
      p.start();
      await sleep(20);
      const started = Date.now();
      await p.stop();
      expect(Date.now() - started).toBeLessThan(1_000);
    });
  });

  describe('findUnwrittenReservation', () => {
    it('finds a shopper’s granted reservation by order id before any row is written', async () => {
      const hot = new RedisHotStore(redis, { prefix: `${prefix}t${++test}:` });
      await hot.loadStock({ itemId: '1', remaining: 5 });
      await hot.loadStock({ itemId: '2', remaining: 5 });
      const shopper = String(nextShopper++);
      const first = granted(await hot.reserve({ record: record({ userId: shopper, itemId: '1', limitKey: 'item:1' }), perUserLimit: 1 })).record;
      const second = granted(await hot.reserve({ record: record({ userId: shopper, itemId: '2', limitKey: 'item:2' }), perUserLimit: 1 })).record;
      // A key bound but refused has no answer, and is skipped.
      expect(await hot.reserve({ record: record({ userId: shopper, itemId: '1', limitKey: 'item:1' }), perUserLimit: 1 })).toMatchObject({ ok: false });
      const other = granted(await hot.reserve({ record: record({ userId: String(nextShopper++), itemId: '1', limitKey: 'item:1' }), perUserLimit: 1 })).record;

      expect(await findUnwrittenReservation(redis, hot.keys, shopper, first.orderId)).toEqual(first);
      expect(await findUnwrittenReservation(redis, hot.keys, shopper, second.orderId)).toEqual(second);
      expect(await findUnwrittenReservation(redis, hot.keys, shopper, other.orderId)).toBeUndefined(); // another's order
      expect(await findUnwrittenReservation(redis, hot.keys, shopper, '1')).toBeUndefined();
      expect(await findUnwrittenReservation(redis, hot.keys, String(nextShopper++), first.orderId)).toBeUndefined();
    });
  });
});

/** The database as the pipeline sees it while PostgreSQL cannot be reached. */
function unreachable(database: Database, outage: { down: boolean }): Database {
  return {
    ...database,
    async query<Row>(text: string, params?: unknown[]): Promise<Row[]> {
      if (outage.down) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      return database.query<Row>(text, params);
    },
  };
}
