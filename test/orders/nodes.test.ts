import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/platform.js';
import { ShopperApi } from '../support/api.js';
import { scaledBackends, startScaledNodes } from '../support/platform.js';
import { Operator } from '../support/shop.js';

const until = async (what: string, check: () => boolean | Promise<boolean>) => {
  for (let waited = 0; waited < 5_000; waited += 20) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting until ${what}`);
};

describe.each(scaledBackends)('several API nodes of one scaled deployment on %s', (backend) => {
  let close: () => Promise<void>;
  let a: Platform;
  let b: Platform;
  let opA: Operator;
  let opB: Operator;
  let nodes: Platform[];
  let admin: { authorization: string };

  beforeAll(async () => {
    const started = await startScaledNodes(3, backend);
    close = started.close;
    nodes = started.nodes;
    admin = started.admin;
    [a, b] = nodes;
    opA = new Operator(a.app, started.admin);
    opB = new Operator(b.app, started.admin);
  });
  afterAll(() => close());

  it('lease different order-id node numbers', () => {
    expect(new Set(nodes.map((node) => node.services.scaled!.nodeId)).size).toBe(3);
  });

  it('move to a free order-id number when another node took theirs (a long cut-off from Redis)', async () => {
    const scaled = a.services.scaled!;
    const before = scaled.nodeId;
    // Another node holds A's number now, as after A's lease ran out; A checks as Redis comes back.
    await scaled.redis.set(`${scaled.settings.prefix}node:${before}`, 'another node');
    scaled.redis.emit('ready');
    await until('node A has another number', () => scaled.nodeId !== before);
    expect(nodes.map((node) => node.services.scaled!.nodeId).filter((n) => n === scaled.nodeId)).toHaveLength(1);
    const [shopper] = await opA.shoppers(1, {}, '1386');
    const { sessionId } = await opA.session();
    const orderId = await new ShopperApi(a.app).reserved(shopper.token, sessionId, await opA.item(sessionId), 'renumbered');
    expect(orderId.slice(-6, -4)).toBe(String(scaled.nodeId).padStart(2, '0'));
  });

  it('sell exactly the stock between them, every yes an order', async () => {
    const shoppers = await opA.shoppers(300, {}, '1381');
    const { sessionId } = await opA.session();
    const itemId = await opA.item(sessionId, { stock: 100 });
    const apis = [new ShopperApi(a.app), new ShopperApi(b.app)];
    const answers = await Promise.all(shoppers.map((s, i) => apis[i % 2].reserve(s.token, sessionId, itemId, `n-${i}`)));
    const granted = answers.filter((r) => r.statusCode === 201).map((r) => r.json().orderId as string);
    expect(granted).toHaveLength(100);
    expect(new Set(answers.filter((r) => r.statusCode !== 201).map((r) => r.json().error.code))).toEqual(new Set(['SOLD_OUT']));
    await a.services.scaled!.catchUp();
    await b.services.scaled!.catchUp();
    const rows = await a.services.db.query<{ id: string }>('select id::text from orders where item_id = $1', [itemId]);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(granted));
  });

  it('tell each other when an item sells out and when a cancellation puts a unit back', async () => {
    const [first, second] = await opA.shoppers(2, {}, '1382');
    const { sessionId } = await opA.session();
    const itemId = await opA.item(sessionId, { stock: 1 });
    await until('node B knows the item', () => b.services.catalog.items.has(itemId));
    const orderId = await new ShopperApi(a.app).reserved(first.token, sessionId, itemId, 'last-one');
    // B never sold anything of this item, yet refuses it locally: A announced the sell-out.
    await until('node B hears of the sell-out', () => b.services.hot.remaining(itemId) === 0);
    expect((await new ShopperApi(b.app).reserve(second.token, sessionId, itemId, 'too-late')).json().error.code).toBe('SOLD_OUT');

    expect((await new ShopperApi(a.app).cancel(first.token, orderId)).statusCode).toBe(200);
    await until('node B hears the unit is back', () => b.services.hot.remaining(itemId) === 1);
    expect((await new ShopperApi(b.app).reserve(second.token, sessionId, itemId, 'back-on-sale')).statusCode).toBe(201);
  });

  it('refuse a sold-out crowd locally, yet give a holder who retries the first answer', async () => {
    const shoppers = await opA.shoppers(5, {}, '1385');
    const { sessionId } = await opA.session();
    const itemId = await opA.item(sessionId, { stock: 2 });
    await until('node B knows the item', () => b.services.catalog.items.has(itemId));
    const first = await new ShopperApi(a.app).reserve(shoppers[0].token, sessionId, itemId, 'mine');
    await new ShopperApi(a.app).reserved(shoppers[1].token, sessionId, itemId, 'theirs');
    await until('node B hears of the sell-out', () => b.services.hot.remaining(itemId) === 0);
    const onB = new ShopperApi(b.app);
    for (const [i, s] of shoppers.slice(2).entries()) expect((await onB.reserve(s.token, sessionId, itemId, `late-${i}`)).json().error.code).toBe('SOLD_OUT');
    // By now B knows who holds the item; the holder whose answer was lost retries on B: the same order.
    const retry = await onB.reserve(shoppers[0].token, sessionId, itemId, 'mine');
    expect({ status: retry.statusCode, body: retry.json() }).toEqual({ status: 201, body: first.json() });
    expect(b.services.hot.mayHold!(itemId, `item:${itemId}`, shoppers[4].id)).toBe(false);
    expect(b.services.hot.mayHold!(itemId, `item:${itemId}`, shoppers[0].id)).toBe(true);
  });

  it('see items created and paused on another node', async () => {
    const [shopper] = await opB.shoppers(1, {}, '1383');
    const { sessionId } = await opA.session();
    const itemId = await opA.item(sessionId, { stock: 5, perUserLimit: 2 });
    // Bought on B straight away: a node that has not heard of the item yet reloads on the miss.
    expect((await new ShopperApi(b.app).reserve(shopper.token, sessionId, itemId, 'fresh')).statusCode).toBe(201);

    const paused = await a.app.inject({ method: 'PATCH', url: `/api/admin/items/${itemId}`, headers: admin, payload: { paused: true } });
    expect(paused.statusCode).toBe(200);
    await until('node B hears of the pause', () => b.services.catalog.items.get(itemId)?.paused === true);
    expect((await new ShopperApi(b.app).reserve(shopper.token, sessionId, itemId, 'while-paused')).json().error.code).toBe('ITEM_PAUSED');
  });

  it('show an order the moment it is acknowledged, on any node', async () => {
    const [shopper] = await opA.shoppers(1, {}, '1384');
    const { sessionId } = await opA.session();
    const itemId = await opA.item(sessionId);
    // No node writes orders for now: the row does not exist until someone asks for the order.
    for (const node of nodes) await node.services.scaled!.pipeline.stop();
    try {
      const orderId = await new ShopperApi(a.app).reserved(shopper.token, sessionId, itemId, 'seen');
      const seen = await new ShopperApi(b.app).order(shopper.token, orderId);
      expect(seen.statusCode).toBe(200);
      expect(seen.json()).toMatchObject({ id: orderId, status: 'reserved' });
      const listed = await new ShopperApi(b.app).orders(shopper.token);
      expect(listed.json().orders.map((o: { id: string }) => o.id)).toContain(orderId);
      expect((await new ShopperApi(b.app).pay(shopper.token, orderId)).json().status).toBe('paid');
    } finally {
      for (const node of nodes) node.services.scaled!.pipeline.start();
    }
  });
});
