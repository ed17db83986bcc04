import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { attempt, inParallel } from '../support/load.js';
import { dropRedisKeys, freshServerDatabase, redisUrl } from '../support/platform.js';
import {
  type ServerProcess,
  type TcpProxy,
  openSale,
  orderRows,
  pollUntil,
  startServer,
  startTcpProxy,
  viaPort,
} from '../support/server.js';

/**
 * PostgreSQL out of reach for a few seconds, behind a TCP proxy that is unplugged (every connection
 * destroyed, new ones refused) and plugged back. A scaled node sells from Redis alone: reservations
 * are still acknowledged and queue in the stream; what needs the database answers 503 UNAVAILABLE
 * with Retry-After, never 500; once PostgreSQL is back every acknowledged reservation is one order.
 */

const adminToken = 'faults-operator';
const outageMs = 3_000;

describe('PostgreSQL unreachable for a few seconds under a scaled node', () => {
  const prefix = `miaosha-faults:${randomBytes(6).toString('hex')}:`;
  let node: ServerProcess | null = null;
  let proxy: TcpProxy | null = null;
  let dropDatabase = async () => {};

  afterAll(async () => {
    await node?.kill();
    await proxy?.close();
    await dropDatabase();
    await dropRedisKeys({ url: redisUrl, prefix });
  });

  it('keeps selling, answers 503 where it needs the database, and writes every reservation once it is back', async () => {
    const db = await freshServerDatabase();
    dropDatabase = db.drop;
    const target = new URL(db.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    node = await startServer([], {
      DATABASE_URL: viaPort(db.url, proxy.port),
      REDIS_URL: redisUrl,
      MIAOSHA_REDIS_PREFIX: prefix,
      MIAOSHA_ADMIN_TOKEN: adminToken,
      MIAOSHA_TOKEN_SECRET: 'faults-token-secret',
      MIAOSHA_SHOPPER_RATE: '0',
    });
    const { base } = node;
    const sale = await openSale(base, adminToken, { stock: 100, perUserLimit: 1, shoppers: 60, phonePrefix: '1383' });
    const buy = (i: number) => attempt(base, sale.shoppers[i].token, sale.sessionId, sale.itemId, `buy-${i}`);
    const asShopper = (i: number) => ({ authorization: `Bearer ${sale.shoppers[i].token}` });
    const asOperator = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };

    // Ten orders before the outage, written as usual.
    const before = await inParallel(10, 10, buy);
    expect(before.map((r) => r.status)).toEqual(before.map(() => 201));
    await pollUntil('the orders before the outage to be written', async () => (await orderRows(db.url, sale.itemId)).length === 10);

    await proxy.unplug();
    const unpluggedAt = Date.now();

    // Readiness: still ready to sell, but degraded; liveness unaffected.
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'degraded', deployment: 'scaled' });
    expect((await fetch(`${base}/livez`)).status).toBe(200);

    // Reservations are still acknowledged: they wait in the Redis stream.
    const during = await inParallel(40, 20, (i) => buy(10 + i));
    expect(during.map((r) => r.status)).toEqual(during.map(() => 201));

    // What needs PostgreSQL says so: 503 UNAVAILABLE with Retry-After, never a 500.
    const needsDatabase: [string, RequestInit][] = [
      [`/api/orders/${before[0].orderId}`, { headers: asShopper(0) }], // written before the outage
      [`/api/orders/${during[0].orderId}`, { headers: asShopper(10) }], // acknowledged during it
      [`/api/admin/sessions/${sale.sessionId}/stats`, { headers: asOperator }],
      ['/api/admin/users/bulk', { method: 'POST', headers: asOperator, body: JSON.stringify({ users: [{ phone: '13900000001' }] }) }],
    ];
    for (const [url, init] of needsDatabase) {
      const res = await fetch(`${base}${url}`, init);
      expect({ url, status: res.status, body: await res.json() }).toEqual({
        url,
        status: 503,
        body: { error: { code: 'UNAVAILABLE', message: expect.any(String) } },
      });
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }

    // Plug back after about three seconds.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, outageMs - (Date.now() - unpluggedAt))));
    await proxy.plugBack();

    // The pipeline writes the queued reservations: each acknowledged one exactly once.
    const acknowledged = [...before, ...during].map((r) => r.orderId!);
    const rows = await pollUntil(
      'every acknowledged reservation to be written',
      async () => {
        const rows = await orderRows(db.url, sale.itemId);
        return rows.length >= acknowledged.length ? rows : undefined;
      },
      15_000,
      200,
    );
    expect(rows.map((row) => row.id).sort()).toEqual([...acknowledged].sort());

    // And the shoppers can read them again.
    for (const [i, r] of [...before, ...during].entries()) {
      const res = await fetch(`${base}/api/orders/${r.orderId}`, { headers: asShopper(i) });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ id: r.orderId, status: 'reserved' });
    }
    expect(await (await fetch(`${base}/healthz`)).json()).toMatchObject({ status: 'ok' });
  });
});
