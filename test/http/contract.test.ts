import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ShopperApi, expectError, phonePrefixes, startHttpSuite } from '../support/api.js';
import { type TestPlatform, backends } from '../support/platform.js';
import { openEvents } from '../support/sse.js';
import { Operator, bearer } from '../support/shop.js';

const iso = (ms: number) => new Date(ms).toISOString();
const hour = 3_600_000;

describe.each(backends)('public HTTP contract on %s', (backend) => {
  let t: TestPlatform;
  let app: FastifyInstance;
  let op: Operator;
  let api: ShopperApi;
  const prefix = phonePrefixes(150);

  beforeAll(async () => ({ t, app, op, api } = await startHttpSuite(backend)));
  afterAll(() => t?.close());

  const admin = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: t.admin, ...(payload === undefined ? {} : { payload: payload as object }) });

  async function campaign(fields: Record<string, unknown> = {}): Promise<string> {
    const now = Date.now();
    const res = await admin('POST', '/api/admin/campaigns', {
      name: 'Double 11',
      type: 'big-promotion',
      startsAt: iso(now - 24 * hour),
      endsAt: iso(now + 24 * hour),
      ...fields,
    });
    expect(res.statusCode).toBe(201);
    return res.json().id;
  }

  describe('system routes', () => {
    it('GET /healthz says ok and which deployment answers', async () => {
      const res = await app.inject({ url: '/healthz' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok', deployment: { pglite: 'embedded', postgres: 'server-db', redis: 'scaled', cluster: 'scaled' }[backend] });
    });

    it('GET /openapi.json is an OpenAPI 3 document listing the contract paths', async () => {
      const res = await app.inject({ url: '/openapi.json' });
      expect(res.statusCode).toBe(200);
      const doc = res.json();
      expect(doc.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/healthz',
          '/api/admin/users/bulk',
          '/api/admin/campaigns',
          '/api/admin/campaigns/{id}/sessions',
          '/api/admin/sessions/{id}/items',
          '/api/admin/items/{id}',
          '/api/admin/sessions/{id}/stats',
          '/api/campaigns/{id}',
          '/api/sessions/{id}',
          '/api/sessions/{id}/events',
          '/api/sessions/{sessionId}/items/{itemId}/reservations',
          '/api/orders',
          '/api/orders/{id}',
          '/api/orders/{id}/payments',
          '/api/orders/{id}/cancel',
        ]),
      );
      const reserve = doc.paths['/api/sessions/{sessionId}/items/{itemId}/reservations'].post;
      expect(Object.keys(reserve.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '409', '422', '429']));
    });

    it('GET /docs answers with the API documentation page', async () => {
      const res = await app.inject({ url: '/docs' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
    });

    it('GET /api/time gives the server clock', async () => {
      const before = Date.now();
      const res = await app.inject({ url: '/api/time' });
      expect(res.statusCode).toBe(200);
      const { serverTime, epochMs } = res.json();
      expect(epochMs).toBeGreaterThanOrEqual(before);
      expect(epochMs).toBeLessThanOrEqual(Date.now());
      // The route reads the clock twice (src/http/routes/sessions.ts), so the two may straddle a millisecond;
      // with a frozen clock they must be equal (see clock.test.ts).
      expect(Math.abs(Date.parse(serverTime) - epochMs)).toBeLessThanOrEqual(1);
    });

    it('an unknown route answers 404 NOT_FOUND in the error shape', async () => {
      expectError(await app.inject({ url: '/api/nothing-here' }), 404, 'NOT_FOUND');
    });

    it('GET /metrics counts requests and shows live stock per item', async () => {
      const [shopper] = await op.shoppers(1, {}, prefix());
      const { sessionId } = await op.session();
      const itemId = await op.item(sessionId, { stock: 7 });
      await api.reserved(shopper.token, sessionId, itemId, 'metrics-1');

      const res = await app.inject({ url: '/metrics' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/plain/);
      expect(res.body).toMatch(
        /miaosha_http_requests_total\{method="POST",route="\/api\/sessions\/:sessionId\/items\/:itemId\/reservations",status="201"\} [1-9]/,
      );
      expect(res.body).toContain(`miaosha_item_stock{item="${itemId}"} 6`);
    });
  });

  describe('admin: shoppers', () => {
    it('creates shoppers and issues tokens that carry their claims', async () => {
      const p = prefix();
      const res = await admin('POST', '/api/admin/users/bulk', {
        users: [
          { phone: `${p}00000001` },
          { phone: `${p}00000002`, tier: 'vip', region: 'CN-31', realNameVerified: true },
        ],
      });
      expect(res.statusCode).toBe(201);
      const { users } = res.json();
      expect(users).toHaveLength(2);
      expect(users[0].id).not.toBe(users[1].id);
      for (const u of users) expect(u).toEqual({ id: expect.stringMatching(/^[1-9][0-9]*$/), token: expect.any(String) });
      const tokens = t.platform.services.tokens;
      expect(tokens.verify(users[0].token)).toEqual({ id: users[0].id, tier: 'regular', region: null, realNameVerified: false });
      expect(tokens.verify(users[1].token)).toEqual({ id: users[1].id, tier: 'vip', region: 'CN-31', realNameVerified: true });
      // The token opens the shopper's own routes.
      const orders = await api.orders(users[1].token);
      expect(orders.statusCode).toBe(200);
      expect(orders.json()).toEqual({ orders: [] });
    });

    it('creates 1,000 shoppers in one call', async () => {
      const p = prefix();
      const users = Array.from({ length: 1000 }, (_, i) => ({ phone: `${p}${String(i).padStart(8, '0')}` }));
      const res = await admin('POST', '/api/admin/users/bulk', { users });
      expect(res.statusCode).toBe(201);
      expect(new Set(res.json().users.map((u: { id: string }) => u.id)).size).toBe(1000);
    });

    it('refuses a phone already registered with 409 DUPLICATE_PHONE and creates nobody from that call', async () => {
      const p = prefix();
      await op.shoppers(1, {}, p);
      const res = await admin('POST', '/api/admin/users/bulk', { users: [{ phone: `${p}00000001` }, { phone: `${p}00000000` }] });
      expectError(res, 409, 'DUPLICATE_PHONE');
      // The other phone of the refused call is still free.
      const again = await admin('POST', '/api/admin/users/bulk', { users: [{ phone: `${p}00000001` }] });
      expect(again.statusCode).toBe(201);
    });

    it('refuses the same phone twice in one call with 409 DUPLICATE_PHONE', async () => {
      const p = prefix();
      const res = await admin('POST', '/api/admin/users/bulk', { users: [{ phone: `${p}00000005` }, { phone: `${p}00000005` }] });
      expectError(res, 409, 'DUPLICATE_PHONE');
    });

    it('refuses more than 5,000 shoppers in one call with 400', async () => {
      const p = prefix();
      const users = Array.from({ length: 5001 }, (_, i) => ({ phone: `${p}${String(i).padStart(8, '0')}` }));
      expectError(await admin('POST', '/api/admin/users/bulk', { users }), 400, 'INVALID_REQUEST');
    });

    it('refuses a body over 1 MB with 400, not 500', async () => {
      const payload = JSON.stringify({ users: [{ phone: '13300000000' }], padding: 'x'.repeat(1024 * 1024) });
      const res = await app.inject({ method: 'POST', url: '/api/admin/users/bulk', headers: { ...t.admin, 'content-type': 'application/json' }, payload });
      expectError(res, 400, 'INVALID_REQUEST');
      expect(res.json().error.message).toMatch(/too large/i);
    });

    it.each([
      ['no users', { users: [] }],
      ['a phone that is not a number', { users: [{ phone: 'call-me' }] }],
      ['an unknown tier', { users: [{ phone: '18800000001', tier: 'diamond' }] }],
      ['a region that is not ISO 3166-2', { users: [{ phone: '18800000001', region: 'Shanghai' }] }],
      ['an unknown field', { users: [{ phone: '18800000001', password: 'x' }] }],
      ['no body', undefined],
    ])('refuses %s with 400 INVALID_REQUEST', async (_name, payload) => {
      expectError(await admin('POST', '/api/admin/users/bulk', payload), 400, 'INVALID_REQUEST');
    });
  });

  describe('admin: campaigns, sessions, items', () => {
    it('plans a campaign, and anyone can read it with its sessions', async () => {
      const now = Date.now();
      const res = await admin('POST', '/api/admin/campaigns', {
        name: 'Member day',
        type: 'member-day',
        startsAt: iso(now - hour),
        endsAt: iso(now + 5 * hour),
      });
      expect(res.statusCode).toBe(201);
      const id = res.json().id;
      expect(id).toMatch(/^[1-9][0-9]*$/);

      const s1 = await admin('POST', `/api/admin/campaigns/${id}/sessions`, { startsAt: iso(now + hour), endsAt: iso(now + 2 * hour) });
      const s0 = await admin('POST', `/api/admin/campaigns/${id}/sessions`, { startsAt: iso(now - hour), endsAt: iso(now + hour) });
      expect([s0.statusCode, s1.statusCode]).toEqual([201, 201]);

      const read = await app.inject({ url: `/api/campaigns/${id}` });
      expect(read.statusCode).toBe(200);
      expect(read.json()).toEqual({
        id,
        name: 'Member day',
        type: 'member-day',
        startsAt: iso(now - hour),
        endsAt: iso(now + 5 * hour),
        // Sessions in time order, each with its state by the server clock.
        sessions: [
          { id: s0.json().id, startsAt: iso(now - hour), endsAt: iso(now + hour), state: 'live' },
          { id: s1.json().id, startsAt: iso(now + hour), endsAt: iso(now + 2 * hour), state: 'upcoming' },
        ],
      });
      const viaAdmin = await admin('GET', `/api/admin/campaigns/${id}`);
      expect(viaAdmin.statusCode).toBe(200);
      expect(viaAdmin.json()).toEqual(read.json());

      const all = await app.inject({ url: '/api/campaigns' });
      expect(all.statusCode).toBe(200);
      expect(all.json().campaigns.map((c: { id: string }) => c.id)).toContain(id);
    });

    it('accepts times with a UTC offset and answers in UTC', async () => {
      const res = await admin('POST', '/api/admin/campaigns', {
        name: 'Beijing time',
        type: 'new-product',
        startsAt: '2030-11-11T00:00:00+08:00',
        endsAt: '2030-11-12T00:00:00+08:00',
      });
      expect(res.statusCode).toBe(201);
      const read = (await app.inject({ url: `/api/campaigns/${res.json().id}` })).json();
      expect(read).toMatchObject({ startsAt: '2030-11-10T16:00:00.000Z', endsAt: '2030-11-11T16:00:00.000Z' });
    });

    it.each(['big-promotion', 'member-day', 'new-product', 'clearance'])('accepts campaign type %s', async (type) => {
      await campaign({ type });
    });

    it('refuses a campaign that ends before it starts, or when it starts, with 400', async () => {
      const now = Date.now();
      const base = { name: 'Backwards', type: 'clearance' };
      expectError(await admin('POST', '/api/admin/campaigns', { ...base, startsAt: iso(now + hour), endsAt: iso(now) }), 400, 'INVALID_REQUEST');
      expectError(await admin('POST', '/api/admin/campaigns', { ...base, startsAt: iso(now), endsAt: iso(now) }), 400, 'INVALID_REQUEST');
    });

    it.each([
      ['an unknown type', { type: 'black-friday' }],
      ['an empty name', { name: '   ' }],
      ['a time that is not ISO-8601', { startsAt: 'tomorrow' }],
      ['an unknown field', { budget: 100 }],
    ])('refuses a campaign with %s with 400', async (_name, fields) => {
      const now = Date.now();
      const res = await admin('POST', '/api/admin/campaigns', {
        name: 'x',
        type: 'clearance',
        startsAt: iso(now),
        endsAt: iso(now + hour),
        ...fields,
      });
      expectError(res, 400, 'INVALID_REQUEST');
    });

    it('answers 404 for an unknown campaign, and 400 for an id that is not one', async () => {
      expectError(await app.inject({ url: '/api/campaigns/987654321' }), 404, 'NOT_FOUND');
      expectError(await admin('GET', '/api/admin/campaigns/987654321'), 404, 'NOT_FOUND');
      expectError(await app.inject({ url: '/api/campaigns/abc' }), 400, 'INVALID_REQUEST');
    });

    it('refuses a session outside its campaign with 400', async () => {
      const now = Date.now();
      const id = await campaign({ startsAt: iso(now), endsAt: iso(now + 2 * hour) });
      const url = `/api/admin/campaigns/${id}/sessions`;
      expectError(await admin('POST', url, { startsAt: iso(now - 1), endsAt: iso(now + hour) }), 400, 'INVALID_REQUEST');
      expectError(await admin('POST', url, { startsAt: iso(now + hour), endsAt: iso(now + 2 * hour + 1) }), 400, 'INVALID_REQUEST');
      // Exactly the campaign's span is inside it.
      expect((await admin('POST', url, { startsAt: iso(now), endsAt: iso(now + 2 * hour) })).statusCode).toBe(201);
    });

    it('refuses a session that ends before it starts, or with a payment window under 30 s, with 400', async () => {
      const now = Date.now();
      const url = `/api/admin/campaigns/${await campaign()}/sessions`;
      expectError(await admin('POST', url, { startsAt: iso(now + hour), endsAt: iso(now) }), 400, 'INVALID_REQUEST');
      expectError(await admin('POST', url, { startsAt: iso(now), endsAt: iso(now + hour), paymentWindowSeconds: 10 }), 400, 'INVALID_REQUEST');
    });

    it('refuses a session for an unknown campaign with 404', async () => {
      const now = Date.now();
      const res = await admin('POST', '/api/admin/campaigns/987654321/sessions', { startsAt: iso(now), endsAt: iso(now + hour) });
      expectError(res, 404, 'NOT_FOUND');
    });

    it('puts an item on sale: the session shows it with its stock and rules', async () => {
      const { sessionId } = await op.session({ paymentWindowSeconds: 600 });
      const eligibility = { tiers: ['gold', 'vip'], regionsAllowed: ['CN'] };
      const res = await admin('POST', `/api/admin/sessions/${sessionId}/items`, {
        title: 'Moutai 53%',
        originalPrice: 149_900,
        flashPrice: 99_900,
        stock: 25,
        perUserLimit: 2,
        sku: 'moutai-500ml',
        eligibility,
      });
      expect(res.statusCode).toBe(201);
      const itemId = res.json().id;
      const session = await api.session(sessionId);
      expect(session.paymentWindowSeconds).toBe(600);
      expect(session.items).toEqual([
        {
          id: itemId,
          sessionId,
          title: 'Moutai 53%',
          originalPrice: 149_900,
          flashPrice: 99_900,
          initialStock: 25,
          stock: 25,
          soldOut: false,
          perUserLimit: 2,
          sku: 'moutai-500ml',
          paused: false,
          eligibility,
        },
      ]);
    });

    it.each([
      ['a flash price equal to the original price', { flashPrice: 799_900 }],
      ['a flash price above the original price', { flashPrice: 900_000 }],
      ['no stock', { stock: 0 }],
      ['a per-user limit of 0', { perUserLimit: 0 }],
      ['a price in yuan with decimals', { flashPrice: 99.5 }],
      ['a negative price', { flashPrice: -1 }],
      ['an unknown eligibility rule', { eligibility: { vipOnly: true } }],
      ['a tier that does not exist', { eligibility: { tiers: ['diamond'] } }],
    ])('refuses an item with %s with 400', async (_name, fields) => {
      const { sessionId } = await op.session();
      const res = await admin('POST', `/api/admin/sessions/${sessionId}/items`, {
        title: 'Phone 16 Pro',
        originalPrice: 799_900,
        flashPrice: 100,
        stock: 10,
        perUserLimit: 1,
        ...fields,
      });
      expectError(res, 400, 'INVALID_REQUEST');
      expect((await api.session(sessionId)).items).toEqual([]);
    });

    it('refuses an item for an unknown session with 404', async () => {
      const res = await admin('POST', '/api/admin/sessions/987654321/items', {
        title: 'x',
        originalPrice: 200,
        flashPrice: 100,
        stock: 1,
        perUserLimit: 1,
      });
      expectError(res, 404, 'NOT_FOUND');
    });

    it('refuses an item for a session that has ended with 409 ENDED', async () => {
      const { sessionId } = await op.session({ startsIn: -2 * hour, lasts: hour });
      const res = await admin('POST', `/api/admin/sessions/${sessionId}/items`, {
        title: 'Too late',
        originalPrice: 200,
        flashPrice: 100,
        stock: 1,
        perUserLimit: 1,
      });
      expectError(res, 409, 'ENDED');
    });

    it('pauses and resumes an item; an unknown item is 404', async () => {
      const { sessionId } = await op.session();
      const itemId = await op.item(sessionId);
      const paused = await admin('PATCH', `/api/admin/items/${itemId}`, { paused: true });
      expect(paused.statusCode).toBe(200);
      // The answer is the item as the session view shows it; {id, paused} is part of it.
      expect(paused.json()).toMatchObject({ id: itemId, sessionId, paused: true, stock: 10 });
      expect((await api.session(sessionId)).items[0].paused).toBe(true);
      const resumed = await admin('PATCH', `/api/admin/items/${itemId}`, { paused: false });
      expect(resumed.json()).toMatchObject({ id: itemId, paused: false });
      expect((await api.session(sessionId)).items[0].paused).toBe(false);

      expectError(await admin('PATCH', '/api/admin/items/987654321', { paused: true }), 404, 'NOT_FOUND');
      expectError(await admin('PATCH', `/api/admin/items/${itemId}`, { paused: 'yes' }), 400, 'INVALID_REQUEST');
    });

    it('GET /api/admin/sessions/:id shows the session; unknown sessions are 404', async () => {
      const { sessionId } = await op.session();
      const res = await admin('GET', `/api/admin/sessions/${sessionId}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: sessionId, state: 'live' });
      expectError(await admin('GET', '/api/admin/sessions/987654321'), 404, 'NOT_FOUND');
      expectError(await admin('GET', '/api/admin/sessions/987654321/stats'), 404, 'NOT_FOUND');
    });
  });

  describe('admin: orders after payment', () => {
    /** A live item and `count` shoppers who each hold one paid order (2500 cents). */
    async function paidOrders(count: number) {
      const shoppers = await op.shoppers(count, {}, prefix());
      const { sessionId } = await op.session();
      const itemId = await op.item(sessionId, { stock: 10, flashPrice: 2500 });
      const orderIds: string[] = [];
      for (const [i, s] of shoppers.entries()) {
        const id = await api.reserved(s.token, sessionId, itemId, `paid-${i}`);
        expect((await api.pay(s.token, id)).json().status).toBe('paid');
        orderIds.push(id);
      }
      return { shoppers, sessionId, itemId, orderIds };
    }
    const move = (orderId: string, to: 'ship' | 'complete' | 'refund') => admin('POST', `/api/admin/orders/${orderId}/${to}`, {});

    it('ships and completes a paid order; the shopper sees each step; repeats answer the same', async () => {
      const { shoppers, orderIds } = await paidOrders(1);
      const [id] = orderIds;
      expectError(await move(id, 'complete'), 409, 'ORDER_STATE_CONFLICT');
      const shipped = await move(id, 'ship');
      expect(shipped.statusCode).toBe(200);
      expect(shipped.json()).toMatchObject({ id, userId: shoppers[0].id, status: 'shipped', amount: 2500 });
      expect((await move(id, 'ship')).json().status).toBe('shipped');
      expect((await api.order(shoppers[0].token, id)).json().status).toBe('shipped');
      expect((await move(id, 'complete')).json().status).toBe('completed');
      expect((await api.order(shoppers[0].token, id)).json().status).toBe('completed');
      expectError(await move(id, 'refund'), 409, 'ORDER_STATE_CONFLICT');
    });

    it('refunds a paid order through its channel; the money goes back and the unit stays sold', async () => {
      const { shoppers, sessionId, itemId, orderIds } = await paidOrders(1);
      const [id] = orderIds;
      const charged = () => t.platform.services.paymentChannels.reduce((sum, c) => sum + c.netCharged(id), 0);
      expect(charged()).toBe(2500);
      const refunded = await move(id, 'refund');
      expect(refunded.statusCode).toBe(200);
      expect(refunded.json().status).toBe('refunded');
      expect(charged()).toBe(0);
      expect((await move(id, 'refund')).json().status).toBe('refunded');
      expect(charged()).toBe(0);
      expect((await api.order(shoppers[0].token, id)).json().status).toBe('refunded');
      expectError(await move(id, 'ship'), 409, 'ORDER_STATE_CONFLICT');
      expect(await api.stock(sessionId, itemId)).toBe(9);
    });

    it('refuses to ship or refund an order that is not paid with 409 ORDER_STATE_CONFLICT', async () => {
      const [shopper] = await op.shoppers(1, {}, prefix());
      const { sessionId } = await op.session();
      const itemId = await op.item(sessionId);
      const id = await api.reserved(shopper.token, sessionId, itemId, 'unpaid');
      expectError(await move(id, 'ship'), 409, 'ORDER_STATE_CONFLICT');
      expectError(await move(id, 'refund'), 409, 'ORDER_STATE_CONFLICT');
      expect((await api.order(shopper.token, id)).json().status).toBe('reserved');
    });

    it('moves an order with no body at all (the body is optional)', async () => {
      const { orderIds } = await paidOrders(1);
      const res = await app.inject({ method: 'POST', url: `/api/admin/orders/${orderIds[0]}/ship`, headers: t.admin });
      expect(res.statusCode).toBe(200);
      expect(res.json().status).toBe('shipped');
    });

    it('answers 404 for order ids that do not exist, including ones beyond a bigint, never 500', async () => {
      for (const id of ['987654321', '0', '9223372036854775808', '9999999999999999999']) {
        for (const to of ['ship', 'complete', 'refund'] as const) expectError(await move(id, to), 404, 'NOT_FOUND');
      }
      expectError(await move('abc', 'ship'), 400, 'INVALID_REQUEST');
    });

    it('lists a session’s orders newest first, by status, page by page', async () => {
      const { shoppers, sessionId, orderIds } = await paidOrders(3);
      await move(orderIds[1], 'ship');
      const list = async (query = '') => {
        const res = await admin('GET', `/api/admin/sessions/${sessionId}/orders${query}`);
        expect(res.statusCode).toBe(200);
        return res.json().orders;
      };
      const all = await list();
      expect(all.map((o: { id: string }) => o.id)).toEqual([...orderIds].reverse());
      expect(all[0]).toEqual({
        id: orderIds[2],
        userId: shoppers[2].id,
        itemId: expect.any(String),
        quantity: 1,
        amount: 2500,
        status: 'paid',
        createdAt: expect.any(String),
        paidAt: expect.any(String),
      });
      expect((await list('?status=shipped')).map((o: { id: string }) => o.id)).toEqual([orderIds[1]]);
      expect((await list('?limit=1')).map((o: { id: string }) => o.id)).toEqual([orderIds[2]]);
      expect((await list(`?limit=1&before=${orderIds[2]}`)).map((o: { id: string }) => o.id)).toEqual([orderIds[1]]);
      expectError(await admin('GET', `/api/admin/sessions/${sessionId}/orders?status=lost`), 400, 'INVALID_REQUEST');
      expectError(await admin('GET', '/api/admin/sessions/987654321/orders'), 404, 'NOT_FOUND');
    });

    it('answers a page cursor beyond a bigint without a 500', async () => {
      const { sessionId, orderIds } = await paidOrders(1);
      const res = await admin('GET', `/api/admin/sessions/${sessionId}/orders?before=9999999999999999999`);
      expect(res.statusCode).not.toBe(500);
      if (res.statusCode === 200) expect(res.json().orders.map((o: { id: string }) => o.id)).toEqual(orderIds);
      else expectError(res, 400, 'INVALID_REQUEST');
    });

    it('stats count shipped and refunded units', async () => {
      const { sessionId, orderIds } = await paidOrders(3);
      await move(orderIds[0], 'ship');
      await move(orderIds[1], 'refund');
      const stats = (await admin('GET', `/api/admin/sessions/${sessionId}/stats`)).json();
      expect(stats.items[0]).toMatchObject({ stock: 7, paid: 1, shipped: 1, refunded: 1, reserved: 0, cancelled: 0 });
    });
  });

  describe('admin routes are for the operator only', () => {
    const routes: [method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object][] = [
      ['POST', '/api/admin/users/bulk', { users: [{ phone: '18600000001' }] }],
      ['POST', '/api/admin/campaigns', { name: 'x', type: 'clearance', startsAt: iso(0), endsAt: iso(hour) }],
      ['GET', '/api/admin/campaigns/1'],
      ['POST', '/api/admin/campaigns/1/sessions', { startsAt: iso(0), endsAt: iso(hour) }],
      ['POST', '/api/admin/sessions/1/items', { title: 'x', originalPrice: 2, flashPrice: 1, stock: 1, perUserLimit: 1 }],
      ['PATCH', '/api/admin/items/1', { paused: true }],
      ['GET', '/api/admin/sessions/1'],
      ['GET', '/api/admin/sessions/1/stats'],
      ['GET', '/api/admin/sessions/1/orders'],
      ['POST', '/api/admin/orders/1/ship', {}],
      ['POST', '/api/admin/orders/1/complete', {}],
      ['POST', '/api/admin/orders/1/refund', {}],
    ];

    it.each(routes)('%s %s without a token → 401 UNAUTHORIZED', async (method, url, payload) => {
      expectError(await app.inject({ method, url, ...(payload ? { payload } : {}) }), 401, 'UNAUTHORIZED');
      const basic = await app.inject({ method, url, headers: { authorization: 'Basic dGVzdA==' }, ...(payload ? { payload } : {}) });
      expectError(basic, 401, 'UNAUTHORIZED');
    });

    it.each(routes)('%s %s with a shopper token or a wrong token → 403 FORBIDDEN', async (method, url, payload) => {
      const [shopper] = await op.shoppers(1, { tier: 'vip' }, prefix());
      expectError(await app.inject({ method, url, headers: bearer(shopper.token), ...(payload ? { payload } : {}) }), 403, 'FORBIDDEN');
      expectError(await app.inject({ method, url, headers: bearer('test-operator-tokem'), ...(payload ? { payload } : {}) }), 403, 'FORBIDDEN');
    });

    it('a refused operator call changes nothing', async () => {
      const [shopper] = await op.shoppers(1, {}, prefix());
      const p = prefix();
      const res = await app.inject({
        method: 'POST',
        url: '/api/admin/users/bulk',
        headers: bearer(shopper.token),
        payload: { users: [{ phone: `${p}00000000` }] },
      });
      expect(res.statusCode).toBe(403);
      // The phone was not registered by the refused call.
      expect((await admin('POST', '/api/admin/users/bulk', { users: [{ phone: `${p}00000000` }] })).statusCode).toBe(201);
    });
  });

  describe('GET /api/sessions/:id', () => {
    it('shows state, the server clock and live stock', async () => {
      const [a, b] = await op.shoppers(2, {}, prefix());
      const { sessionId, campaignId } = await op.session();
      const itemId = await op.item(sessionId, { stock: 2 });
      const before = Date.now();
      let session = await api.session(sessionId);
      expect(session).toMatchObject({ id: sessionId, campaignId, state: 'live', paymentWindowSeconds: 900 });
      expect(Date.parse(session.serverTime)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(session.serverTime)).toBeLessThanOrEqual(Date.now());
      expect(session.items[0]).toMatchObject({ id: itemId, stock: 2, initialStock: 2, soldOut: false });

      await api.reserved(a.token, sessionId, itemId, 'live-1');
      session = await api.session(sessionId);
      expect(session.items[0]).toMatchObject({ stock: 1, initialStock: 2, soldOut: false });
      await api.reserved(b.token, sessionId, itemId, 'live-2');
      session = await api.session(sessionId);
      expect(session.items[0]).toMatchObject({ stock: 0, soldOut: true });
    });

    it('says upcoming before the start and ended after the end', async () => {
      const upcoming = await op.session({ startsIn: hour });
      expect((await api.session(upcoming.sessionId)).state).toBe('upcoming');
      const ended = await op.session({ startsIn: -2 * hour, lasts: hour });
      expect((await api.session(ended.sessionId)).state).toBe('ended');
    });

    it('answers 404 for an unknown session and 400 for a malformed id', async () => {
      expectError(await app.inject({ url: '/api/sessions/987654321' }), 404, 'NOT_FOUND');
      expectError(await app.inject({ url: '/api/sessions/987654321/events' }), 404, 'NOT_FOUND');
      expectError(await app.inject({ url: '/api/sessions/0' }), 400, 'INVALID_REQUEST');
      expectError(await app.inject({ url: '/api/sessions/one' }), 400, 'INVALID_REQUEST');
    });
  });

  describe('GET /api/sessions/:id/events (server-sent events)', () => {
    it('sends a snapshot first, then the new stock after a reservation', async () => {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const [shopper] = await op.shoppers(1, {}, prefix());
      const { sessionId } = await op.session();
      const itemId = await op.item(sessionId, { stock: 5, perUserLimit: 2 });

      const events = await openEvents(`${base}/api/sessions/${sessionId}/events`, {}, 10_000);
      try {
        expect(events.status).toBe(200);
        expect(events.contentType).toMatch(/^text\/event-stream/);
        const first = await events.next();
        expect(first.event).toBe('snapshot');
        expect(first.data).toMatchObject({ id: sessionId, state: 'live', items: [{ id: itemId, stock: 5, soldOut: false }] });

        await api.reserved(shopper.token, sessionId, itemId, 'sse-1', 2);
        let next = await events.next();
        while (next.event === 'heartbeat') next = await events.next();
        expect(next).toEqual({ event: 'stock', data: { sessionId, items: [{ id: itemId, stock: 3, soldOut: false }] } });
      } finally {
        await events.close();
      }
    });
  });
});
