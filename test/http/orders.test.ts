import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxChannel } from '../../src/payments/index.js';
import { type ShopperApi, expectError, phonePrefixes, startHttpSuite } from '../support/api.js';
import { type TestPlatform, backends } from '../support/platform.js';
import { Operator, bearer } from '../support/shop.js';

describe.each(backends)('orders and payments on %s', (backend) => {
  let t: TestPlatform;
  let app: FastifyInstance;
  let op: Operator;
  let api: ShopperApi;
  let channels: SandboxChannel[];
  const prefix = phonePrefixes(180);

  beforeAll(async () => {
    ({ t, app, op, api } = await startHttpSuite(backend));
    channels = t.platform.services.paymentChannels;
  });
  afterAll(() => t?.close());

  const channel = (name: string) => channels.find((c) => c.name === name)!;
  /** What the shopper was charged for an order, over every channel, refunds deducted. */
  const charged = (orderId: string) => channels.reduce((sum, c) => sum + c.netCharged(orderId), 0);
  const chargeAttempts = (orderId: string) => channels.flatMap((c) => c.ledger()).filter((e) => e.orderId === orderId);

  /** One live item (flash price 1990 cents) and `count` shoppers who each reserved one unit. */
  async function reservedOrders(count = 1, item: Record<string, unknown> = {}) {
    const shoppers = await op.shoppers(count, {}, prefix());
    const { sessionId } = await op.session();
    const itemId = await op.item(sessionId, { stock: 10, flashPrice: 1990, ...item });
    const orderIds: string[] = [];
    for (const [i, s] of shoppers.entries()) orderIds.push(await api.reserved(s.token, sessionId, itemId, `order-${i}`));
    return { shoppers, sessionId, itemId, orderIds };
  }

  describe('reading orders', () => {
    it('GET /api/orders/:id shows the shopper’s reserved order', async () => {
      const [shopper] = await op.shoppers(1, {}, prefix());
      const { sessionId } = await op.session({ paymentWindowSeconds: 300 });
      const itemId = await op.item(sessionId, { flashPrice: 1990, perUserLimit: 2 });
      const before = Date.now();
      const reserved = await api.reserve(shopper.token, sessionId, itemId, 'k', 2);
      const { orderId, payBefore } = reserved.json();

      const res = await api.order(shopper.token, orderId);
      expect(res.statusCode).toBe(200);
      const order = res.json();
      expect(order).toEqual({
        id: orderId,
        sessionId,
        itemId,
        quantity: 2,
        unitPrice: 1990,
        amount: 3980,
        status: 'reserved',
        payBefore,
        createdAt: expect.any(String),
        paidAt: null,
        cancelledAt: null,
        cancelReason: null,
        payment: null,
      });
      expect(Date.parse(order.createdAt)).toBeGreaterThanOrEqual(before - 1);
      expect(Date.parse(order.payBefore) - Date.parse(order.createdAt)).toBe(300_000);
    });

    it('answers 404 for another shopper’s order, as if it did not exist', async () => {
      const { shoppers, orderIds } = await reservedOrders(2);
      expectError(await api.order(shoppers[1].token, orderIds[0]), 404, 'NOT_FOUND');
      expect((await api.order(shoppers[0].token, orderIds[0])).statusCode).toBe(200);
    });

    it('answers 404 for an order id never issued and 400 for one that is not a number', async () => {
      const [shopper] = await op.shoppers(1, {}, prefix());
      expectError(await api.order(shopper.token, '1795000000000000000'), 404, 'NOT_FOUND');
      expectError(await api.order(shopper.token, '0'), 404, 'NOT_FOUND');
      // 19 digits but beyond a bigint: still just "no such order".
      expectError(await api.order(shopper.token, '9999999999999999999'), 404, 'NOT_FOUND');
      expectError(await api.order(shopper.token, 'abc'), 400, 'INVALID_REQUEST');
      expectError(await api.order(shopper.token, '12a'), 400, 'INVALID_REQUEST');
      expectError(await api.order(shopper.token, '99999999999999999999'), 400, 'INVALID_REQUEST');
      expectError(await api.pay(shopper.token, 'abc'), 400, 'INVALID_REQUEST');
      expectError(await api.cancel(shopper.token, 'abc'), 400, 'INVALID_REQUEST');
    });

    it('needs a shopper token for every order route', async () => {
      const { orderIds } = await reservedOrders(1);
      const id = orderIds[0];
      expectError(await app.inject({ url: '/api/orders' }), 401, 'UNAUTHORIZED');
      expectError(await app.inject({ url: `/api/orders/${id}` }), 401, 'UNAUTHORIZED');
      expectError(await app.inject({ method: 'POST', url: `/api/orders/${id}/payments`, payload: {} }), 401, 'UNAUTHORIZED');
      expectError(await app.inject({ method: 'POST', url: `/api/orders/${id}/cancel`, payload: {} }), 401, 'UNAUTHORIZED');
      // The operator token is not a shopper token.
      expectError(await app.inject({ url: `/api/orders/${id}`, headers: t.admin }), 401, 'UNAUTHORIZED');
    });

    it('GET /api/orders lists the shopper’s own orders, newest first', async () => {
      const [me, other] = await op.shoppers(2, {}, prefix());
      const { sessionId } = await op.session();
      const phone = await op.item(sessionId, { title: 'Phone' });
      const watch = await op.item(sessionId, { title: 'Watch' });
      const first = await api.reserved(me.token, sessionId, phone, 'a');
      const second = await api.reserved(me.token, sessionId, watch, 'b');
      const theirs = await api.reserved(other.token, sessionId, phone, 'a');

      const res = await api.orders(me.token);
      expect(res.statusCode).toBe(200);
      expect(res.json().orders.map((o: { id: string }) => o.id)).toEqual([second, first]);
      expect(res.json().orders[0]).toMatchObject({ id: second, itemId: watch, status: 'reserved' });
      expect((await api.orders(other.token)).json().orders.map((o: { id: string }) => o.id)).toEqual([theirs]);

      expect((await api.orders(me.token, '?limit=1')).json().orders.map((o: { id: string }) => o.id)).toEqual([second]);
      expectError(await api.orders(me.token, '?limit=0'), 400, 'INVALID_REQUEST');
      expectError(await api.orders(me.token, '?limit=lots'), 400, 'INVALID_REQUEST');
    });
  });

  describe('paying', () => {
    it('pays a reserved order: 200, status paid, payment succeeded, charged once', async () => {
      const { shoppers, orderIds } = await reservedOrders(1);
      const [id] = orderIds;
      const res = await api.pay(shoppers[0].token, id);
      expect(res.statusCode).toBe(200);
      const order = res.json();
      expect(order).toMatchObject({
        id,
        status: 'paid',
        amount: 1990,
        cancelledAt: null,
        payment: { id: expect.any(String), status: 'succeeded', channel: 'alipay-sandbox', amount: 1990 },
      });
      expect(Date.parse(order.paidAt)).toBeGreaterThan(0);
      expect((await api.order(shoppers[0].token, id)).json()).toEqual(order);
      expect(charged(id)).toBe(1990);
    });

    it('pays twice: 200 both times, the same payment, and the money moves once', async () => {
      const { shoppers, orderIds } = await reservedOrders(1);
      const [id] = orderIds;
      const first = await api.pay(shoppers[0].token, id);
      const second = await api.pay(shoppers[0].token, id, {}, { 'idempotency-key': 'pay-again' });
      expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
      expect(second.json()).toMatchObject({ status: 'paid', payment: { id: first.json().payment.id, status: 'succeeded' } });
      expect(charged(id)).toBe(1990);
      expect(chargeAttempts(id)).toHaveLength(1);
    });

    it('a double click on pay while the gateway is slow charges once', async () => {
      const { shoppers, orderIds } = await reservedOrders(1);
      const [id] = orderIds;
      channels.forEach((c) => c.configure({ latencyMs: 150 }));
      try {
        const answers = await Promise.all([api.pay(shoppers[0].token, id), api.pay(shoppers[0].token, id), api.pay(shoppers[0].token, id)]);
        expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
        expect(answers.map((a) => a.json().status)).toEqual(['paid', 'paid', 'paid']);
      } finally {
        channels.forEach((c) => c.configure({ latencyMs: 1 }));
      }
      expect(charged(id)).toBe(1990);
      expect(chargeAttempts(id)).toHaveLength(1);
    });

    it('pays through the channel the shopper chose', async () => {
      const { shoppers, orderIds } = await reservedOrders(1);
      const res = await api.pay(shoppers[0].token, orderIds[0], { channel: 'wechat-sandbox' });
      expect(res.statusCode).toBe(200);
      expect(res.json().payment).toMatchObject({ status: 'succeeded', channel: 'wechat-sandbox' });
      expect(channel('wechat-sandbox').netCharged(orderIds[0])).toBe(1990);
      expect(channel('alipay-sandbox').netCharged(orderIds[0])).toBe(0);
    });

    it('pays with no body at all (the body is optional)', async () => {
      const { shoppers, orderIds } = await reservedOrders(1);
      const res = await app.inject({ method: 'POST', url: `/api/orders/${orderIds[0]}/payments`, headers: bearer(shoppers[0].token) });
      expect(res.statusCode).toBe(200);
      expect(res.json().status).toBe('paid');
      expect(charged(orderIds[0])).toBe(1990);
    });

    it('refuses an unknown channel with 400 and charges nothing', async () => {
      const { shoppers, orderIds } = await reservedOrders(1);
      expectError(await api.pay(shoppers[0].token, orderIds[0], { channel: 'paypal' }), 400, 'INVALID_REQUEST');
      expectError(await api.pay(shoppers[0].token, orderIds[0], { channel: 'alipay-sandbox', tip: 5 }), 400, 'INVALID_REQUEST');
      expect((await api.order(shoppers[0].token, orderIds[0])).json().status).toBe('reserved');
      expect(chargeAttempts(orderIds[0])).toEqual([]);
    });

    it('answers 404 to paying another shopper’s order and leaves it alone', async () => {
      const { shoppers, orderIds } = await reservedOrders(2);
      expectError(await api.pay(shoppers[1].token, orderIds[0]), 404, 'NOT_FOUND');
      expectError(await api.cancel(shoppers[1].token, orderIds[0]), 404, 'NOT_FOUND');
      expect((await api.order(shoppers[0].token, orderIds[0])).json()).toMatchObject({ status: 'reserved', payment: null });
      expect(charged(orderIds[0])).toBe(0);
    });

    it('answers 502 PAYMENT_FAILED when every channel declines; the order stays reserved and can be paid later', async () => {
      const { shoppers, sessionId, itemId, orderIds } = await reservedOrders(1);
      const [id] = orderIds;
      const stock = await api.stock(sessionId, itemId);
      channels.forEach((c) => c.configure({ failureRate: 1 }));
      try {
        expectError(await api.pay(shoppers[0].token, id), 502, 'PAYMENT_FAILED');
      } finally {
        channels.forEach((c) => c.configure({ failureRate: 0 }));
      }
      const after = (await api.order(shoppers[0].token, id)).json();
      expect(after).toMatchObject({ status: 'reserved', paidAt: null, payment: { status: 'failed' } });
      expect(charged(id)).toBe(0);
      expect(await api.stock(sessionId, itemId)).toBe(stock);

      const retry = await api.pay(shoppers[0].token, id);
      expect(retry.statusCode).toBe(200);
      expect(retry.json()).toMatchObject({ status: 'paid', payment: { status: 'succeeded' } });
      expect(charged(id)).toBe(1990);
    });

    it('a second pay racing a failing one tries again itself, and nothing is charged', async () => {
      const { shoppers, orderIds } = await reservedOrders(1);
      const [id] = orderIds;
      channels.forEach((c) => c.configure({ failureRate: 1, latencyMs: 150 }));
      let answers;
      try {
        answers = await Promise.all([api.pay(shoppers[0].token, id), api.pay(shoppers[0].token, id)]);
      } finally {
        channels.forEach((c) => c.configure({ failureRate: 0, latencyMs: 1 }));
      }
      const codes = answers.map((a) => `${a.statusCode} ${a.json().error?.code}`).sort();
      expect(codes).toEqual(['502 PAYMENT_FAILED', '502 PAYMENT_FAILED']);
      for (const a of answers) expect(Object.keys(a.json())).toEqual(['error']);
      expect(charged(id)).toBe(0);
      expect((await api.pay(shoppers[0].token, id)).json().status).toBe('paid');
      expect(charged(id)).toBe(1990);
    });

    it('fails over to wechat-sandbox when alipay-sandbox declines', async () => {
      const { shoppers, orderIds } = await reservedOrders(1);
      const [id] = orderIds;
      channel('alipay-sandbox').configure({ failureRate: 1 });
      let res;
      try {
        res = await api.pay(shoppers[0].token, id);
      } finally {
        channel('alipay-sandbox').configure({ failureRate: 0 });
      }
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'paid', payment: { status: 'succeeded', channel: 'wechat-sandbox' } });
      expect(channel('alipay-sandbox').netCharged(id)).toBe(0);
      expect(channel('wechat-sandbox').netCharged(id)).toBe(1990);
    });
  });

  describe('cancelling', () => {
    it('cancels a reserved order: 200 cancelled, the unit goes back on sale and the limit is free again', async () => {
      const { shoppers, sessionId, itemId, orderIds } = await reservedOrders(1);
      const [id] = orderIds;
      expect(await api.stock(sessionId, itemId)).toBe(9);
      const res = await api.cancel(shoppers[0].token, id);
      expect(res.statusCode).toBe(200);
      const order = res.json();
      expect(order).toMatchObject({ id, status: 'cancelled', cancelReason: 'cancelled by shopper', paidAt: null, payment: null });
      expect(Date.parse(order.cancelledAt)).toBeGreaterThan(0);
      expect(await api.stock(sessionId, itemId)).toBe(10);
      // perUserLimit is 1: the cancelled unit no longer counts against the shopper.
      expect((await api.reserve(shoppers[0].token, sessionId, itemId, 'again')).statusCode).toBe(201);
    });

    it('cancels twice: 200 both times with the same answer, and the unit comes back once', async () => {
      const { shoppers, sessionId, itemId, orderIds } = await reservedOrders(2);
      const first = await api.cancel(shoppers[0].token, orderIds[0]);
      const second = await api.cancel(shoppers[0].token, orderIds[0]);
      expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
      expect(second.json()).toEqual(first.json());
      expect(await api.stock(sessionId, itemId)).toBe(9);
    });

    it('concurrent cancels return the unit once', async () => {
      const { shoppers, sessionId, itemId, orderIds } = await reservedOrders(1);
      const answers = await Promise.all(Array.from({ length: 5 }, () => api.cancel(shoppers[0].token, orderIds[0])));
      expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200]);
      expect(await api.stock(sessionId, itemId)).toBe(10);
    });

    it('cancels with no body at all (the body is optional)', async () => {
      const { shoppers, orderIds } = await reservedOrders(1);
      const res = await app.inject({ method: 'POST', url: `/api/orders/${orderIds[0]}/cancel`, headers: bearer(shoppers[0].token) });
      expect(res.statusCode).toBe(200);
      expect(res.json().status).toBe('cancelled');
    });

    it('refuses to pay a cancelled order with 409 ORDER_CANCELLED and charges nothing', async () => {
      const { shoppers, orderIds } = await reservedOrders(1);
      await api.cancel(shoppers[0].token, orderIds[0]);
      expectError(await api.pay(shoppers[0].token, orderIds[0]), 409, 'ORDER_CANCELLED');
      expect(chargeAttempts(orderIds[0])).toEqual([]);
    });

    it('refuses to cancel a paid order with 409 ORDER_NOT_CANCELLABLE; it stays paid and its unit stays sold', async () => {
      const { shoppers, sessionId, itemId, orderIds } = await reservedOrders(1);
      await api.pay(shoppers[0].token, orderIds[0]);
      expectError(await api.cancel(shoppers[0].token, orderIds[0]), 409, 'ORDER_NOT_CANCELLABLE');
      expect((await api.order(shoppers[0].token, orderIds[0])).json().status).toBe('paid');
      expect(await api.stock(sessionId, itemId)).toBe(9);
      expect(charged(orderIds[0])).toBe(1990);
    });

    it('when pay and cancel race, exactly one wins and money and stock agree with it', async () => {
      const { shoppers, sessionId, itemId, orderIds } = await reservedOrders(6);
      channels.forEach((c) => c.configure({ latencyMs: 20 }));
      try {
        await Promise.all(
          orderIds.map(async (id, i) => {
            const token = shoppers[i].token;
            const [pay, cancel] = await Promise.all([api.pay(token, id), api.cancel(token, id)]);
            const order = (await api.order(token, id)).json();
            if (order.status === 'paid') {
              expect(pay.statusCode).toBe(200);
              expectError(cancel, 409, 'ORDER_NOT_CANCELLABLE');
              expect(charged(id)).toBe(1990);
            } else {
              expect(order.status).toBe('cancelled');
              expect(cancel.statusCode).toBe(200);
              expectError(pay, 409, 'ORDER_CANCELLED');
              expect(charged(id)).toBe(0);
            }
          }),
        );
      } finally {
        channels.forEach((c) => c.configure({ latencyMs: 1 }));
      }
      const statuses = await Promise.all(orderIds.map(async (id, i) => (await api.order(shoppers[i].token, id)).json().status));
      const cancelled = statuses.filter((s) => s === 'cancelled').length;
      expect(await api.stock(sessionId, itemId)).toBe(10 - 6 + cancelled);
    });
  });

  describe('session statistics', () => {
    it('GET /api/admin/sessions/:id/stats counts units per item and status', async () => {
      const [a, b, c] = await op.shoppers(3, {}, prefix());
      const { sessionId } = await op.session();
      const phone = await op.item(sessionId, { title: 'Phone', stock: 10, perUserLimit: 2 });
      const watch = await op.item(sessionId, { title: 'Watch', stock: 4 });
      const paid = await api.reserved(a.token, sessionId, phone, 'a', 2);
      const cancelled = await api.reserved(b.token, sessionId, phone, 'b', 1);
      await api.reserved(c.token, sessionId, phone, 'c', 1);
      await api.pay(a.token, paid);
      await api.cancel(b.token, cancelled);

      const res = await app.inject({ url: `/api/admin/sessions/${sessionId}/stats`, headers: t.admin });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        sessionId,
        items: [
          { id: phone, title: 'Phone', initialStock: 10, stock: 7, reserved: 1, paid: 2, shipped: 0, completed: 0, cancelled: 1, refunded: 0 },
          { id: watch, title: 'Watch', initialStock: 4, stock: 4, reserved: 0, paid: 0, shipped: 0, completed: 0, cancelled: 0, refunded: 0 },
        ],
      });
      // Every unit is on sale or in exactly one live order.
      const [p] = res.json().items;
      expect(p.stock + p.reserved + p.paid).toBe(p.initialStock);
    });
  });
});
