import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { HotKeys } from '../../src/hotstore/redisKeys.js';
import { attempt } from '../support/load.js';
import { dropRedisKeys, freshServerDatabase, redisUrl } from '../support/platform.js';
import { type ServerProcess, openSale, orderRows, pollUntil, startServer } from '../support/server.js';

/**
 * The order pipeline's consumer dies holding reservations. Node A's pipeline reads them from the
 * stream (XREADGROUP: now pending at A's consumer) but its insert hangs in PostgreSQL; then A is
 * killed with SIGKILL. Node B, started afterwards, takes them over (XAUTOCLAIM, once idle for
 * MIAOSHA_CLAIM_IDLE_MS) and writes them: each acknowledged reservation exactly once.
 *
 * Why a stalled insert rather than a cut connection: a pipeline whose write fails only retries the
 * entries it already holds and reads nothing new until they are written, so cutting PostgreSQL off
 * leaves just the first few reservations pending at A. To have a whole crowd pending at A, its
 * pipeline is first kept busy on another item (its insert held), the crowd buys meanwhile, then that
 * item is let through and the pipeline reads the crowd's reservations in one go, and hangs on them.
 */

const adminToken = 'faults-operator';
const buyers = 40;

/**
 * Holds order inserts per item: a trigger makes each insert wait for a shared advisory lock on its
 * item id, which this session holds exclusively until `release(item)` — like a table lock taken by
 * maintenance, but for one item only. Advisory locks are per database, so other tests are unaffected.
 */
async function holdOrderWrites(url: string, itemIds: string[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`create function hold_order_writes() returns trigger language plpgsql as $$
    begin
      perform pg_advisory_xact_lock_shared(new.item_id);
      return new;
    end $$`);
  await client.query('create trigger hold_order_writes before insert on orders for each row execute function hold_order_writes()');
  for (const id of itemIds) await client.query('select pg_advisory_lock($1::bigint)', [id]);
  return {
    release: (itemId: string) => client.query('select pg_advisory_unlock($1::bigint)', [itemId]),
    /** Sessions whose insert is waiting for one of the locks. */
    async waiting(): Promise<number> {
      const { rows } = await client.query(
        `select count(*)::int as n from pg_locks l join pg_database d on d.oid = l.database
          where l.locktype = 'advisory' and not l.granted and d.datname = current_database()`,
      );
      return rows[0].n;
    },
    close: () => client.end(),
  };
}

describe('kill -9 a node whose order pipeline holds unwritten reservations', () => {
  const prefix = `miaosha-faults:${randomBytes(6).toString('hex')}:`;
  const nodes: ServerProcess[] = [];
  let dropDatabase = async () => {};
  let closeHold = async () => {};
  const redis = new Redis(redisUrl);

  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.kill()));
    await closeHold().catch(() => {});
    redis.disconnect();
    await dropDatabase();
    await dropRedisKeys({ url: redisUrl, prefix });
  });

  it('another node claims the pending reservations and writes each one once', async () => {
    const db = await freshServerDatabase();
    dropDatabase = db.drop;
    // PostgreSQL should drop a dead client's statement at once, not finish it when the lock is freed
    // (so that B, not A's orphaned insert, writes the orders).
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    await admin.query(`alter database "${new URL(db.url).pathname.slice(1)}" set client_connection_check_interval = '100ms'`);
    await admin.end();

    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: redisUrl,
      MIAOSHA_REDIS_PREFIX: prefix,
      MIAOSHA_ADMIN_TOKEN: adminToken,
      MIAOSHA_TOKEN_SECRET: 'faults-token-secret',
      MIAOSHA_SHOPPER_RATE: '0',
      MIAOSHA_CLAIM_IDLE_MS: '1000',
    };
    const a = await startServer([], env);
    nodes.push(a);
    // A kettle to keep A's pipeline busy, and the rice cooker the crowd buys.
    const sale = await openSale(a.base, adminToken, { stock: 60, perUserLimit: 1, shoppers: buyers + 1, phonePrefix: '1382', items: 2 });
    const [kettle, riceCooker] = sale.itemIds;
    const keys = new HotKeys(prefix);
    const kettleStream = keys.limit(`item:${kettle}`).reservations; // items with no sku
    const stream = keys.limit(`item:${riceCooker}`).reservations;
    // Until A's pipeline first passes over a stream, the stream has no group: nothing is pending there.
    const pendingAt = async (key: string) => {
      const groups = (await redis.xinfo('GROUPS', key).catch(() => [])) as unknown[];
      if (groups.length === 0) return { count: 0, consumers: [] as [string, string][] };
      const [count, , , consumers] = (await redis.xpending(key, 'orders')) as [number, unknown, unknown, [string, string][] | null];
      return { count: Number(count), consumers: consumers ?? [] };
    };

    const hold = await holdOrderWrites(db.url, [kettle, riceCooker]);
    closeHold = hold.close;

    // One kettle is bought: A's pipeline reads it and waits in PostgreSQL.
    const lastShopper = sale.shoppers[buyers];
    expect((await attempt(a.base, lastShopper.token, sale.sessionId, kettle, 'kettle')).status).toBe(201);
    await pollUntil("A's pipeline to wait on the kettle's insert", async () => (await hold.waiting()) === 1);

    // The crowd buys rice cookers meanwhile; their reservations wait, unread, in the stream.
    const results = await Promise.all(
      sale.shoppers.slice(0, buyers).map((shopper, i) => attempt(a.base, shopper.token, sale.sessionId, riceCooker, `buy-${i}`)),
    );
    expect(results.map((r) => r.status)).toEqual(results.map(() => 201));
    const acknowledged = results.map((r) => r.orderId!);
    expect(await redis.xlen(stream)).toBe(buyers);
    expect((await pendingAt(stream)).count).toBe(0);

    // The kettle goes through; A's pipeline reads all the rice cookers at once and waits on them.
    await hold.release(kettle);
    const pending = await pollUntil('every rice cooker reservation to be pending at A', async () => {
      const p = await pendingAt(stream);
      return p.count === buyers && (await hold.waiting()) === 1 ? p : undefined;
    });
    expect(pending.consumers).toEqual([[expect.stringMatching(/^node-\d+-/), String(buyers)]]);
    expect(await redis.xlen(kettleStream)).toBe(0);

    // A dies with them; PostgreSQL drops its half-done insert.
    await a.kill('SIGKILL');
    await pollUntil("PostgreSQL to drop A's insert", async () => (await hold.waiting()) === 0);
    expect(await orderRows(db.url, riceCooker)).toEqual([]);
    await hold.release(riceCooker);
    expect((await pendingAt(stream)).count).toBe(buyers); // still A's, nobody else's

    // B has never seen these entries; it takes them over from the dead consumer once they are idle.
    const b = await startServer([], env);
    nodes.push(b);
    await pollUntil('the reservation stream to drain', async () => (await redis.xlen(stream)) === 0 && (await pendingAt(stream)).count === 0);
    expect(await redis.exists(`${stream}:dead`)).toBe(0);

    // Every acknowledged reservation is exactly one order.
    const rows = await orderRows(db.url, riceCooker);
    expect(rows.map((row) => row.id).sort()).toEqual([...acknowledged].sort());
    expect(new Set(rows.map((row) => row.userId)).size).toBe(buyers);
    expect(await orderRows(db.url, kettle)).toHaveLength(1);
  });
});
