import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { attempt, inParallel } from '../support/load.js';
import { freshServerDatabase } from '../support/platform.js';
import { type RedisServerProcess, type ServerProcess, openSale, orderRows, pollUntil, startRedisServer, startServer } from '../support/server.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../bin/miaosha.js', import.meta.url));

/**
 * An operator's worst day: FLUSHALL on the Redis of a running sale. Stock, holdings, answers and the
 * streams are gone. `miaosha reconcile --fix` rebuilds the hot store from PostgreSQL, and the sale goes
 * on — never past the stock, never past a shopper's limit. Reservations acknowledged but not yet written
 * when Redis was wiped are lost with it (that is what the wipe did); the ones written are all kept.
 */

const adminToken = 'flushall-operator';
const stock = 200;


describe('FLUSHALL in the middle of a sale', () => {
  let redisServer: RedisServerProcess | null = null;
  let node: ServerProcess | null = null;
  let dropDatabase = async () => {};

  afterAll(async () => {
    await node?.kill();
    await redisServer?.stop();
    await dropDatabase();
  });

  it('reconcile rebuilds the hot store from PostgreSQL and the sale goes on, never oversold', async () => {
    redisServer = await startRedisServer(['--save', '', '--appendonly', 'no']);
    const db = await freshServerDatabase();
    dropDatabase = db.drop;
    const env = { DATABASE_URL: db.url, REDIS_URL: redisServer.url, MIAOSHA_ADMIN_TOKEN: adminToken, MIAOSHA_SHOPPER_RATE: '0' };
    node = await startServer([], env);
    const { base } = node;
    const sale = await openSale(base, adminToken, { stock, perUserLimit: 1, shoppers: 400, phonePrefix: '1385' });
    const buyAs = (i: number, round: string) => attempt(base, sale.shoppers[i].token, sale.sessionId, sale.itemId, `${round}-${i}`);

    const before = await inParallel(100, 20, (i) => buyAs(i, 'before'));
    expect(before.every((r) => r.status === 201)).toBe(true);
    // These become order rows within moments; the wipe comes after (acknowledged reservations still
    // in the stream when Redis is wiped are lost with it: that is what a FLUSHALL does).
    await pollUntil('the first orders to be written', async () => (await orderRows(db.url, sale.itemId)).length === 100);

    // The wipe lands while the crowd is still buying.
    const redis = new Redis(redisServer.url);
    const during = inParallel(100, 20, (i) => buyAs(100 + i, 'during'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await redis.flushall();
    redis.disconnect();
    for (const r of await during) expect([201, 503]).toContain(r.status); // never a false SOLD_OUT

    const fixed = await run(process.execPath, [cli, 'reconcile', '--fix', '--url', base], { env: { ...process.env, ...env } });
    expect(fixed.stdout).toContain('rebuilt from the database');

    // Everyone tries again: those with an order are at their limit, the rest buy until it sells out.
    const after = await inParallel(400, 20, (i) => buyAs(i, 'after'));
    const codes = new Set(after.map((r) => (r.status === 201 ? '201' : r.code)));
    expect(codes.has('201')).toBe(true);
    expect([...codes].every((code) => ['201', 'LIMIT_REACHED', 'SOLD_OUT'].includes(code!))).toBe(true);

    // reconcile exits 3 when an item drifts: here the units add up again.
    const check = await run(process.execPath, [cli, 'reconcile', '--url', base], { env: { ...process.env, ...env } }).then(
      () => 'no drift',
      (error: { code: number; stdout: string }) => `exit ${error.code}: ${error.stdout}`,
    );
    const rows = await orderRows(db.url, sale.itemId);
    expect(rows.length).toBeLessThanOrEqual(stock);
    const perShopper = new Map<string, number>();
    for (const row of rows) perShopper.set(row.userId, (perShopper.get(row.userId) ?? 0) + row.quantity);
    expect(Math.max(...perShopper.values())).toBe(1);
    // The 100 orders written before the wipe are all still there.
    const ids = new Set(rows.map((row) => row.id));
    for (const r of before) expect(ids).toContain(r.orderId);
    expect(check).toBe('no drift');
  });
});
