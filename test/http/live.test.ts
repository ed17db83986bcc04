import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveCounters } from '../../src/live/counters.js';
import type { Platform } from '../../src/platform.js';
import { ShopperApi, expectError, phonePrefixes, startHttpSuite } from '../support/api.js';
import { type TestPlatform, backends, scaledBackends, startScaledNodes, startTestPlatform } from '../support/platform.js';
import { openEvents, until } from '../support/sse.js';
import { Operator, bearer } from '../support/shop.js';

const minute = 60_000;

describe.each(backends)("the operator's live view of a session on %s", (backend) => {
  let t: TestPlatform;
  let app: FastifyInstance;
  let op: Operator;
  let api: ShopperApi;
  const prefix = phonePrefixes(180);

  beforeAll(async () => ({ t, app, op, api } = await startHttpSuite(backend)));
  afterAll(() => t?.close());

  const live = async (sessionId: string) => {
    await t.platform.services.scaled?.catchUp(); // the order pipeline's rows, for the order figures
    const res = await app.inject({ url: `/api/admin/sessions/${sessionId}/live`, headers: t.admin });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('counts views, attempts by outcome, orders, GMV and payments, and raises stock alerts once', async () => {
    const [first, second, third, fourth, fifth, late] = await op.shoppers(6, {}, prefix());
    const { sessionId } = await op.session();
    const itemId = await op.item(sessionId, { stock: 5, perUserLimit: 1, flashPrice: 1999 });
    const goldOnly = await op.item(sessionId, { eligibility: { tiers: ['gold'] } });
    const paused = await op.item(sessionId);
    await app.inject({ method: 'PATCH', url: `/api/admin/items/${paused}`, headers: t.admin, payload: { paused: true } });

    const empty = await live(sessionId);
    expect(empty).toMatchObject({
      sessionId,
      state: 'live',
      views: 0,
      attempts: { reserved: 0, replayed: 0, sold_out: 0, limit_reached: 0, not_started: 0, ended: 0, not_eligible: 0, paused: 0, rate_limited: 0, unavailable: 0 },
      orders: { reserved: 0, paid: 0, shipped: 0, completed: 0, cancelled: 0, refunded: 0 },
      paidOrders: 0,
      gmv: 0,
      payments: { succeeded: 0, failed: 0 },
      paymentSuccessRate: null,
      funnel: { views: 0, attempts: 0, reserved: 0, paid: 0 },
      alerts: [],
    });
    expect(empty.items.find((i: { id: string }) => i.id === itemId)).toEqual({
      id: itemId,
      title: 'Phone 16 Pro',
      initialStock: 5,
      stock: 5,
      reserved: 0,
      paid: 0,
      soldOut: false,
      paused: false,
    });

    await api.session(sessionId);
    await api.session(sessionId);
    const orders = [];
    for (const [i, shopper] of [first, second, third, fourth].entries()) orders.push(await api.reserved(shopper.token, sessionId, itemId, `live-${i}`));
    await api.reserved(first.token, sessionId, itemId, 'live-0'); // a retry: replayed
    expectError(await api.reserve(first.token, sessionId, itemId, 'live-again'), 409, 'LIMIT_REACHED');
    expectError(await api.reserve(first.token, sessionId, goldOnly, 'live-gold'), 403, 'NOT_ELIGIBLE');
    expectError(await api.reserve(first.token, sessionId, paused, 'live-paused'), 409, 'ITEM_PAUSED');
    expect((await api.pay(first.token, orders[0])).statusCode).toBe(200);
    expect((await api.pay(second.token, orders[1])).statusCode).toBe(200);
    expect((await api.cancel(third.token, orders[2])).statusCode).toBe(200);

    const busy = await live(sessionId);
    expect(busy.views).toBe(2);
    expect(busy.attempts).toMatchObject({ reserved: 4, replayed: 1, limit_reached: 1, not_eligible: 1, paused: 1, sold_out: 0 });
    expect(busy.orders).toMatchObject({ reserved: 1, paid: 2, cancelled: 1 });
    expect(busy).toMatchObject({
      paidOrders: 2,
      gmv: 2 * 1999,
      payments: { succeeded: 2, failed: 0 },
      paymentSuccessRate: 1,
      funnel: { views: 2, attempts: 8, reserved: 4, paid: 2 },
    });
    // Four sold, one back from the cancellation: 2 of 5 left is not yet low.
    expect(busy.items.find((i: { id: string }) => i.id === itemId)).toMatchObject({ stock: 2, reserved: 1, paid: 2 });
    expect(busy.alerts).toEqual([]);

    await api.reserved(fifth.token, sessionId, itemId, 'live-5');
    const low = await live(sessionId);
    expect(low.alerts).toEqual([
      { id: expect.any(String), level: 'warning', code: 'LOW_STOCK', itemId, message: expect.any(String), at: expect.any(String) },
    ]);
    expect((await live(sessionId)).alerts).toHaveLength(1); // raised once, not on every look

    await api.reserved(third.token, sessionId, itemId, 'live-3b');
    expectError(await api.reserve(late.token, sessionId, itemId, 'live-late'), 409, 'SOLD_OUT');
    const soldOut = await live(sessionId);
    expect(soldOut.attempts.sold_out).toBe(1);
    expect(soldOut.alerts.map((a: { code: string }) => a.code)).toEqual(['SOLD_OUT', 'LOW_STOCK']);
    expect(soldOut.alerts[0]).toMatchObject({ level: 'info', itemId });
    expect(soldOut.items.find((i: { id: string }) => i.id === itemId)).toMatchObject({ stock: 0, soldOut: true });
  });

  it('counts attempts at a session that has not started, per session', async () => {
    const [shopper] = await op.shoppers(1, {}, prefix());
    const { sessionId } = await op.session({ startsIn: 10 * minute });
    const itemId = await op.item(sessionId);
    expectError(await api.reserve(shopper.token, sessionId, itemId, 'early'), 409, 'NOT_STARTED');
    expect((await live(sessionId)).attempts).toMatchObject({ not_started: 1, reserved: 0 });
    expect((await live(sessionId)).state).toBe('upcoming');
  });

  it('refuses without the operator token, and answers 404 for an unknown session', async () => {
    const { sessionId } = await op.session();
    expectError(await app.inject({ url: `/api/admin/sessions/${sessionId}/live` }), 401, 'UNAUTHORIZED');
    expectError(await app.inject({ url: `/api/admin/sessions/${sessionId}/live/events`, headers: bearer('nope') }), 403, 'FORBIDDEN');
    expectError(await app.inject({ url: '/api/admin/sessions/987654321/live', headers: t.admin }), 404, 'NOT_FOUND');
    expectError(await app.inject({ url: '/api/admin/sessions/x/live', headers: t.admin }), 400, 'INVALID_REQUEST');
  });

  it('streams `live` snapshots: one at once, then one a second, until the operator leaves', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const [shopper] = await op.shoppers(1, {}, prefix());
    const { sessionId } = await op.session();
    const itemId = await op.item(sessionId, { stock: 3 });

    const shopperStream = await openEvents(`${base}/api/sessions/${sessionId}/events`);
    expect((await shopperStream.next()).event).toBe('snapshot');
    await shopperStream.close();

    const stream = await openEvents(`${base}/api/admin/sessions/${sessionId}/live/events`, t.admin);
    try {
      expect(stream.status).toBe(200);
      expect(stream.contentType).toMatch(/^text\/event-stream/);
      const started = Date.now();
      const first = await stream.next();
      expect(first.event).toBe('live');
      expect(first.data).toMatchObject({ sessionId, state: 'live', views: 1, items: [{ id: itemId, stock: 3 }] });
      expect(t.platform.services.live.viewers(sessionId)).toBe(1);

      await api.reserved(shopper.token, sessionId, itemId, 'streamed');
      let next = await stream.next();
      while (next.data.attempts.reserved === 0) next = await stream.next();
      expect(next.event).toBe('live');
      expect(next.data.items[0]).toMatchObject({ id: itemId, stock: 2 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(800);
    } finally {
      await stream.close();
    }
    await until('the stream timer stops once the operator left', () => t.platform.services.live.viewers(sessionId) === 0);
  });
});

describe('live alerts on payments and rate limiting', () => {
  let t: TestPlatform;

  beforeAll(async () => {
    t = await startTestPlatform('pglite', { payment: { latencyMs: 1, failureRate: 1 }, shopperRate: { perSecond: 1, burst: 1 } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('raises PAYMENT_SUCCESS_LOW and RATE_LIMITED_SURGE', async () => {
    const app = t.platform.app;
    const op = new Operator(app, t.admin);
    const api = new ShopperApi(app);
    const live = async (sessionId: string) => (await app.inject({ url: `/api/admin/sessions/${sessionId}/live`, headers: t.admin })).json();
    const shoppers = await op.shoppers(10, {}, '1791');
    const { sessionId } = await op.session();
    const itemId = await op.item(sessionId, { stock: 100 });
    expect((await live(sessionId)).alerts).toEqual([]);

    const orders = await Promise.all(shoppers.map((s, i) => api.reserved(s.token, sessionId, itemId, `pay-${i}`)));
    for (const [i, orderId] of orders.entries()) expectError(await api.pay(shoppers[i].token, orderId), 502, 'PAYMENT_FAILED');
    // One shopper pressing "buy" over and over: all but the first are rate-limited.
    for (let i = 0; i < 25; i++) await api.reserve(shoppers[0].token, sessionId, itemId, `again-${i}`);

    const snapshot = await live(sessionId);
    expect(snapshot.payments.succeeded).toBe(0);
    expect(snapshot.payments.failed).toBeGreaterThanOrEqual(10);
    expect(snapshot.paymentSuccessRate).toBe(0);
    expect(snapshot.attempts.rate_limited).toBeGreaterThanOrEqual(24); // a slow run may refill one token
    expect(snapshot.alerts.map((a: { code: string }) => a.code).sort()).toEqual(['PAYMENT_SUCCESS_LOW', 'RATE_LIMITED_SURGE']);
    expect(snapshot.alerts.find((a: { code: string }) => a.code === 'PAYMENT_SUCCESS_LOW')).toMatchObject({ level: 'critical', itemId: null });
    expect(snapshot.alerts.find((a: { code: string }) => a.code === 'RATE_LIMITED_SURGE')).toMatchObject({ level: 'warning', itemId: null });
  });
});

describe.each(scaledBackends)('live counters over two nodes of a scaled deployment on %s', (backend) => {
  let close: () => Promise<void>;
  let a: Platform;
  let b: Platform;
  let admin: { authorization: string };

  beforeAll(async () => ({ close, nodes: [a, b], admin } = await startScaledNodes(2, backend)));
  afterAll(() => close());

  it('add up what every node counted, on whichever node the operator asks', async () => {
    const op = new Operator(a.app, admin);
    const shoppers = await op.shoppers(6, {}, '1792');
    const { sessionId } = await op.session();
    const itemId = await op.item(sessionId, { stock: 4 });
    await until('node B knows the session', () => b.services.catalog.items.has(itemId));

    const apis = [new ShopperApi(a.app), new ShopperApi(b.app)];
    await apis[0].session(sessionId);
    for (let i = 0; i < 3; i++) await apis[1].session(sessionId);
    for (const [i, s] of shoppers.entries()) await apis[i % 2].reserve(s.token, sessionId, itemId, `nodes-${i}`);

    for (const node of [a, b]) {
      await until(
        'the counts of both nodes add up',
        async () => {
          const snapshot = (await node.app.inject({ url: `/api/admin/sessions/${sessionId}/live`, headers: admin })).json();
          return snapshot.views === 4 && snapshot.attempts.reserved === 4 && snapshot.attempts.sold_out === 2;
        },
        5_000,
      );
    }
    // Counting never waits for Redis: the deltas reach it on the next flush.
    await Promise.all([a.services.live.counters.flush(), b.services.live.counters.flush()]);
    const stored = await a.services.scaled!.redis.hgetall(`${a.services.scaled!.settings.prefix}live:{session:${sessionId}}`);
    expect(stored).toMatchObject({ views: '4', 'attempt:reserved': '4', 'attempt:sold_out': '2' });
  });

  it('add a batch whose reply was lost once, and keep a failed one for the next flush', async () => {
    const redis = a.services.scaled!.redis.duplicate();
    const prefix = `${a.services.scaled!.settings.prefix}lost-reply:`;
    const counters = new LiveCounters({ redis, prefix });
    const commands = redis as unknown as { miaoshaAddCounts: (...args: unknown[]) => Promise<number> };
    const add = commands.miaoshaAddCounts.bind(redis);
    let fault: 'reply lost' | 'not sent' | null = 'reply lost';
    commands.miaoshaAddCounts = async (...args) => {
      if (fault === 'not sent') throw new Error('Connection is closed.');
      const added = await add(...args);
      if (fault === 'reply lost') throw new Error('Connection is closed.');
      return added;
    };
    try {
      counters.count('1', 'views', 2);
      await counters.flush(); // landed, but this node cannot know
      expect(await counters.read('1')).toEqual({ views: 2 });
      counters.count('1', 'views', 1);
      fault = 'not sent';
      await counters.flush();
      expect(await counters.read('1')).toEqual({ views: 3 });
      fault = null;
      await counters.flush(); // the first batch again: added before, not again
      await counters.flush(); // then the count made meanwhile
      expect(await redis.hgetall(`${prefix}live:{session:1}`)).toEqual({ views: '3' });
      expect(await counters.read('1')).toEqual({ views: 3 });
    } finally {
      await counters.close();
      redis.disconnect();
    }
  });
});
