import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/platform.js';
import { ShopperApi, expectError, phonePrefixes, startHttpSuite } from '../support/api.js';
import { type TestPlatform, backends, scaledBackends, startScaledNodes } from '../support/platform.js';
import { until } from '../support/sse.js';
import { Operator, bearer } from '../support/shop.js';

const minute = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(backends)('operator planning routes on %s', (backend) => {
  let t: TestPlatform;
  let app: FastifyInstance;
  let op: Operator;
  let api: ShopperApi;
  const prefix = phonePrefixes(170);

  beforeAll(async () => ({ t, app, op, api } = await startHttpSuite(backend)));
  afterAll(() => t?.close());

  const patch = (url: string, payload: unknown) => app.inject({ method: 'PATCH', url, headers: t.admin, payload: payload as object });

  it('GET /api/admin/me checks the operator token: 200, 401 without one, 403 with a wrong one', async () => {
    const res = await app.inject({ url: '/api/admin/me', headers: t.admin });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ role: 'operator' });
    expectError(await app.inject({ url: '/api/admin/me' }), 401, 'UNAUTHORIZED');
    expectError(await app.inject({ url: '/api/admin/me', headers: bearer('not-the-token') }), 403, 'FORBIDDEN');
  });

  it('GET /api/admin/campaigns lists every campaign with its sessions', async () => {
    const { campaignId, sessionId } = await op.session({ startsIn: 10 * minute });
    const res = await app.inject({ url: '/api/admin/campaigns', headers: t.admin });
    expect(res.statusCode).toBe(200);
    const campaign = res.json().campaigns.find((c: { id: string }) => c.id === campaignId);
    expect(campaign).toMatchObject({ id: campaignId, type: 'big-promotion', sessions: [{ id: sessionId, state: 'upcoming' }] });
    expectError(await app.inject({ url: '/api/admin/campaigns' }), 401, 'UNAUTHORIZED');
  });

  describe('PATCH /api/admin/sessions/:id', () => {
    it('moves an upcoming session and changes its payment window; answers the session view', async () => {
      const { sessionId } = await op.session({ startsIn: 10 * minute });
      const startsAt = Date.now() + 20 * minute;
      const res = await patch(`/api/admin/sessions/${sessionId}`, { startsAt: iso(startsAt), endsAt: iso(startsAt + 30 * minute), paymentWindowSeconds: 120 });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: sessionId, startsAt: iso(startsAt), endsAt: iso(startsAt + 30 * minute), paymentWindowSeconds: 120, state: 'upcoming', items: [] });
      expect(await api.session(sessionId)).toMatchObject({ startsAt: iso(startsAt), paymentWindowSeconds: 120 });
      // A field left out keeps its value.
      const moved = await patch(`/api/admin/sessions/${sessionId}`, { paymentWindowSeconds: 60 });
      expect(moved.json()).toMatchObject({ startsAt: iso(startsAt), paymentWindowSeconds: 60 });
    });

    it('refuses what create refuses with 400: end before start, outside the campaign, bad fields', async () => {
      const { sessionId } = await op.session({ startsIn: 10 * minute });
      const session = await api.session(sessionId);
      expectError(await patch(`/api/admin/sessions/${sessionId}`, { endsAt: session.startsAt }), 400, 'INVALID_REQUEST');
      expectError(await patch(`/api/admin/sessions/${sessionId}`, { endsAt: iso(Date.now() + 10 * 86_400_000) }), 400, 'INVALID_REQUEST');
      expectError(await patch(`/api/admin/sessions/${sessionId}`, { paymentWindowSeconds: 5 }), 400, 'INVALID_REQUEST');
      expectError(await patch(`/api/admin/sessions/${sessionId}`, { startsAt: 'soon' }), 400, 'INVALID_REQUEST');
      expectError(await patch(`/api/admin/sessions/${sessionId}`, { name: 'x' }), 400, 'INVALID_REQUEST');
      expectError(await patch('/api/admin/sessions/abc', {}), 400, 'INVALID_REQUEST');
      expectError(await patch('/api/admin/sessions/987654321', {}), 404, 'NOT_FOUND');
    });

    it('refuses to change a live or ended session with 409 SESSION_LOCKED', async () => {
      const live = await op.session();
      expectError(await patch(`/api/admin/sessions/${live.sessionId}`, { paymentWindowSeconds: 60 }), 409, 'SESSION_LOCKED');
      const ended = await op.session({ startsIn: -2 * minute, lasts: minute });
      expectError(await patch(`/api/admin/sessions/${ended.sessionId}`, { endsAt: iso(Date.now() + minute) }), 409, 'SESSION_LOCKED');
    });
  });

  describe('PATCH /api/admin/items/:id', () => {
    it('changes an item of an upcoming session and answers the item view', async () => {
      const { sessionId } = await op.session({ startsIn: 10 * minute });
      const itemId = await op.item(sessionId);
      const res = await patch(`/api/admin/items/${itemId}`, {
        title: 'Phone 16 Pro Max',
        originalPrice: 899_900,
        flashPrice: 499_900,
        perUserLimit: 2,
        eligibility: { tiers: ['gold', 'vip'] },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        id: itemId,
        sessionId,
        title: 'Phone 16 Pro Max',
        originalPrice: 899_900,
        flashPrice: 499_900,
        initialStock: 10,
        stock: 10,
        soldOut: false,
        perUserLimit: 2,
        sku: null,
        paused: false,
        eligibility: { tiers: ['gold', 'vip'] },
      });
      expect((await api.session(sessionId)).items[0]).toEqual(res.json());
    });

    it('refuses a flash price not below the original price with 400, and bad fields', async () => {
      const { sessionId } = await op.session({ startsIn: 10 * minute });
      const itemId = await op.item(sessionId, { originalPrice: 1000, flashPrice: 500 });
      expectError(await patch(`/api/admin/items/${itemId}`, { flashPrice: 1000 }), 400, 'INVALID_REQUEST');
      expectError(await patch(`/api/admin/items/${itemId}`, { originalPrice: 400 }), 400, 'INVALID_REQUEST');
      expectError(await patch(`/api/admin/items/${itemId}`, { stock: 0 }), 400, 'INVALID_REQUEST');
      expectError(await patch(`/api/admin/items/${itemId}`, { sku: 'A-1' }), 400, 'INVALID_REQUEST');
      expectError(await patch(`/api/admin/items/${itemId}`, { eligibility: { tiers: ['platinum'] } }), 400, 'INVALID_REQUEST');
      expect((await api.session(sessionId)).items[0]).toMatchObject({ originalPrice: 1000, flashPrice: 500, stock: 10 });
    });

    it('pauses an item of a live session, but refuses any other change with 409 SESSION_LOCKED', async () => {
      const { sessionId } = await op.session();
      const itemId = await op.item(sessionId);
      expectError(await patch(`/api/admin/items/${itemId}`, { title: 'Renamed' }), 409, 'SESSION_LOCKED');
      expectError(await patch(`/api/admin/items/${itemId}`, { stock: 100, paused: true }), 409, 'SESSION_LOCKED');
      const paused = await patch(`/api/admin/items/${itemId}`, { paused: true });
      expect(paused.statusCode).toBe(200);
      expect(paused.json()).toMatchObject({ id: itemId, paused: true, title: 'Phone 16 Pro', stock: 10 });
    });

    it('locks an upcoming session once a priority window lets someone buy', async () => {
      const { sessionId } = await op.session({ startsIn: 5 * minute });
      const itemId = await op.item(sessionId, { eligibility: { priorityWindow: { minTier: 'vip', minutes: 10 } } });
      expectError(await patch(`/api/admin/items/${itemId}`, { stock: 3 }), 409, 'SESSION_LOCKED');
      expectError(await patch(`/api/admin/sessions/${sessionId}`, { paymentWindowSeconds: 60 }), 409, 'SESSION_LOCKED');
    });

    it('a new stock replaces the units on sale: the session shows it and exactly that many sell', async () => {
      const shoppers = await op.shoppers(8, {}, prefix());
      const { sessionId } = await op.session({ startsIn: 10 * minute });
      const itemId = await op.item(sessionId, { stock: 10 });
      const res = await patch(`/api/admin/items/${itemId}`, { stock: 3 });
      expect(res.json()).toMatchObject({ initialStock: 3, stock: 3 });
      expect((await api.session(sessionId)).items[0]).toMatchObject({ initialStock: 3, stock: 3, soldOut: false });
      expect((await patch(`/api/admin/items/${itemId}`, { stock: 5 })).json()).toMatchObject({ initialStock: 5, stock: 5 });

      // Open the sale now, then let everyone try.
      expect((await patch(`/api/admin/sessions/${sessionId}`, { startsAt: iso(Date.now() - 1000) })).json().state).toBe('live');
      const answers = await Promise.all(shoppers.map((s, i) => api.reserve(s.token, sessionId, itemId, `stock-edit-${i}`)));
      expect(answers.filter((r) => r.statusCode === 201)).toHaveLength(5);
      expect(new Set(answers.filter((r) => r.statusCode !== 201).map((r) => r.json().error.code))).toEqual(new Set(['SOLD_OUT']));
      expect(await api.stock(sessionId, itemId)).toBe(0);
      expectError(await patch(`/api/admin/items/${itemId}`, { stock: 10 }), 409, 'SESSION_LOCKED');

      // The books balance on the new stock.
      const check = await app.inject({ url: `/api/admin/reconcile?sessionId=${sessionId}`, headers: t.admin });
      expect(check.json().items).toEqual([expect.objectContaining({ itemId, stock: 5, drift: 0 })]);
    });

    it('answers 404 for an unknown item', async () => {
      expectError(await patch('/api/admin/items/987654321', { title: 'x' }), 404, 'NOT_FOUND');
    });
  });
});

