import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { ShopperApi, expectError, phonePrefixes, sessionAt } from '../support/api.js';
import { type TestPlatform, backends, startTestPlatform } from '../support/platform.js';
import { Operator } from '../support/shop.js';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

/**
 * The platform's clock is the only clock: these tests move it instead of sleeping. Sessions are placed
 * relative to the clock's "now", and the clock only ever moves forward, so tests don't disturb each other.
 */
describe.each(backends)('time-driven rules with a manual clock on %s', (backend) => {
  let t: TestPlatform;
  let app: FastifyInstance;
  let clock: ManualClock;
  let op: Operator;
  let api: ShopperApi;
  const prefix = phonePrefixes(190);

  beforeAll(async () => {
    clock = new ManualClock(Date.now());
    t = await startTestPlatform(backend, {
      clock,
      shopperRate: { perSecond: 1, burst: 2 },
      // Only the test sweeps, so it sees exactly what one pass does.
      sweepIntervalMs: hour,
    });
    app = t.platform.app;
    op = new Operator(app, t.admin);
    api = new ShopperApi(app);
  });
  afterAll(async () => {
    await t?.close();
  });

  const session = (startsIn: number, lasts: number, paymentWindowSeconds?: number) =>
    sessionAt(app, t.admin, clock.now() + startsIn, clock.now() + startsIn + lasts, paymentWindowSeconds);

  it('shows session state by the server clock: upcoming, live at the start ms, ended at the end ms', async () => {
    const startsAt = clock.now() + minute;
    const { sessionId, campaignId } = await sessionAt(app, t.admin, startsAt, startsAt + minute);
    const state = async () => {
      const s = await api.session(sessionId);
      expect(s.serverTime).toBe(new Date(clock.now()).toISOString());
      return s.state;
    };
    expect(await state()).toBe('upcoming');
    clock.set(startsAt - 1);
    expect(await state()).toBe('upcoming');
    clock.set(startsAt);
    expect(await state()).toBe('live');
    expect((await app.inject({ url: `/api/campaigns/${campaignId}` })).json().sessions[0].state).toBe('live');
    clock.set(startsAt + minute - 1);
    expect(await state()).toBe('live');
    clock.set(startsAt + minute);
    expect(await state()).toBe('ended');
    const time = (await app.inject({ url: '/api/time' })).json();
    expect(time.epochMs).toBe(clock.now());
  });

  it('opens the sale at the exact start millisecond', async () => {
    const [shopper] = await op.shoppers(1, {}, prefix());
    const startsAt = clock.now() + 10 * second;
    const { sessionId } = await sessionAt(app, t.admin, startsAt, startsAt + hour);
    const itemId = await op.item(sessionId);
    expectError(await api.reserve(shopper.token, sessionId, itemId, 'k1'), 409, 'NOT_STARTED');
    clock.set(startsAt - 1);
    expectError(await api.reserve(shopper.token, sessionId, itemId, 'k2'), 409, 'NOT_STARTED');
    clock.set(startsAt);
    expect((await api.reserve(shopper.token, sessionId, itemId, 'k3')).statusCode).toBe(201);
  });

  it('opens the priority window exactly 10 minutes early for vip, and not a millisecond sooner', async () => {
    const [vip] = await op.shoppers(1, { tier: 'vip' }, prefix());
    const startsAt = clock.now() + 20 * minute;
    const { sessionId } = await sessionAt(app, t.admin, startsAt, startsAt + hour);
    const itemId = await op.item(sessionId, { eligibility: { priorityWindow: { minTier: 'gold', minutes: 10 } } });
    clock.set(startsAt - 10 * minute - 1);
    expectError(await api.reserve(vip.token, sessionId, itemId, 'k1'), 409, 'NOT_STARTED');
    clock.set(startsAt - 10 * minute);
    expect((await api.reserve(vip.token, sessionId, itemId, 'k2')).statusCode).toBe(201);
  });

  it('refuses with 409 ENDED from the end millisecond on', async () => {
    const [early, late] = await op.shoppers(2, {}, prefix());
    const { sessionId } = await session(-second, minute);
    const itemId = await op.item(sessionId);
    const endsAt = Date.parse((await api.session(sessionId)).endsAt);
    clock.set(endsAt - 1);
    expect((await api.reserve(early.token, sessionId, itemId, 'k')).statusCode).toBe(201);
    clock.set(endsAt);
    expectError(await api.reserve(late.token, sessionId, itemId, 'k'), 409, 'ENDED');
    expect(await api.stock(sessionId, itemId)).toBe(9);
  });

  it('answers a retry of a reservation made before the end with the same order, even after the end', async () => {
    // The shopper's first 201 was lost; they hold the order and must learn its id to pay for it.
    const [shopper] = await op.shoppers(1, {}, prefix());
    const { sessionId } = await session(-second, minute);
    const itemId = await op.item(sessionId);
    const first = await api.reserve(shopper.token, sessionId, itemId, 'lost');
    expect(first.statusCode).toBe(201);
    clock.advance(minute);
    const retry = await api.reserve(shopper.token, sessionId, itemId, 'lost');
    expect({ status: retry.statusCode, body: retry.json() }).toEqual({ status: 201, body: first.json() });
  });

  it('pays up to the last millisecond before the deadline; from the deadline on answers 409 PAYMENT_EXPIRED', async () => {
    const [onTime, tooLate] = await op.shoppers(2, {}, prefix());
    const { sessionId } = await session(-second, hour, 30);
    const itemId = await op.item(sessionId, { flashPrice: 500 });
    const a = (await api.reserve(onTime.token, sessionId, itemId, 'k')).json();
    const b = (await api.reserve(tooLate.token, sessionId, itemId, 'k')).json();
    expect(Date.parse(b.payBefore)).toBe(clock.now() + 30 * second);

    clock.set(Date.parse(a.payBefore) - 1);
    const paid = await api.pay(onTime.token, a.orderId);
    expect(paid.statusCode).toBe(200);
    expect(paid.json().status).toBe('paid');

    clock.set(Date.parse(b.payBefore));
    expectError(await api.pay(tooLate.token, b.orderId), 409, 'PAYMENT_EXPIRED');
    const order = (await api.order(tooLate.token, b.orderId)).json();
    expect(order).toMatchObject({ status: 'reserved', payment: null });
    const channels = t.platform.services.paymentChannels;
    expect(channels.flatMap((c) => c.ledger()).filter((e) => e.orderId === b.orderId)).toEqual([]);
  });

  it('the deadline sweeper cancels an unpaid order after its deadline and puts its unit back, once', async () => {
    const [late, paying, patient] = await op.shoppers(3, {}, prefix());
    const short = await session(-second, hour, 30);
    const itemId = await op.item(short.sessionId, { stock: 5 });
    const long = await session(-second, hour);
    const otherItem = await op.item(long.sessionId, { stock: 5 });
    const unpaid = await api.reserved(late.token, short.sessionId, itemId, 'k');
    const settled = await api.reserved(paying.token, short.sessionId, itemId, 'k');
    const notYetDue = await api.reserved(patient.token, long.sessionId, otherItem, 'k');
    await api.pay(paying.token, settled);
    expect(await api.stock(short.sessionId, itemId)).toBe(3);

    // Before the deadline the sweeper leaves everything alone.
    clock.advance(29 * second);
    await t.platform.services.sweeper.sweep();
    expect((await api.order(late.token, unpaid)).json().status).toBe('reserved');

    clock.advance(2 * second);
    expect(await t.platform.services.sweeper.sweep()).toBeGreaterThanOrEqual(1);
    const order = (await api.order(late.token, unpaid)).json();
    expect(order).toMatchObject({ status: 'cancelled', cancelReason: 'payment deadline passed' });
    expect(Date.parse(order.cancelledAt)).toBe(clock.now());
    expect(await api.stock(short.sessionId, itemId)).toBe(4);
    // Paid orders and orders not yet due are untouched.
    expect((await api.order(paying.token, settled)).json().status).toBe('paid');
    expect((await api.order(patient.token, notYetDue)).json().status).toBe('reserved');
    expect(await api.stock(long.sessionId, otherItem)).toBe(4);

    // A second pass and the shopper's own cancel return nothing more.
    await t.platform.services.sweeper.sweep();
    const cancel = await api.cancel(late.token, unpaid);
    expect(cancel.statusCode).toBe(200);
    expect(cancel.json().status).toBe('cancelled');
    expect(await api.stock(short.sessionId, itemId)).toBe(4);
    expectError(await api.pay(late.token, unpaid), 409, 'ORDER_CANCELLED');

    const stats = await app.inject({ url: `/api/admin/sessions/${short.sessionId}/stats`, headers: t.admin });
    expect(stats.json().items[0]).toMatchObject({ stock: 4, reserved: 0, paid: 1, cancelled: 1 });
    // The shopper's limit is free again: they may buy the unit back.
    expect((await api.reserve(late.token, short.sessionId, itemId, 'again')).statusCode).toBe(201);
  });

  it('a payment still in flight when the deadline cancels the order is refunded: the cancellation wins', async () => {
    const [shopper] = await op.shoppers(1, {}, prefix());
    const { sessionId } = await session(-second, hour, 30);
    const itemId = await op.item(sessionId, { stock: 5, flashPrice: 700 });
    const { orderId, payBefore } = (await api.reserve(shopper.token, sessionId, itemId, 'k')).json();
    const channels = t.platform.services.paymentChannels;
    const db = t.platform.services.db;
    channels.forEach((c) => c.configure({ latencyMs: 300 }));
    try {
      clock.set(Date.parse(payBefore) - 1);
      const paying = api.pay(shopper.token, orderId);
      // Wait until the charge is under way, then let the deadline pass and the sweeper run.
      for (let i = 0; i < 200; i++) {
        const rows = await db.query<{ status: string }>('select status from payments where order_id = $1', [orderId]);
        if (rows.some((r) => r.status === 'pending')) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      clock.set(Date.parse(payBefore));
      await t.platform.services.sweeper.sweep();
      expectError(await paying, 409, 'ORDER_CANCELLED');
    } finally {
      channels.forEach((c) => c.configure({ latencyMs: 1 }));
    }
    expect((await api.order(shopper.token, orderId)).json()).toMatchObject({ status: 'cancelled', paidAt: null });
    expect(channels.reduce((sum, c) => sum + c.netCharged(orderId), 0)).toBe(0);
    expect(await api.stock(sessionId, itemId)).toBe(5);
  });

  it('answers 429 RATE_LIMITED with Retry-After past the burst, per shopper, until time passes', async () => {
    const [eager, calm] = await op.shoppers(2, {}, prefix());
    const { sessionId } = await session(-second, hour);
    const itemId = await op.item(sessionId, { stock: 10, perUserLimit: 2 });

    expect((await api.reserve(eager.token, sessionId, itemId, 'a')).statusCode).toBe(201);
    expect((await api.reserve(eager.token, sessionId, itemId, 'b')).statusCode).toBe(201);
    const limited = await api.reserve(eager.token, sessionId, itemId, 'c');
    expectError(limited, 429, 'RATE_LIMITED');
    expect(limited.headers['retry-after']).toBe('1');
    expect(await api.stock(sessionId, itemId)).toBe(8);
    // Another shopper has their own budget.
    expect((await api.reserve(calm.token, sessionId, itemId, 'a')).statusCode).toBe(201);

    clock.advance(second);
    expectError(await api.reserve(eager.token, sessionId, itemId, 'c'), 409, 'LIMIT_REACHED');
    expectError(await api.reserve(eager.token, sessionId, itemId, 'd'), 429, 'RATE_LIMITED');
  });

  it('the event stream announces the session going live', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const startsAt = clock.now() + minute;
    const { sessionId } = await sessionAt(app, t.admin, startsAt, startsAt + hour);
    const controller = new AbortController();
    const watchdog = setTimeout(() => controller.abort(), 10_000);
    const res = await fetch(`${base}/api/sessions/${sessionId}/events`, { signal: controller.signal });
    const reader = res.body!.getReader();
    try {
      const decoder = new TextDecoder();
      let text = '';
      while (!text.includes('\n\n')) text += decoder.decode((await reader.read()).value, { stream: true });
      expect(text).toMatch(/^event: snapshot\n/);
      expect(text).toContain('"state":"upcoming"');
      clock.set(startsAt);
      while (!text.includes('event: state')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
      const data = /event: state\ndata: (.*)\n/.exec(text)?.[1];
      expect(JSON.parse(data!)).toEqual({ sessionId, state: 'live', serverTime: new Date(startsAt).toISOString() });
    } finally {
      clearTimeout(watchdog);
      await reader.cancel().catch(() => {});
    }
  });
});
