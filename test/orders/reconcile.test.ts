import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShopperApi } from '../support/api.js';
import { type TestPlatform, backends, dropRedisKeys, isScaled, startTestPlatform } from '../support/platform.js';
import { Operator, bearer } from '../support/shop.js';

describe.each(backends)('reconciliation on %s', (backend) => {
  let t: TestPlatform;
  let op: Operator;
  let api: ShopperApi;

  beforeAll(async () => {
    t = await startTestPlatform(backend);
    op = new Operator(t.platform.app, t.admin);
    api = new ShopperApi(t.platform.app);
  });
  afterAll(() => t.close());

  const reconcile = async (method: 'GET' | 'POST', sessionId: string, payload?: object) => {
    const res = await t.platform.app.inject({ method, url: `/api/admin/reconcile?sessionId=${sessionId}`, headers: t.admin, payload });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('finds every unit where it should be after sales and a cancellation', async () => {
    const shoppers = await op.shoppers(6, {}, '1371');
    const { sessionId } = await op.session();
    const itemId = await op.item(sessionId, { stock: 10 });
    const ids = await Promise.all(shoppers.map((s, i) => api.reserved(s.token, sessionId, itemId, `r-${i}`)));
    expect((await api.cancel(shoppers[0].token, ids[0])).statusCode).toBe(200);

    const { items } = await reconcile('GET', sessionId);
    expect(items).toEqual([
      { itemId, sessionId, title: 'Phone 16 Pro', stock: 10, onSale: 5, inOrders: 5, unwritten: 0, drift: 0 },
    ]);
  });

  it('reports drift, and corrects it from the database only where the session is not live unless forced', async () => {
    const live = await op.session();
    const upcoming = await op.session({ startsIn: 3600_000 });
    const liveItem = await op.item(live.sessionId, { stock: 8 });
    const laterItem = await op.item(upcoming.sessionId, { stock: 8 });
    // A hot store that disagrees with the database: 3 units too many on sale.
    for (const itemId of [liveItem, laterItem]) {
      const item = t.platform.services.catalog.items.get(itemId)!;
      await t.platform.services.hot.loadStock({ itemId, limitKey: `item:${item.id}`, remaining: 11 });
    }
    expect((await reconcile('GET', upcoming.sessionId)).items[0]).toMatchObject({ onSale: 11, drift: -3 });

    const later = await reconcile('POST', upcoming.sessionId, {});
    expect(later.corrected).toEqual([laterItem]);
    expect(later.items[0]).toMatchObject({ onSale: 8, drift: 0 });

    const unforced = await reconcile('POST', live.sessionId, {});
    expect(unforced.corrected).toEqual([]);
    expect(unforced.items[0]).toMatchObject({ onSale: 11, drift: -3 });
    const forced = await reconcile('POST', live.sessionId, { force: true });
    expect(forced.corrected).toEqual([liveItem]);
    expect(forced.items[0]).toMatchObject({ onSale: 8, drift: 0 });
    expect(await api.stock(live.sessionId, liveItem)).toBe(8);
  });

  it('needs the operator token', async () => {
    const res = await t.platform.app.inject({ url: '/api/admin/reconcile' });
    expect(res.statusCode).toBe(401);
  });

  it.runIf(isScaled(backend))('rebuilds from the database after Redis lost everything mid-sale; the sale goes on, never oversold', async () => {
    const stock = 100;
    const shoppers = await op.shoppers(150, {}, '1372');
    const { sessionId } = await op.session();
    const itemId = await op.item(sessionId, { stock });
    const scaled = t.platform.services.scaled!;

    const attempt = (i: number, round: string) =>
      t.platform.app.inject({
        method: 'POST',
        url: `/api/sessions/${sessionId}/items/${itemId}/reservations`,
        headers: { ...bearer(shoppers[i].token), 'idempotency-key': `${round}-${i}` },
        payload: { quantity: 1 },
      });
    const before = await Promise.all(shoppers.slice(0, 30).map((_, i) => attempt(i, 'before')));
    expect(before.every((r) => r.statusCode === 201)).toBe(true);
    await scaled.catchUp();

    // Everything of this shop in Redis is gone (as after FLUSHALL), while shoppers keep pressing "buy".
    const during = Promise.all(shoppers.slice(30, 90).map((_, i) => attempt(30 + i, 'during')));
    await dropRedisKeys(t.platform.services.scaled!.settings);
    const duringAnswers = await during;
    // Each attempt was either served before the loss, or told to retry; none was refused as sold out.
    for (const r of duringAnswers) expect([201, 503], r.body).toContain(r.statusCode);

    const repaired = await reconcile('POST', sessionId, {});
    expect(repaired.items[0].onSale).not.toBeNull();
    // The 30 orders written before the loss are still their shoppers': the limit holds after the rebuild.
    expect((await attempt(0, 'after-rebuild')).json().error?.code).toBe('LIMIT_REACHED');

    const after = await Promise.all(shoppers.map((_, i) => attempt(i, 'after')));
    const statuses = after.map((r) => `${r.statusCode} ${r.json().error?.code ?? ''}`.trim());
    expect(statuses.filter((s) => s === '201').length).toBeGreaterThan(0);
    await scaled.catchUp();
    const { items } = await reconcile('GET', sessionId);
    // Sold out at most the stock: units in orders plus units on sale never exceed it.
    expect(items[0].inOrders + items[0].onSale).toBeLessThanOrEqual(stock);
    expect(items[0].drift).toBeGreaterThanOrEqual(0);
    const rows = await t.platform.services.db.query<{ units: string }>(
      `select coalesce(sum(quantity), 0)::text as units from orders where item_id = $1 and status <> 'cancelled'`,
      [itemId],
    );
    expect(Number(rows[0].units)).toBeLessThanOrEqual(stock);
  });
});
