import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { HotKeys } from '../../src/hotstore/redisKeys.js';
import { attempt, inParallel } from '../support/load.js';
import { freshServerDatabase } from '../support/platform.js';
import { type RedisServerProcess, type ServerProcess, openSale, orderRows, pollUntil, startRedisServer, startServer } from '../support/server.js';

/**
 * Redis is killed with SIGKILL in the middle of a sale, and restarted on the same port and data dir.
 * With `appendonly yes` and `appendfsync always` Redis answers a write only once it is on disk, so a
 * reservation acknowledged before the crash survives it. During the outage the node answers buy
 * attempts 503 UNAVAILABLE (quickly, it does not hang) and is unready; the sale resumes on the same
 * node once Redis is back.
 *
 * Not tested here: under `appendfsync everysec`, a Redis crash can lose up to about a second of
 * acknowledged reservations (more if the disk stalls); docs/operations.md says to run
 * `miaosha reconcile` after such a crash. That loss is the price of the setting, not a bug to test for.
 */

const adminToken = 'faults-operator';
const stock = 300;
const shoppers = 250; // fewer than the stock: every shopper ends up with one order
/** Long enough for any answer; a request still open by then would be a hang. */
const requestTimeoutMs = 15_000;


describe('Redis killed with SIGKILL mid-sale (appendfsync always)', () => {
  let redisServer: RedisServerProcess | null = null;
  let node: ServerProcess | null = null;
  let dropDatabase = async () => {};

  afterAll(async () => {
    await node?.kill();
    await redisServer?.stop();
    await dropDatabase();
  });

  it('keeps every acknowledged reservation, answers 503 while Redis is down, and resumes on the same node', async () => {
    redisServer = await startRedisServer(['--appendonly', 'yes', '--appendfsync', 'always', '--save', '']);
    const db = await freshServerDatabase();
    dropDatabase = db.drop;
    const prefix = 'miaosha-faults:';
    node = await startServer([], {
      DATABASE_URL: db.url,
      REDIS_URL: redisServer.url,
      MIAOSHA_REDIS_PREFIX: prefix,
      MIAOSHA_ADMIN_TOKEN: adminToken,
      MIAOSHA_TOKEN_SECRET: 'faults-token-secret',
      MIAOSHA_SHOPPER_RATE: '0',
    });
    const { base } = node;
    const pid = node.child.pid;
    const sale = await openSale(base, adminToken, { stock, perUserLimit: 1, shoppers, phonePrefix: '1384' });
    const attemptOf = (i: number) => attempt(base, sale.shoppers[i].token, sale.sessionId, sale.itemId, `buy-${i}`, 1, requestTimeoutMs);

    // The crowd buys; Redis is killed once 60 are acknowledged, with attempts in flight.
    const acknowledged = new Map<number, string>(); // shopper → order id
    let crash: Promise<void> | null = null;
    let redisDown = false;
    const crowd = await inParallel(150, 20, async (i) => {
      const startedDuringOutage = redisDown;
      const result = await attemptOf(i);
      if (result.status === 201) {
        acknowledged.set(i, result.orderId!);
        if (acknowledged.size === 60 && !crash) crash = redisServer!.kill('SIGKILL').then(() => void (redisDown = true));
      }
      return { ...result, startedDuringOutage };
    });
    await crash;
    const beforeCrash = new Map(acknowledged);
    expect(redisDown).toBe(true);
    // Every attempt was answered: acknowledged before the crash, or 503 UNAVAILABLE.
    for (const r of crowd) {
      if (r.status === 201) continue;
      expect({ status: r.status, code: r.code }).toEqual({ status: 503, code: 'UNAVAILABLE' });
    }
    expect(crowd.filter((r) => r.startedDuringOutage).every((r) => r.status === 503)).toBe(true);

    // While Redis is down: attempts answer 503 UNAVAILABLE, the node is unready but alive.
    const outage = await inParallel(20, 20, (i) => attemptOf(150 + i));
    expect(outage.map((r) => [r.status, r.code])).toEqual(outage.map(() => [503, 'UNAVAILABLE']));
    expect((await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(requestTimeoutMs) })).status).toBe(503);
    expect((await fetch(`${base}/livez`)).status).toBe(200);

    // Redis comes back on the same port and dir, from its AOF; the node reconnects by itself.
    await redisServer.restart();
    await pollUntil('the node to be ready again', async () => (await fetch(`${base}/healthz`)).status === 200);
    expect(node.child.pid).toBe(pid);
    expect(node.child.exitCode).toBeNull();

    // The sale resumes: the shoppers turned away retry with the same key, the rest of the crowd buys.
    const turnedAway = [...crowd.keys()].filter((i) => crowd[i].status !== 201).concat(outage.map((_, i) => 150 + i));
    const rest = Array.from({ length: shoppers - 170 }, (_, i) => 170 + i);
    const afterwards = [...turnedAway, ...rest];
    const resumed = await inParallel(afterwards.length, 20, (n) => attemptOf(afterwards[n]));
    resumed.forEach((r, n) => {
      expect(r.status).toBe(201);
      acknowledged.set(afterwards[n], r.orderId!);
    });
    expect(acknowledged.size).toBe(shoppers);

    // A pre-crash Idempotency-Key replayed: the same order.
    for (const [i, orderId] of [...beforeCrash].slice(0, 10)) expect(await attemptOf(i)).toMatchObject({ status: 201, orderId });

    // Every reservation becomes an order, the ones acknowledged before the crash included.
    const redis = new Redis(redisServer.url);
    try {
      const stream = new HotKeys(prefix).limit(`item:${sale.itemId}`).reservations; // an item with no sku
      // One node, so no other consumer takes anything over (MIAOSHA_CLAIM_IDLE_MS stays at its default):
      // the node's own pipeline must write what it holds once Redis is back.
      await pollUntil('the reservation stream to drain', async () => {
        const [pending] = (await redis.xpending(stream, 'orders')) as [number];
        return (await redis.xlen(stream)) === 0 && Number(pending) === 0;
      }).catch(async (error) => {
        const pending = JSON.stringify(await redis.xpending(stream, 'orders'));
        throw new Error(`${(error as Error).message}; XLEN ${await redis.xlen(stream)}, XPENDING ${pending}`);
      });
      expect(await redis.exists(`${stream}:dead`)).toBe(0);
    } finally {
      redis.disconnect();
    }
    const rows = await orderRows(db.url, sale.itemId);
    const orderIds = new Set(rows.map((row) => row.id));
    for (const orderId of beforeCrash.values()) expect(orderIds).toContain(orderId);
    expect(rows.map((row) => row.id).sort()).toEqual([...acknowledged.values()].sort());

    // No oversell: units in orders + units on sale in Redis = the stock.
    const session = (await (await fetch(`${base}/api/sessions/${sale.sessionId}`)).json()) as { items: { id: string; stock: number }[] };
    const onSale = session.items.find((item) => item.id === sale.itemId)!.stock;
    expect(rows.reduce((sum, row) => sum + row.quantity, 0) + onSale).toBe(stock);
  });
});
