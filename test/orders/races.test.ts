import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { type TestPlatform, backends, startTestPlatform } from '../support/platform.js';
import { Operator, bearer } from '../support/shop.js';

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(backends)('races on %s', (backend) => {
  let t: TestPlatform;
  let op: Operator;
  const clock = new ManualClock(Date.now());

  beforeAll(async () => {
    // Charges take 20 ms, so a cancel or the deadline can land while a payment is in flight.
    t = await startTestPlatform(backend, { clock, payment: { latencyMs: 20, timeoutMs: 2000 } });
    op = new Operator(t.platform.app, t.admin);
  });
  afterAll(() => t.close());
  beforeEach(() => clock.set(Date.now()));

  const reserve = async (token: string, sessionId: string, itemId: string, key: string) =>
    t.platform.app.inject({
      method: 'POST',
      url: `/api/sessions/${sessionId}/items/${itemId}/reservations`,
      headers: { ...bearer(token), 'idempotency-key': key },
      payload: { quantity: 1 },
    });

  const netCharged = (orderId: string) =>
    t.platform.services.paymentChannels.reduce((sum, channel) => sum + channel.netCharged(orderId), 0);

  it('pay and cancel racing: exactly one wins, the unit returns only if cancel won, nobody is charged for a cancelled order', async () => {
    const shoppers = await op.shoppers(60, {}, '1361');
    const { sessionId } = await op.session();
    const itemId = await op.item(sessionId, { stock: 60, flashPrice: 990 });
    const orders = await Promise.all(
      shoppers.map(async (s, i) => ({ shopper: s, orderId: (await reserve(s.token, sessionId, itemId, `race-${i}`)).json().orderId as string })),
    );

    const outcomes = await Promise.all(
      orders.map(async ({ shopper, orderId }, i) => {
        const pay = () => t.platform.app.inject({ method: 'POST', url: `/api/orders/${orderId}/payments`, headers: bearer(shopper.token), payload: {} });
        const cancel = () =>
          t.platform.app.inject({ method: 'POST', url: `/api/orders/${orderId}/cancel`, headers: bearer(shopper.token), payload: {} });
        // A third cancel first, a third pay first, and a third race for real: the cancel lands
        // 0–40 ms into a 20 ms charge, before, during or after the pay settles.
        let p;
        let c;
        if (i % 3 === 0) {
          c = await cancel();
          p = await pay();
        } else if (i % 3 === 1) {
          p = await pay();
          c = await cancel();
        } else {
          [p, c] = await Promise.all([pay(), delay((i % 5) * 10).then(cancel)]);
        }
        const final = (await t.platform.app.inject({ url: `/api/orders/${orderId}`, headers: bearer(shopper.token) })).json();
        return { orderId, pay: p.statusCode, payCode: p.json().error?.code, cancel: c.statusCode, cancelCode: c.json().error?.code, status: final.status };
      }),
    );

    for (const o of outcomes) {
      if (o.status === 'paid') {
        expect(o.pay).toBe(200);
        expect(o.cancelCode).toBe('ORDER_NOT_CANCELLABLE');
        expect(netCharged(o.orderId)).toBe(990);
      } else {
        expect(o.status).toBe('cancelled');
        expect(o.cancel).toBe(200);
        expect(o.payCode).toBe('ORDER_CANCELLED');
        expect(netCharged(o.orderId)).toBe(0);
      }
    }
    const cancelled = outcomes.filter((o) => o.status === 'cancelled').length;
    expect(cancelled).toBeGreaterThan(0);
    expect(cancelled).toBeLessThan(outcomes.length);
    // Each cancelled order returned exactly one unit.
    expect(t.platform.services.hot.remaining(itemId)).toBe(cancelled);
  });

  it('the deadline racing a payment in flight: one wins, never both', async () => {
    const shoppers = await op.shoppers(20, {}, '1362');
    const { sessionId } = await op.session({ paymentWindowSeconds: 60 });
    const itemId = await op.item(sessionId, { stock: 20, flashPrice: 500 });
    const orders = await Promise.all(
      shoppers.map(async (s, i) => ({ shopper: s, orderId: (await reserve(s.token, sessionId, itemId, `due-${i}`)).json().orderId as string })),
    );
    // Start every payment, then move the clock past the deadline and sweep while charges are in flight.
    const payments = orders.map(({ shopper, orderId }) =>
      t.platform.app.inject({ method: 'POST', url: `/api/orders/${orderId}/payments`, headers: bearer(shopper.token), payload: {} }),
    );
    await new Promise((r) => setTimeout(r, 5));
    clock.advance(61_000);
    const swept = await t.platform.services.sweeper.sweep();
    const answers = await Promise.all(payments);

    let paid = 0;
    let cancelled = 0;
    for (const [i, answer] of answers.entries()) {
      const { orderId, shopper } = orders[i];
      const status = (await t.platform.app.inject({ url: `/api/orders/${orderId}`, headers: bearer(shopper.token) })).json().status;
      if (status === 'paid') {
        paid++;
        expect(answer.statusCode).toBe(200);
        expect(netCharged(orderId)).toBe(500);
      } else {
        cancelled++;
        expect(status).toBe('cancelled');
        expect(answer.statusCode).toBe(409);
        expect(netCharged(orderId)).toBe(0);
      }
    }
    // The background sweeper may have cancelled some of them before this sweep did.
    expect(paid + cancelled).toBe(orders.length);
    expect(swept).toBeLessThanOrEqual(cancelled);
    expect(t.platform.services.hot.remaining(itemId)).toBe(cancelled);
  });

  it('the same Idempotency-Key sent 50 times at once makes one order', async () => {
    const [shopper] = await op.shoppers(1, {}, '1363');
    const { sessionId } = await op.session();
    const itemId = await op.item(sessionId, { stock: 5, perUserLimit: 3 });
    const answers = await Promise.all(Array.from({ length: 50 }, () => reserve(shopper.token, sessionId, itemId, 'double-click')));
    expect(new Set(answers.map((a) => a.statusCode))).toEqual(new Set([201]));
    expect(new Set(answers.map((a) => a.json().orderId)).size).toBe(1);
    expect(t.platform.services.hot.remaining(itemId)).toBe(4);
    await t.platform.services.scaled?.catchUp(); // scaled: the order pipeline writes the rows
    const rows = await t.platform.services.db.query(`select id from orders where item_id = $1`, [itemId]);
    expect(rows).toHaveLength(1);
  });

  it('keeps an Idempotency-Key with quotes, backslashes and braces exactly as sent', async () => {
    const [shopper] = await op.shoppers(1, {}, '1366');
    const { sessionId } = await op.session();
    const itemId = await op.item(sessionId, { stock: 5 });
    const key = 'we"ird\\key,{1,2} 秒杀';
    const first = await reserve(shopper.token, sessionId, itemId, key);
    expect(first.statusCode).toBe(201);
    await t.platform.services.scaled?.catchUp();
    const [row] = await t.platform.services.db.query<{ idempotency_key: string }>(
      `select idempotency_key from orders where id = $1`,
      [first.json().orderId],
    );
    expect(row.idempotency_key).toBe(key);
    expect((await reserve(shopper.token, sessionId, itemId, key)).json().orderId).toBe(first.json().orderId);
  });

  it('paying the same order 10 times at once charges once', async () => {
    const [shopper] = await op.shoppers(1, {}, '1364');
    const { sessionId } = await op.session();
    const itemId = await op.item(sessionId, { flashPrice: 4200 });
    const orderId = (await reserve(shopper.token, sessionId, itemId, 'pay-many')).json().orderId;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.platform.app.inject({ method: 'POST', url: `/api/orders/${orderId}/payments`, headers: bearer(shopper.token), payload: {} }),
      ),
    );
    expect(new Set(answers.map((a) => a.statusCode))).toEqual(new Set([200]));
    expect(answers.every((a) => a.json().status === 'paid')).toBe(true);
    expect(netCharged(orderId)).toBe(4200);
    const payments = await t.platform.services.db.query(`select id from payments where order_id = $1 and status = 'succeeded'`, [orderId]);
    expect(payments).toHaveLength(1);
  });
});
