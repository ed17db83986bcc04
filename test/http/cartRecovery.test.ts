import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { expectError, injector } from '../support/api.js';
import { type TestPlatform, startTestPlatform } from '../support/platform.js';
import { Operator, bearer } from '../support/shop.js';

const minute = 60_000;
const start = Date.UTC(2026, 10, 11, 2, 0, 0);

describe.each(['pglite', 'postgres'] as const)('the cart-abandon coupon over HTTP on %s', (backend) => {
  let t: TestPlatform;
  const clock = new ManualClock(start);
  let shopper: { id: string; token: string };

  beforeAll(async () => {
    t = await startTestPlatform(backend, { clock });
    [shopper] = await new Operator(t.platform.app, t.admin).shoppers(1, {}, '1355');
  });
  afterAll(() => t.close());

  const inject = injector(() => t.platform.app);
  const created = async (url: string, body: unknown) => {
    const res = await inject('POST', url, t.admin, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const coupon = (handout: 'claim' | 'grant') =>
    created('/api/admin/coupons', {
      name: handout === 'grant' ? '购物车挽回券' : '满100减10',
      kind: 'amount',
      amountOff: 1_000,
      totalQuantity: 100,
      validFrom: new Date(start - minute).toISOString(),
      validTo: new Date(start + 7 * 24 * 60 * minute).toISOString(),
      validMinutes: 30,
      handout,
    });

  it('is for the operator only, refuses a claimed coupon, unknown templates and bad minutes, and is documented', async () => {
    const claimed = await coupon('claim');
    expectError(await inject('GET', '/api/admin/cart-abandon', {}), 401, 'UNAUTHORIZED');
    expectError(await inject('PUT', '/api/admin/cart-abandon', bearer(shopper.token), { enabled: false }), 403, 'FORBIDDEN');
    expectError(await inject('PUT', '/api/admin/cart-abandon', t.admin, { enabled: true, templateId: claimed.id, afterMinutes: 60 }), 400, 'CART_ABANDON_NOT_GRANT');
    expectError(await inject('PUT', '/api/admin/cart-abandon', t.admin, { enabled: true, templateId: '999999', afterMinutes: 60 }), 404, 'NOT_FOUND');
    for (const body of [{ enabled: true, templateId: claimed.id, afterMinutes: 0 }, { enabled: true, templateId: 'x', afterMinutes: 60 }, { enabled: true }, { enabled: 'off' }, { enabled: false, extra: 1 }]) {
      expectError(await inject('PUT', '/api/admin/cart-abandon', t.admin, body), 400, 'INVALID_REQUEST');
    }
    expect((await inject('GET', '/api/admin/cart-abandon', t.admin)).json()).toEqual({ enabled: false, templateId: null, afterMinutes: null, since: null });
    const doc = (await inject('GET', '/openapi.json', {})).json();
    expect(Object.keys(doc.paths['/api/admin/cart-abandon']).sort()).toEqual(['get', 'put']);
    expect(doc.paths['/api/admin/cart-abandon'].put.security).toEqual([{ bearer: [] }]);
  });

  it('turned on, gives a shopper who left a cart one 30-minute coupon and an inbox message', async () => {
    const template = await coupon('grant');
    const on = await inject('PUT', '/api/admin/cart-abandon', t.admin, { enabled: true, templateId: template.id, afterMinutes: 60 });
    expect(on.json()).toEqual({ enabled: true, templateId: template.id, afterMinutes: 60, since: new Date(start).toISOString() });
    expect((await inject('GET', '/api/admin/cart-abandon', t.admin)).json()).toEqual(on.json());

    const merchant = await created('/api/admin/merchants', { name: '良品铺子' });
    const nuts = await created('/api/admin/products', { merchantId: merchant.id, category: 'snacks', title: '坚果礼盒', price: 12_800, stock: 10 });
    expect((await inject('PUT', `/api/me/cart/lines/${nuts.id}`, bearer(shopper.token), { quantity: 1 })).statusCode).toBe(200);
    clock.advance(61 * minute);
    const { services } = t.platform;
    await Promise.all([services.cartRecovery.pass(), services.cartRecovery.pass()]);
    await services.reminders.run();

    const wallet = (await inject('GET', '/api/me/coupons', bearer(shopper.token))).json().coupons;
    expect(wallet).toHaveLength(1);
    expect(wallet[0]).toMatchObject({ state: 'available', expiresAt: new Date(clock.now() + 30 * minute).toISOString() });
    const inbox = (await inject('GET', '/api/me/inbox', bearer(shopper.token))).json();
    expect(inbox.messages).toHaveLength(1);
    expect(inbox.messages[0]).toMatchObject({ kind: 'cart_abandon', link: '/cart', payload: { couponId: wallet[0].id } });

    const off = await inject('PUT', '/api/admin/cart-abandon', t.admin, { enabled: false });
    expect(off.json().enabled).toBe(false);
  });
});
