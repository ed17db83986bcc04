import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ShopperApi, expectError, phonePrefixes, startHttpSuite } from '../support/api.js';
import { type TestPlatform, backends, isScaled } from '../support/platform.js';
import { Operator, bearer } from '../support/shop.js';

const minute = 60_000;
const hour = 60 * minute;
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(backends)('reservations (buy attempts) on %s', (backend) => {
  let t: TestPlatform;
  let app: FastifyInstance;
  let op: Operator;
  let api: ShopperApi;
  const prefix = phonePrefixes(160);

  beforeAll(async () => ({ t, app, op, api } = await startHttpSuite(backend)));
  afterAll(() => t?.close());

  /** A live session with one item and `count` fresh shoppers. */
  async function sale(item: Record<string, unknown> = {}, count = 1, shopper: Record<string, unknown> = {}) {
    const shoppers = await op.shoppers(count, shopper, prefix());
    const { sessionId, campaignId } = await op.session();
    const itemId = await op.item(sessionId, item);
    return { shoppers, sessionId, campaignId, itemId };
  }

  describe('a successful reservation', () => {
    it('answers 201 {orderId, status: reserved, payBefore} and takes the units off sale', async () => {
      const { shoppers, sessionId, itemId } = await sale({ stock: 10, perUserLimit: 3 });
      const before = Date.now();
      const res = await api.reserve(shoppers[0].token, sessionId, itemId, 'first', 3);
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toEqual({ orderId: expect.stringMatching(/^[0-9]{19}$/), status: 'reserved', payBefore: expect.any(String) });
      // The default payment window is 15 minutes from the reservation.
      const payBefore = Date.parse(body.payBefore);
      expect(payBefore).toBeGreaterThanOrEqual(before + 15 * minute);
      expect(payBefore).toBeLessThanOrEqual(Date.now() + 15 * minute);
      expect(await api.stock(sessionId, itemId)).toBe(7);
      // The order exists as soon as the reservation is acknowledged.
      const order = await api.order(shoppers[0].token, body.orderId);
      expect(order.statusCode).toBe(200);
      expect(order.json()).toMatchObject({ id: body.orderId, status: 'reserved', quantity: 3, itemId, sessionId });
    });

    it('uses the session’s payment window', async () => {
      const [shopper] = await op.shoppers(1, {}, prefix());
      const { sessionId } = await op.session({ paymentWindowSeconds: 120 });
      const itemId = await op.item(sessionId);
      const before = Date.now();
      const res = await api.reserve(shopper.token, sessionId, itemId, 'window');
      const payBefore = Date.parse(res.json().payBefore);
      expect(payBefore).toBeGreaterThanOrEqual(before + 120_000);
      expect(payBefore).toBeLessThanOrEqual(Date.now() + 120_000);
    });
  });

  describe('stock and limits', () => {
    it('sells the last unit and then answers 409 SOLD_OUT', async () => {
      const { shoppers, sessionId, itemId } = await sale({ stock: 2 }, 3);
      expect((await api.reserve(shoppers[0].token, sessionId, itemId, 'a')).statusCode).toBe(201);
      expect((await api.reserve(shoppers[1].token, sessionId, itemId, 'b')).statusCode).toBe(201);
      expectError(await api.reserve(shoppers[2].token, sessionId, itemId, 'c'), 409, 'SOLD_OUT');
      expect(await api.stock(sessionId, itemId)).toBe(0);
    });

    it('refuses more units than are left with SOLD_OUT, and sells what is left', async () => {
      const { shoppers, sessionId, itemId } = await sale({ stock: 3, perUserLimit: 5 }, 2);
      await api.reserved(shoppers[0].token, sessionId, itemId, 'a', 2);
      const res = await api.reserve(shoppers[1].token, sessionId, itemId, 'b', 2);
      expectError(res, 409, 'SOLD_OUT');
      expect(res.json().error.message).toMatch(/1 left/);
      expect(await api.stock(sessionId, itemId)).toBe(1);
      expect((await api.reserve(shoppers[1].token, sessionId, itemId, 'c', 1)).statusCode).toBe(201);
    });

    it('refuses a second unit to the same shopper with 409 LIMIT_REACHED (perUserLimit 1, two keys)', async () => {
      const { shoppers, sessionId, itemId } = await sale({ stock: 10, perUserLimit: 1 });
      expect((await api.reserve(shoppers[0].token, sessionId, itemId, 'one')).statusCode).toBe(201);
      expectError(await api.reserve(shoppers[0].token, sessionId, itemId, 'two'), 409, 'LIMIT_REACHED');
      expect(await api.stock(sessionId, itemId)).toBe(9);
    });

    it('refuses a quantity above the per-user limit with LIMIT_REACHED', async () => {
      const { shoppers, sessionId, itemId } = await sale({ stock: 10, perUserLimit: 2 });
      expectError(await api.reserve(shoppers[0].token, sessionId, itemId, 'three', 3), 409, 'LIMIT_REACHED');
      expect(await api.stock(sessionId, itemId)).toBe(10);
    });

    it('counts the limit per campaign for the same sku across sessions', async () => {
      const [shopper] = await op.shoppers(1, {}, prefix());
      const now = Date.now();
      const campaign = await app.inject({
        method: 'POST',
        url: '/api/admin/campaigns',
        headers: t.admin,
        payload: { name: 'Three sessions', type: 'big-promotion', startsAt: iso(now - hour), endsAt: iso(now + 3 * hour) },
      });
      const sessions: string[] = [];
      for (const [from, to] of [[now - hour, now + hour], [now - 30 * minute, now + 2 * hour]]) {
        const s = await app.inject({
          method: 'POST',
          url: `/api/admin/campaigns/${campaign.json().id}/sessions`,
          headers: t.admin,
          payload: { startsAt: iso(from), endsAt: iso(to) },
        });
        sessions.push(s.json().id);
      }
      const first = await op.item(sessions[0], { sku: 'phone-16', perUserLimit: 1 });
      const second = await op.item(sessions[1], { sku: 'phone-16', perUserLimit: 1 });
      const other = await op.item(sessions[1], { sku: 'watch', perUserLimit: 1 });
      expect((await api.reserve(shopper.token, sessions[0], first, 'k1')).statusCode).toBe(201);
      expectError(await api.reserve(shopper.token, sessions[1], second, 'k2'), 409, 'LIMIT_REACHED');
      expect((await api.reserve(shopper.token, sessions[1], other, 'k3')).statusCode).toBe(201);
    });
  });

  describe('idempotency', () => {
    it('answers a replayed key with the same order and takes the unit once', async () => {
      const { shoppers, sessionId, itemId } = await sale({ stock: 5, perUserLimit: 1 });
      const first = await api.reserve(shoppers[0].token, sessionId, itemId, 'retry-me');
      const second = await api.reserve(shoppers[0].token, sessionId, itemId, 'retry-me');
      expect(first.statusCode).toBe(201);
      expect(second.statusCode).toBe(201);
      expect(second.json()).toEqual(first.json());
      expect(await api.stock(sessionId, itemId)).toBe(4);
      const orders = (await api.orders(shoppers[0].token)).json().orders;
      expect(orders.map((o: { id: string }) => o.id)).toEqual([first.json().orderId]);
    });

    it('answers concurrent duplicates (a double click) with one order', async () => {
      const { shoppers, sessionId, itemId } = await sale({ stock: 5, perUserLimit: 1 });
      const answers = await Promise.all(Array.from({ length: 5 }, () => api.reserve(shoppers[0].token, sessionId, itemId, 'click')));
      expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201]);
      expect(new Set(answers.map((a) => a.json().orderId)).size).toBe(1);
      expect(await api.stock(sessionId, itemId)).toBe(4);
    });

    it('refuses the same key with another quantity with 422 IDEMPOTENCY_KEY_REUSED', async () => {
      const { shoppers, sessionId, itemId } = await sale({ stock: 5, perUserLimit: 3 });
      await api.reserved(shoppers[0].token, sessionId, itemId, 'k', 1);
      expectError(await api.reserve(shoppers[0].token, sessionId, itemId, 'k', 2), 422, 'IDEMPOTENCY_KEY_REUSED');
      expect(await api.stock(sessionId, itemId)).toBe(4);
    });

    it('refuses the same key for another item with 422 IDEMPOTENCY_KEY_REUSED', async () => {
      const { shoppers, sessionId, itemId } = await sale({ stock: 5 });
      const otherItem = await op.item(sessionId, { title: 'Watch' });
      await api.reserved(shoppers[0].token, sessionId, itemId, 'k');
      expectError(await api.reserve(shoppers[0].token, sessionId, otherItem, 'k'), 422, 'IDEMPOTENCY_KEY_REUSED');
      expect(await api.stock(sessionId, otherItem)).toBe(10);
    });

    it('keeps keys per shopper: two shoppers may use the same key', async () => {
      const { shoppers, sessionId, itemId } = await sale({ stock: 5 }, 2);
      const a = await api.reserved(shoppers[0].token, sessionId, itemId, 'same');
      const b = await api.reserved(shoppers[1].token, sessionId, itemId, 'same');
      expect(a).not.toBe(b);
      expect(await api.stock(sessionId, itemId)).toBe(3);
    });

    it('answers a retry with the first answer even after the operator paused the item', async () => {
      // The first 201 may have been lost on the way: the shopper holds the order and must learn its id.
      const { shoppers, sessionId, itemId } = await sale({ stock: 5 });
      const first = await api.reserve(shoppers[0].token, sessionId, itemId, 'lost-answer');
      expect(first.statusCode).toBe(201);
      await app.inject({ method: 'PATCH', url: `/api/admin/items/${itemId}`, headers: t.admin, payload: { paused: true } });
      const retry = await api.reserve(shoppers[0].token, sessionId, itemId, 'lost-answer');
      expect({ status: retry.statusCode, body: retry.json() }).toEqual({ status: 201, body: first.json() });
    });
  });

  describe('timing', () => {
    it('refuses before the session starts with 409 NOT_STARTED', async () => {
      const [shopper] = await op.shoppers(1, {}, prefix());
      const { sessionId } = await op.session({ startsIn: hour });
      const itemId = await op.item(sessionId);
      expectError(await api.reserve(shopper.token, sessionId, itemId, 'early'), 409, 'NOT_STARTED');
      expect(await api.stock(sessionId, itemId)).toBe(10);
    });

    it('refuses after the session ended with 409 ENDED', async () => {
      const [shopper] = await op.shoppers(1, {}, prefix());
      const { sessionId } = await op.session({ startsIn: -500, lasts: 1500 });
      const itemId = await op.item(sessionId);
      // The session ends 1 s after it is created; wait for it (clock.test.ts checks the exact millisecond).
      const endsAt = Date.parse((await api.session(sessionId)).endsAt);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, endsAt - Date.now() + 20)));
      expectError(await api.reserve(shopper.token, sessionId, itemId, 'late'), 409, 'ENDED');
      expect(await api.stock(sessionId, itemId)).toBe(10);
    });

    it('lets gold and vip shoppers buy in the priority window; others get NOT_STARTED', async () => {
      const p = prefix();
      const [vip] = await op.shoppers(1, { tier: 'vip' }, p);
      const [gold] = await op.shoppers(1, { tier: 'gold' }, `${p}1`);
      const [silver] = await op.shoppers(1, { tier: 'silver' }, `${p}2`);
      const [regular] = await op.shoppers(1, {}, `${p}3`);
      const { sessionId } = await op.session({ startsIn: 5 * minute });
      const itemId = await op.item(sessionId, { eligibility: { priorityWindow: { minTier: 'gold', minutes: 10 } } });
      expect((await api.reserve(vip.token, sessionId, itemId, 'k')).statusCode).toBe(201);
      expect((await api.reserve(gold.token, sessionId, itemId, 'k')).statusCode).toBe(201);
      expectError(await api.reserve(silver.token, sessionId, itemId, 'k'), 409, 'NOT_STARTED');
      expectError(await api.reserve(regular.token, sessionId, itemId, 'k'), 409, 'NOT_STARTED');
    });

    it('keeps the priority window closed until it opens', async () => {
      const [vip] = await op.shoppers(1, { tier: 'vip' }, prefix());
      const { sessionId } = await op.session({ startsIn: 30 * minute });
      const itemId = await op.item(sessionId, { eligibility: { priorityWindow: { minTier: 'gold', minutes: 10 } } });
      expectError(await api.reserve(vip.token, sessionId, itemId, 'k'), 409, 'NOT_STARTED');
    });
  });

  describe('eligibility', () => {
    it('refuses a tier not on the list with 403 NOT_ELIGIBLE', async () => {
      const p = prefix();
      const [regular] = await op.shoppers(1, {}, p);
      const [gold] = await op.shoppers(1, { tier: 'gold' }, `${p}1`);
      const { sessionId } = await op.session();
      const itemId = await op.item(sessionId, { eligibility: { tiers: ['gold', 'vip'] } });
      expectError(await api.reserve(regular.token, sessionId, itemId, 'k'), 403, 'NOT_ELIGIBLE');
      expect((await api.reserve(gold.token, sessionId, itemId, 'k')).statusCode).toBe(201);
      expect(await api.stock(sessionId, itemId)).toBe(9);
    });

    it('sells an invitation-only item to invited shoppers only', async () => {
      const [invited, uninvited] = await op.shoppers(2, {}, prefix());
      const { sessionId } = await op.session();
      const itemId = await op.item(sessionId, { eligibility: { invitedUserIds: [invited.id] } });
      expectError(await api.reserve(uninvited.token, sessionId, itemId, 'k'), 403, 'NOT_ELIGIBLE');
      expect((await api.reserve(invited.token, sessionId, itemId, 'k')).statusCode).toBe(201);
    });

    it('requires real-name verification when the item does', async () => {
      const p = prefix();
      const [anonymous] = await op.shoppers(1, {}, p);
      const [verified] = await op.shoppers(1, { realNameVerified: true }, `${p}1`);
      const { sessionId } = await op.session();
      const itemId = await op.item(sessionId, { eligibility: { realNameRequired: true } });
      expectError(await api.reserve(anonymous.token, sessionId, itemId, 'k'), 403, 'NOT_ELIGIBLE');
      expect((await api.reserve(verified.token, sessionId, itemId, 'k')).statusCode).toBe(201);
    });

    it('sells to allowed regions (a country covers its provinces) and not to denied ones', async () => {
      const p = prefix();
      const [shanghai] = await op.shoppers(1, { region: 'CN-31' }, p);
      const [beijing] = await op.shoppers(1, { region: 'CN-11' }, `${p}1`);
      const [california] = await op.shoppers(1, { region: 'US-CA' }, `${p}2`);
      const [nowhere] = await op.shoppers(1, {}, `${p}3`);
      const { sessionId } = await op.session();
      const itemId = await op.item(sessionId, { perUserLimit: 1, eligibility: { regionsAllowed: ['CN'], regionsDenied: ['CN-11'] } });
      expect((await api.reserve(shanghai.token, sessionId, itemId, 'k')).statusCode).toBe(201);
      expectError(await api.reserve(beijing.token, sessionId, itemId, 'k'), 403, 'NOT_ELIGIBLE');
      expectError(await api.reserve(california.token, sessionId, itemId, 'k'), 403, 'NOT_ELIGIBLE');
      expectError(await api.reserve(nowhere.token, sessionId, itemId, 'k'), 403, 'NOT_ELIGIBLE');
    });
  });

  describe('operator pause', () => {
    it('refuses a paused item with 409 ITEM_PAUSED and sells again once resumed', async () => {
      const { shoppers, sessionId, itemId } = await sale({ stock: 5 });
      const patch = (paused: boolean) =>
        app.inject({ method: 'PATCH', url: `/api/admin/items/${itemId}`, headers: t.admin, payload: { paused } });
      expect((await patch(true)).statusCode).toBe(200);
      expectError(await api.reserve(shoppers[0].token, sessionId, itemId, 'k1'), 409, 'ITEM_PAUSED');
      expect(await api.stock(sessionId, itemId)).toBe(5);
      expect((await patch(false)).statusCode).toBe(200);
      expect((await api.reserve(shoppers[0].token, sessionId, itemId, 'k2')).statusCode).toBe(201);
    });
  });

  // The scaled deployment records reservations in Redis: a database outage does not reach them (test/faults).
  describe.skipIf(isScaled(backend))('when the database cannot record a reservation', () => {
    it('answers 503 UNAVAILABLE with Retry-After, holds the unit while in doubt, and the same key gets the order once the database is back', async () => {
      const { shoppers, sessionId, itemId } = await sale({ stock: 5, perUserLimit: 1 });
      const db = t.platform.services.db;
      await db.query('alter table orders rename to orders_offline');
      let refused;
      try {
        refused = await api.reserve(shoppers[0].token, sessionId, itemId, 'during-outage');
        expectError(refused, 503, 'UNAVAILABLE');
        expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        // The write may have landed, so the unit is not put back on sale, and a retry is still in doubt.
        expect(await api.stock(sessionId, itemId)).toBe(4);
        expectError(await api.reserve(shoppers[0].token, sessionId, itemId, 'during-outage'), 503, 'UNAVAILABLE');
      } finally {
        await db.query('alter table orders_offline rename to orders');
      }
      // The committer keeps writing the reservation in the background; then the same key gets it.
      let retry = await api.reserve(shoppers[0].token, sessionId, itemId, 'during-outage');
      for (let waited = 0; retry.statusCode === 503 && waited < 10_000; waited += 100) {
        await new Promise((r) => setTimeout(r, 100));
        retry = await api.reserve(shoppers[0].token, sessionId, itemId, 'during-outage');
      }
      expect(retry.statusCode).toBe(201);
      expect((await api.order(shoppers[0].token, retry.json().orderId)).json().status).toBe('reserved');
      expect((await api.orders(shoppers[0].token)).json().orders).toHaveLength(1);
      expect(await api.stock(sessionId, itemId)).toBe(4);
    });
  });

  describe('malformed attempts', () => {
    let sessionId: string;
    let itemId: string;
    let token: string;
    let url: string;

    beforeAll(async () => {
      const s = await sale({ stock: 100, perUserLimit: 100 });
      ({ sessionId, itemId } = s);
      token = s.shoppers[0].token;
      url = `/api/sessions/${sessionId}/items/${itemId}/reservations`;
    });

    it('refuses an attempt without an Idempotency-Key with 400', async () => {
      const res = await app.inject({ method: 'POST', url, headers: bearer(token), payload: { quantity: 1 } });
      expectError(res, 400, 'INVALID_REQUEST');
      const empty = await app.inject({ method: 'POST', url, headers: { ...bearer(token), 'idempotency-key': '' }, payload: { quantity: 1 } });
      expectError(empty, 400, 'INVALID_REQUEST');
    });

    it.each([
      ['quantity 0', { quantity: 0 }],
      ['a negative quantity', { quantity: -1 }],
      ['a fractional quantity', { quantity: 1.5 }],
      ['quantity as a string', { quantity: '1' }],
      ['quantity above 100', { quantity: 101 }],
      ['no quantity', {}],
      ['an unknown field', { quantity: 1, price: 1 }],
      ['an array', [1]],
    ])('refuses %s with 400 INVALID_REQUEST', async (_name, payload) => {
      const res = await app.inject({ method: 'POST', url, headers: { ...bearer(token), 'idempotency-key': 'bad' }, payload });
      expectError(res, 400, 'INVALID_REQUEST');
    });

    it.each([
      ['no body', undefined, undefined],
      ['an empty JSON body', 'application/json', ''],
      ['malformed JSON', 'application/json', '{"quantity": 1'],
      ['JSON null', 'application/json', 'null'],
      ['a text body', 'text/plain', 'quantity=1'],
      ['a form body', 'application/x-www-form-urlencoded', 'quantity=1'],
      ['an XML body', 'application/xml', '<quantity>1</quantity>'],
    ])('refuses %s with 400 INVALID_REQUEST, never 500', async (_name, contentType, body) => {
      const headers: Record<string, string> = { ...bearer(token), 'idempotency-key': 'bad' };
      if (contentType) headers['content-type'] = contentType;
      const res = await app.inject({ method: 'POST', url, headers, ...(body === undefined ? {} : { payload: body }) });
      expectError(res, 400, 'INVALID_REQUEST');
    });

    it('took no units for any malformed attempt', async () => {
      expect(await api.stock(sessionId, itemId)).toBe(100);
    });

    it('refuses an attempt without a valid token with 401 before anything else', async () => {
      expectError(await app.inject({ method: 'POST', url, payload: { quantity: 1 } }), 401, 'UNAUTHORIZED');
      expectError(
        await app.inject({ method: 'POST', url, headers: { ...bearer('not.a-token'), 'idempotency-key': 'k' }, payload: { quantity: 1 } }),
        401,
        'UNAUTHORIZED',
      );
      // A token signed by someone else is no token.
      const [body] = token.split('.');
      expectError(
        await app.inject({ method: 'POST', url, headers: { ...bearer(`${body}.AAAA`), 'idempotency-key': 'k' }, payload: { quantity: 1 } }),
        401,
        'UNAUTHORIZED',
      );
    });

    it('answers 404 for an item of another session, or an unknown session or item', async () => {
      const other = await op.session();
      expectError(await api.reserve(token, other.sessionId, itemId, 'k404a'), 404, 'NOT_FOUND');
      expectError(await api.reserve(token, '987654321', itemId, 'k404b'), 404, 'NOT_FOUND');
      expectError(await api.reserve(token, sessionId, '987654321', 'k404c'), 404, 'NOT_FOUND');
      expect(await api.stock(sessionId, itemId)).toBe(100);
    });

    it('answers 400 for ids that are not ids', async () => {
      expectError(await api.reserve(token, 'abc', itemId, 'k'), 400, 'INVALID_REQUEST');
      expectError(await api.reserve(token, sessionId, '-1', 'k'), 400, 'INVALID_REQUEST');
    });
  });
});