describe.each(scaledBackends)('a new stock on one node of a scaled deployment on %s', (backend) => {
  let close: () => Promise<void>;
  let a: Platform;
  let b: Platform;
  let admin: { authorization: string };

  beforeAll(async () => ({ close, nodes: [a, b], admin } = await startScaledNodes(2, backend)));
  afterAll(() => close());

  it('reaches the other node, which then sells exactly that many between them', async () => {
    const op = new Operator(a.app, admin);
    const shoppers = await op.shoppers(10, {}, '1741');
    const { sessionId } = await op.session({ startsIn: 30 * minute });
    const itemId = await op.item(sessionId, { stock: 50 });
    await until('node B knows the item and its stock', () => b.services.hot.remaining(itemId) === 50);

    const edited = await a.app.inject({ method: 'PATCH', url: `/api/admin/items/${itemId}`, headers: admin, payload: { stock: 4 } });
    expect(edited.statusCode).toBe(200);
    // B's session is far from opening, so its stock refresh does not cover it: the edit itself must tell B.
    await until('node B sees the new stock', async () => (await new ShopperApi(b.app).stock(sessionId, itemId)) === 4);
    await until('node B knows the new initial stock', () => b.services.catalog.items.get(itemId)?.stock === 4);

    const opened = await b.app.inject({ method: 'PATCH', url: `/api/admin/sessions/${sessionId}`, headers: admin, payload: { startsAt: iso(Date.now() - 1000) } });
    expect(opened.json().state).toBe('live');
    await until('node A knows the session is open', () => (a.services.catalog.sessions.get(sessionId)?.startsAt ?? Infinity) < Date.now());
    const apis = [new ShopperApi(a.app), new ShopperApi(b.app)];
    const answers = await Promise.all(shoppers.map((s, i) => apis[i % 2].reserve(s.token, sessionId, itemId, `scaled-edit-${i}`)));
    expect(answers.filter((r) => r.statusCode === 201)).toHaveLength(4);
  });
});
