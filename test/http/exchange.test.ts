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

  it('offers goods for points: a shopper redeems the last unit, the next one is refunded, the operator sees it to ship', async () => {
    const created = await inject('POST', '/api/admin/exchange-offers', t.admin, { kind: 'goods', goodsName: '定制保温杯', quantity: 1, currency: 'points', price: 5, perUserLimit: 1 });
    expect(created.statusCode).toBe(201);
    const offer = created.json();
    expect(offer).toMatchObject({ kind: 'goods', goodsName: '定制保温杯', quantity: 1, template: null, left: 1 });
    expect((await inject('GET', '/api/exchange-offers', {})).json().offers).toContainEqual(expect.objectContaining({ id: offer.id, kind: 'goods' }));

    const [first, second] = shoppers.map((s) => bearer(s.token));
    const body = { offerId: offer.id };
    for (const s of shoppers) await t.platform.services.points.change(s.id, 'points', 20, 'top-up', `goods-test:${s.id}`);
    const before = (await inject('GET', '/api/me/points', second)).json().balances.points;
    const redeemed = await inject('POST', '/api/me/exchanges', first, body);
    expect(redeemed.statusCode).toBe(201);
    expect(redeemed.json()).toMatchObject({ status: 'granted', goodsName: '定制保温杯', coupon: null, shippedAt: null });
    expectError(await inject('POST', '/api/me/exchanges', second, body), 409, 'GOODS_GONE');
    expect((await inject('GET', '/api/me/points', second)).json().balances.points).toBe(before);

    const toShip = await inject('GET', `/api/admin/exchange-offers/${offer.id}/redemptions`, t.admin);
    expect(toShip.statusCode).toBe(200);
    expect(toShip.json().redemptions).toEqual([expect.objectContaining({ id: redeemed.json().id, userId: shoppers[0].id, goodsName: '定制保温杯', shippedAt: null })]);
    const shipped = await inject('POST', `/api/admin/exchanges/${redeemed.json().id}/shipped`, t.admin, {});
    expect(shipped.statusCode).toBe(200);
    expect(shipped.json().shippedAt).toEqual(expect.any(String));
    expect((await inject('GET', '/api/me/exchanges', first)).json().exchanges[0]).toMatchObject({ goodsName: '定制保温杯', shippedAt: shipped.json().shippedAt });
    expectError(await inject('GET', '/api/admin/exchange-offers/999999/redemptions', t.admin), 404, 'NOT_FOUND');
    expectError(await inject('GET', `/api/admin/exchange-offers/${offer.id}/redemptions`, first), 403, 'FORBIDDEN');
    expectError(await inject('POST', '/api/admin/exchanges/999999/shipped', t.admin, {}), 404, 'NOT_FOUND');
  });

  it('answers bad input with 400 and no token with 401', async () => {
    for (const body of [{ templateId: '1', currency: 'gold', price: 1, perUserLimit: 1 }, { templateId: '1', currency: 'points', price: 0, perUserLimit: 1 }, { templateId: '999999', currency: 'points', price: 1, perUserLimit: 1 },
      { kind: 'goods', goodsName: '', quantity: 5, currency: 'points', price: 1, perUserLimit: 1 },
      { kind: 'goods', goodsName: '定制保温杯', quantity: 0, currency: 'points', price: 1, perUserLimit: 1 },
      { kind: 'goods', goodsName: '定制保温杯', currency: 'points', price: 1, perUserLimit: 1 },
      { kind: 'goods', templateId: '1', goodsName: '定制保温杯', quantity: 5, currency: 'points', price: 1, perUserLimit: 1 },
      { kind: 'coupon', goodsName: '定制保温杯', quantity: 5, currency: 'points', price: 1, perUserLimit: 1 }]) {
      expectError(await inject('POST', '/api/admin/exchange-offers', t.admin, body), 400, 'INVALID_REQUEST');
    }
    expectError(await inject('POST', '/api/me/exchanges', {}, { offerId: '1' }), 401, 'UNAUTHORIZED');
    expectError(await inject('POST', '/api/me/exchanges', bearer(shoppers[0].token), { offerId: 'x' }), 400, 'INVALID_REQUEST');
    const doc = (await inject('GET', '/openapi.json', {})).json();
    expect(JSON.stringify(doc.paths['/api/admin/exchange-offers'].post.requestBody)).toContain('goodsName');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/admin/exchange-offers', '/api/admin/exchange-offers/{id}/redemptions', '/api/admin/exchanges/{id}/shipped', '/api/exchange-offers', '/api/me/exchanges']));
  });
});
