import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPlatform, backends, startTestPlatform } from '../support/platform.js';
import { Operator, bearer } from '../support/shop.js';

describe.each(backends)('after payment: ship, complete, refund on %s', (backend) => {
  let t: TestPlatform;
  let op: Operator;
  let sessionId: string;
  let itemId: string;
  let shoppers: { id: string; token: string }[];

  beforeAll(async () => {
    t = await startTestPlatform(backend);
    op = new Operator(t.platform.app, t.admin);
    shoppers = await op.shoppers(6, {}, '1365');
    ({ sessionId } = await op.session());
    itemId = await op.item(sessionId, { stock: 10, flashPrice: 2500 });
  });
  afterAll(() => t.close());

  const inject = (method: 'GET' | 'POST', url: string, headers = t.admin) =>
    t.platform.app.inject({ method, url, headers, ...(method === 'POST' ? { payload: {} } : {}) });

  async function paidOrder(i: number): Promise<string> {
    const shopper = shoppers[i];
    const reserved = await t.platform.app.inject({
      method: 'POST',
      url: `/api/sessions/${sessionId}/items/${itemId}/reservations`,
      headers: { ...bearer(shopper.token), 'idempotency-key': `f-${i}` },
      payload: { quantity: 1 },
    });
    const orderId = reserved.json().orderId;
    expect((await inject('POST', `/api/orders/${orderId}/payments`, bearer(shopper.token))).json().status).toBe('paid');
    return orderId;
  }

  it('moves a paid order to shipped and completed, and a repeat answers the same', async () => {
    const orderId = await paidOrder(0);
    expect((await inject('POST', `/api/admin/orders/${orderId}/complete`)).json().error.code).toBe('ORDER_STATE_CONFLICT');
    const shipped = await inject('POST', `/api/admin/orders/${orderId}/ship`);
    expect(shipped.statusCode).toBe(200);
    expect(shipped.json().status).toBe('shipped');
    expect((await inject('POST', `/api/admin/orders/${orderId}/ship`)).json().status).toBe('shipped');
    expect((await inject('POST', `/api/admin/orders/${orderId}/complete`)).json().status).toBe('completed');
    expect((await inject('POST', `/api/admin/orders/${orderId}/refund`)).statusCode).toBe(409);
    const mine = await inject('GET', `/api/orders/${orderId}`, bearer(shoppers[0].token));
    expect(mine.json().status).toBe('completed');
  });

  it('refunds a paid order once: the money goes back and the order is refunded', async () => {
    const orderId = await paidOrder(1);
    const refunds = await Promise.all([1, 2, 3].map(() => inject('POST', `/api/admin/orders/${orderId}/refund`)));
    expect(refunds.map((r) => r.json().status)).toEqual(['refunded', 'refunded', 'refunded']);
    const net = t.platform.services.paymentChannels.reduce((sum, c) => sum + c.netCharged(orderId), 0);
    expect(net).toBe(0);
    const [payment] = await t.platform.services.db.query<{ status: string }>(`select status from payments where order_id = $1`, [orderId]);
    expect(payment.status).toBe('refunded');
    expect((await inject('POST', `/api/admin/orders/${orderId}/ship`)).json().error.code).toBe('ORDER_STATE_CONFLICT');
  });

  it('a reserved order cannot be shipped; unknown orders are 404; shoppers cannot use these routes', async () => {
    const reserved = await t.platform.app.inject({
      method: 'POST',
      url: `/api/sessions/${sessionId}/items/${itemId}/reservations`,
      headers: { ...bearer(shoppers[2].token), 'idempotency-key': 'r-2' },
      payload: { quantity: 1 },
    });
    const orderId = reserved.json().orderId;
    expect((await inject('POST', `/api/admin/orders/${orderId}/ship`)).statusCode).toBe(409);
    expect((await inject('POST', `/api/admin/orders/123/ship`)).json().error.code).toBe('NOT_FOUND');
    expect((await inject('POST', `/api/admin/orders/${orderId}/ship`, bearer(shoppers[2].token))).statusCode).toBe(403);
  });

  it('lists a session\'s orders by status, newest first, page by page', async () => {
    await paidOrder(3);
    await paidOrder(4);
    const all = (await inject('GET', `/api/admin/sessions/${sessionId}/orders`)).json().orders;
    expect(all.length).toBeGreaterThanOrEqual(5);
    const ids = all.map((o: { id: string }) => BigInt(o.id));
    expect([...ids].sort((a, b) => (a > b ? -1 : 1))).toEqual(ids);
    const paid = (await inject('GET', `/api/admin/sessions/${sessionId}/orders?status=paid`)).json().orders;
    expect(paid.length).toBe(2);
    expect(paid.every((o: { status: string }) => o.status === 'paid')).toBe(true);
    const page = (await inject('GET', `/api/admin/sessions/${sessionId}/orders?limit=2&before=${all[1].id}`)).json().orders;
    expect(page.map((o: { id: string }) => o.id)).toEqual(all.slice(2, 4).map((o: { id: string }) => o.id));
    expect((await inject('GET', `/api/admin/sessions/${sessionId}/orders?status=lost`)).statusCode).toBe(400);
  });
});
