import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, injector } from '../support/api.js';
import { type TestPlatform, startTestPlatform } from '../support/platform.js';
import { Operator, bearer } from '../support/shop.js';

const hour = 3_600_000;

describe.each(['pglite', 'postgres'] as const)('exchange over HTTP on %s', (backend) => {
  let t: TestPlatform;
  let shoppers: { id: string; token: string }[];

  beforeAll(async () => {
    t = await startTestPlatform(backend);
    shoppers = await new Operator(t.platform.app, t.admin).shoppers(2, {}, '1355');
  });
  afterAll(() => t.close());

  const inject = injector(() => t.platform.app);

  it('offers a coupon for energy; a shopper redeems it once, the last one is refunded when the coupons run out', async () => {
    const now = t.platform.services.clock.now();
    const coupon = (
      await inject('POST', '/api/admin/coupons', t.admin, {
        name: '能量兑 5 元券',
        kind: 'amount',
        amountOff: 500,
        totalQuantity: 1,
        validFrom: new Date(now - hour).toISOString(),
        validTo: new Date(now + 48 * hour).toISOString(),
        handout: 'grant',
      })
    ).json();
    const offer = await inject('POST', '/api/admin/exchange-offers', t.admin, { templateId: coupon.id, currency: 'energy', price: 10, perUserLimit: 1 });
    expect(offer.statusCode).toBe(201);
    expect(offer.json()).toMatchObject({ left: 1, active: true });
    expect((await inject('GET', '/api/exchange-offers', {})).json().offers.map((o: { id: string }) => o.id)).toContain(offer.json().id);

    const [first, second] = shoppers.map((s) => bearer(s.token));
    const body = { offerId: offer.json().id };
    expectError(await inject('POST', '/api/me/exchanges', first, body), 409, 'POINTS_INSUFFICIENT');
    for (const me of [first, second]) await inject('POST', '/api/me/check-ins', me, {});
    const redeemed = await inject('POST', '/api/me/exchanges', first, body);
    expect(redeemed.statusCode).toBe(201);
    expect(redeemed.json()).toMatchObject({ status: 'granted', coupon: { template: { id: coupon.id } } });
    expectError(await inject('POST', '/api/me/exchanges', first, body), 409, 'EXCHANGE_LIMIT_REACHED');
    expectError(await inject('POST', '/api/me/exchanges', second, body), 409, 'COUPONS_GONE');
    expect((await inject('GET', '/api/me/points', second)).json().balances.energy).toBe(10);
    expect((await inject('GET', '/api/me/exchanges', second)).json().exchanges[0].status).toBe('refunded');
    expect((await inject('GET', '/api/admin/exchange-offers', t.admin)).json().offers[0]).toMatchObject({ left: 0 });

    // Closed to shoppers, then opened again.
    const closed = await inject('PATCH', `/api/admin/exchange-offers/${offer.json().id}`, t.admin, { active: false });
    expect(closed.json()).toMatchObject({ active: false });
    expect((await inject('GET', '/api/exchange-offers', {})).json().offers.map((o: { id: string }) => o.id)).not.toContain(offer.json().id);
    expectError(await inject('POST', '/api/me/exchanges', first, body), 409, 'OFFER_CLOSED');
    expect((await inject('PATCH', `/api/admin/exchange-offers/${offer.json().id}`, t.admin, { active: true })).json()).toMatchObject({ active: true });
    expectError(await inject('PATCH', '/api/admin/exchange-offers/999999', t.admin, { active: true }), 404, 'NOT_FOUND');
    expectError(await inject('PATCH', `/api/admin/exchange-offers/${offer.json().id}`, first, { active: true }), 403, 'FORBIDDEN');
  });

  it('answers bad input with 400 and no token with 401', async () => {
    for (const body of [{ templateId: '1', currency: 'gold', price: 1, perUserLimit: 1 }, { templateId: '1', currency: 'points', price: 0, perUserLimit: 1 }, { templateId: '999999', currency: 'points', price: 1, perUserLimit: 1 }]) {
      expectError(await inject('POST', '/api/admin/exchange-offers', t.admin, body), 400, 'INVALID_REQUEST');
    }
    expectError(await inject('POST', '/api/me/exchanges', {}, { offerId: '1' }), 401, 'UNAUTHORIZED');
    expectError(await inject('POST', '/api/me/exchanges', bearer(shoppers[0].token), { offerId: 'x' }), 400, 'INVALID_REQUEST');
    const doc = (await inject('GET', '/openapi.json', {})).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/admin/exchange-offers', '/api/exchange-offers', '/api/me/exchanges']));
  });
});
