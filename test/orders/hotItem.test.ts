import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShopperApi } from '../support/api.js';
import { type TestPlatform, scaledBackends, startTestPlatform } from '../support/platform.js';
import { Operator } from '../support/shop.js';

/** A hot item split over 4 stock buckets in different slots, sold through the HTTP API. */
describe.each(scaledBackends)('a hot item in buckets on %s', (backend) => {
  let t: TestPlatform;
  let op: Operator;
  let api: ShopperApi;
  let sessionId: string;
  let itemId: string;
  const stock = 100;
  let tokenOf = new Map<string, string>(); // shopper id → token

  beforeAll(async () => {
    // A fresh database: the first item created is item 1.
    t = await startTestPlatform(backend, { hotItemBuckets: new Map([['1', 4]]) });
    op = new Operator(t.platform.app, t.admin);
    api = new ShopperApi(t.platform.app);
    ({ sessionId } = await op.session());
    itemId = await op.item(sessionId, { stock, perUserLimit: 2 });
    expect(itemId).toBe('1');
    expect(t.platform.services.scaled!.hot.keys.bucketsOf('item:1')).toBe(4);
  });
  afterAll(() => t.close());

  it('sells exactly its stock to a crowd, every unit, every yes an order, nobody past the limit', async () => {
    const shoppers = await op.shoppers(150, {}, '1391');
    tokenOf = new Map(shoppers.map((s) => [s.id, s.token]));
    // Each shopper tries three times with fresh keys: the limit of 2 must hold across buckets.
    const answers = await Promise.all(
      shoppers.flatMap((s, i) => [0, 1, 2].map((n) => api.reserve(s.token, sessionId, itemId, `hot-${i}-${n}`))),
    );
    const granted = answers.filter((r) => r.statusCode === 201);
    expect(granted).toHaveLength(stock);
    expect(new Set(answers.filter((r) => r.statusCode !== 201).map((r) => r.json().error.code))).toEqual(new Set(['SOLD_OUT', 'LIMIT_REACHED']));
    expect(await api.stock(sessionId, itemId)).toBe(0);

    await t.platform.services.scaled!.catchUp();
    const rows = await t.platform.services.db.query<{ id: string; user_id: string; quantity: number }>(
      'select id::text, user_id::text, quantity from orders where item_id = $1',
      [itemId],
    );
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(granted.map((r) => r.json().orderId)));
    const perShopper = new Map<string, number>();
    for (const r of rows) perShopper.set(r.user_id, (perShopper.get(r.user_id) ?? 0) + r.quantity);
    expect(Math.max(...perShopper.values())).toBeLessThanOrEqual(2);

    const reconciled = await t.platform.app.inject({ url: `/api/admin/reconcile?sessionId=${sessionId}`, headers: t.admin });
    expect(reconciled.json().items[0]).toMatchObject({ stock, onSale: 0, inOrders: stock, drift: 0 });
  });

  it('shows, cancels and puts back a unit, which the next shopper buys', async () => {
    const [late] = await op.shoppers(1, {}, '1392');
    const rows = await t.platform.services.db.query<{ id: string; user_id: string }>(
      `select id::text, user_id::text from orders where item_id = $1 and status = 'reserved' limit 1`,
      [itemId],
    );
    const holder = { id: rows[0].user_id, token: tokenOf.get(rows[0].user_id)! };
    expect((await api.order(holder.token, rows[0].id)).json().status).toBe('reserved');
    expect((await api.cancel(holder.token, rows[0].id)).json().status).toBe('cancelled');
    expect(await api.stock(sessionId, itemId)).toBe(1);
    expect((await api.reserve(late.token, sessionId, itemId, 'after-cancel')).statusCode).toBe(201);
    expect(await api.stock(sessionId, itemId)).toBe(0);
  });
});
