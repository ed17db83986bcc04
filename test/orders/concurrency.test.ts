import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attempt, inParallel } from '../support/load.js';
import { type TestPlatform, backends, startTestPlatform } from '../support/platform.js';
import { Operator } from '../support/shop.js';

const shoppers = 2_000;
const attemptsEach = 10;
const stock = 500;

describe.each(backends)('a crowd buying 500 units on %s', (backend) => {
  let t: TestPlatform;
  let base: string;

  beforeAll(async () => {
    t = await startTestPlatform(backend);
    await t.platform.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.platform.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  it('sells exactly the stock, one unit per shopper, and every yes is an order', async () => {
    const op = new Operator(t.platform.app, t.admin);
    const crowd = await op.shoppers(shoppers);
    const { sessionId } = await op.session();
    const itemId = await op.item(sessionId, { stock, perUserLimit: 1 });

    // 20,000 attempts, 200 in flight; each shopper fires 10 attempts at once, with fresh keys.
    const results = await inParallel(shoppers * attemptsEach, 200, (i) => {
      const shopper = crowd[Math.floor(i / attemptsEach)];
      return attempt(base, shopper.token, sessionId, itemId, `try-${i}`);
    });

    const acknowledged = results.filter((r) => r.status === 201);
    const refusals = new Set(results.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.code}`));
    expect(acknowledged).toHaveLength(stock);
    expect([...refusals].sort()).toEqual(['409 LIMIT_REACHED', '409 SOLD_OUT']);

    await t.platform.services.scaled?.catchUp(); // scaled: the order pipeline writes the rows
    const rows = await t.platform.services.db.query<{ id: string; user_id: string; quantity: number }>(
      `select id::text, user_id::text, quantity from orders where item_id = $1`,
      [itemId],
    );
    // Orders == acknowledged reservations, exactly: none lost, none extra.
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(acknowledged.map((r) => r.orderId)));
    // Nobody over the limit.
    const perShopper = new Map<string, number>();
    for (const r of rows) perShopper.set(r.user_id, (perShopper.get(r.user_id) ?? 0) + r.quantity);
    expect(Math.max(...perShopper.values())).toBe(1);

    const stats = await t.platform.app.inject({ url: `/api/admin/sessions/${sessionId}/stats`, headers: t.admin });
    expect(stats.json().items[0]).toMatchObject({ stock: 0, reserved: stock });
  }, 240_000); // 20,000 HTTP requests: a slow shared machine must not fail it on time alone
});
