import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { injector } from '../support/api.js';
import { type TestPlatform, startTestPlatform } from '../support/platform.js';
import { Operator, bearer } from '../support/shop.js';

const minute = 60_000;

describe.each(['pglite', 'postgres'] as const)('bookings over HTTP on %s', (backend) => {
  let t: TestPlatform;
  let operator: Operator;
  let shoppers: { id: string; token: string }[];
  const clock = new ManualClock(Date.now());

  beforeAll(async () => {
    t = await startTestPlatform(backend, { clock });
    operator = new Operator(t.platform.app, t.admin);
    shoppers = await operator.shoppers(20, {}, '1388');
  });
  afterAll(() => t.close());

  const inject = injector(() => t.platform.app);

  async function giftCoupon(totalQuantity = 50): Promise<string> {
    const res = await inject('POST', '/api/admin/coupons', t.admin, {
      name: '预约礼券',
      kind: 'amount',
      amountOff: 500,
      totalQuantity,
      handout: 'grant',
      validFrom: new Date(clock.now() - minute).toISOString(),
      validTo: new Date(clock.now() + 24 * 60 * minute).toISOString(),
    });
    expect(res.statusCode).toBe(201);
    return res.json().id;
  }

  it('books an upcoming session with its gift for the first K, exactly, when 20 shoppers book at once', async () => {
    const { sessionId } = await operator.session({ startsIn: 60 * minute });
    expect((await inject('GET', `/api/sessions/${sessionId}/booking-gift`, {})).json()).toEqual({ sessionId, booked: 0, gift: null });
    const couponTemplateId = await giftCoupon();
    const set = await inject('PUT', `/api/admin/sessions/${sessionId}/booking-gift`, t.admin, { couponTemplateId, firstK: 5 });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ sessionId, booked: 0, gift: { couponTemplateId, couponName: '预约礼券', firstK: 5, left: 5 } });

    const answers = await Promise.all(shoppers.map((s) => inject('POST', '/api/me/bookings', bearer(s.token), { sessionId })));
    expect(answers.every((r) => r.statusCode === 201)).toBe(true);
    const gifted = answers.map((r) => r.json()).filter((b) => b.gift !== null);
    expect(gifted).toHaveLength(5);
    expect(gifted.every((b) => b.gift.state === 'granted')).toBe(true);
    expect((await inject('GET', `/api/sessions/${sessionId}/booking-gift`, {})).json()).toMatchObject({ booked: 20, gift: { firstK: 5, left: 0 } });

    const again = await inject('POST', '/api/me/bookings', bearer(shoppers[0].token), { sessionId });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_BOOKED');

    // A winner's coupon is in the wallet and stays there after a cancel.
    const winner = shoppers[answers.findIndex((r) => r.json().gift !== null)];
    expect((await inject('DELETE', `/api/me/bookings/${sessionId}`, bearer(winner.token))).statusCode).toBe(204);
    expect((await inject('GET', '/api/me/bookings', bearer(winner.token))).json()).toEqual({ bookings: [] });
    const wallet = (await inject('GET', '/api/me/coupons', bearer(winner.token))).json().coupons;
    expect(wallet.filter((c: { template: { id: string } }) => c.template.id === couponTemplateId)).toHaveLength(1);
    const gone = await inject('DELETE', `/api/me/bookings/${sessionId}`, bearer(winner.token));
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('BOOKING_NOT_FOUND');

    const mine = (await inject('GET', '/api/me/bookings', bearer(shoppers[1].token))).json().bookings;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ sessionId, campaignName: 'Double 11' });
  });

  it('refuses bookings once the session has started, and bad input, with stable codes', async () => {
    const { sessionId } = await operator.session({ startsIn: -minute });
    const late = await inject('POST', '/api/me/bookings', bearer(shoppers[0].token), { sessionId });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('BOOKING_CLOSED');
    const couponTemplateId = await giftCoupon();
    const lateGift = await inject('PUT', `/api/admin/sessions/${sessionId}/booking-gift`, t.admin, { couponTemplateId, firstK: 3 });
    expect(lateGift.json().error.code).toBe('BOOKING_CLOSED');

    expect((await inject('POST', '/api/me/bookings', {}, { sessionId })).statusCode).toBe(401);
    expect((await inject('PUT', `/api/admin/sessions/${sessionId}/booking-gift`, bearer(shoppers[0].token), { couponTemplateId, firstK: 3 })).statusCode).toBe(403);
    for (const body of [{}, { sessionId: 'x' }, { sessionId, extra: 1 }]) {
      const res = await inject('POST', '/api/me/bookings', bearer(shoppers[0].token), body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('INVALID_REQUEST');
    }
    const upcoming = await operator.session({ startsIn: 60 * minute });
    for (const body of [{ couponTemplateId, firstK: 0 }, { couponTemplateId: 'x', firstK: 1 }, { firstK: 2 }]) {
      const res = await inject('PUT', `/api/admin/sessions/${upcoming.sessionId}/booking-gift`, t.admin, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await inject('POST', '/api/me/bookings', bearer(shoppers[0].token), { sessionId: '987654' })).json().error.code).toBe('NOT_FOUND');
    expect((await inject('GET', '/api/sessions/987654/booking-gift', {})).statusCode).toBe(404);
  });

  it('documents the routes in /openapi.json', async () => {
    const paths = Object.keys((await inject('GET', '/openapi.json', {})).json().paths);
    for (const path of ['/api/me/bookings', '/api/me/bookings/{sessionId}', '/api/sessions/{id}/booking-gift', '/api/admin/sessions/{id}/booking-gift']) {
      expect(paths).toContain(path);
    }
  });
});
