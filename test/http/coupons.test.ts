import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injector } from '../support/api.js';
import { type TestPlatform, startTestPlatform } from '../support/platform.js';
import { Operator, bearer } from '../support/shop.js';

const hour = 3_600_000;

describe.each(['pglite', 'postgres'] as const)('coupons over HTTP on %s', (backend) => {
  let t: TestPlatform;
  let shoppers: { id: string; token: string }[];

  beforeAll(async () => {
    t = await startTestPlatform(backend);
    shoppers = await new Operator(t.platform.app, t.admin).shoppers(12, {}, '1377');
  });
  afterAll(() => t.close());

  const inject = injector(() => t.platform.app);

  const window = () => ({ validFrom: new Date(Date.now() - hour).toISOString(), validTo: new Date(Date.now() + hour).toISOString() });

  it('refuses a badly described coupon with 400 and changes nothing', async () => {
    const bad = [
      { name: 'x', kind: 'amount', totalQuantity: 5, ...window() }, // no amountOff
      { name: 'x', kind: 'percent', percentOff: 100, totalQuantity: 5, ...window() },
      { name: 'x', kind: 'amount', amountOff: 500, percentOff: 10, totalQuantity: 5, ...window() },
      { name: 'x', kind: 'amount', amountOff: 5000, threshold: 3000, totalQuantity: 5, ...window() }, // more off than the threshold
      { name: 'x', kind: 'amount', amountOff: 500, totalQuantity: 5, validFrom: window().validTo, validTo: window().validFrom },
      { name: 'x', kind: 'amount', amountOff: 500, totalQuantity: 0, ...window() },
      { name: 'x', kind: 'amount', amountOff: 500, totalQuantity: 5, scope: { type: 'merchant' }, ...window() },
    ];
    for (const body of bad) {
      const res = await inject('POST', '/api/admin/coupons', t.admin, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('INVALID_REQUEST');
    }
    expect((await inject('GET', '/api/admin/coupons', t.admin)).json().coupons).toEqual([]);
    expect((await inject('POST', '/api/admin/coupons', {}, { name: 'x' })).statusCode).toBe(401);
  });

  it('issues a coupon that twelve shoppers race for: exactly five are claimed, one a shopper', async () => {
    const issued = await inject('POST', '/api/admin/coupons', t.admin, {
      name: '满300减50',
      kind: 'amount',
      amountOff: 5000,
      threshold: 30000,
      totalQuantity: 5,
      scope: { type: 'merchant', id: 'm-1' },
      ...window(),
    });
    expect(issued.statusCode).toBe(201);
    const coupon = issued.json();
    expect(coupon).toMatchObject({ kind: 'amount', amountOff: 5000, threshold: 30000, perUserLimit: 1, claimed: 0, scope: { type: 'merchant', id: 'm-1' } });
    expect((await inject('GET', '/api/coupons', {})).json().coupons.map((c: { id: string }) => c.id)).toContain(coupon.id);

    const claims = await Promise.all(
      [...shoppers, ...shoppers].map((s) => inject('POST', `/api/coupons/${coupon.id}/claims`, bearer(s.token), {})),
    );
    expect(claims.filter((r) => r.statusCode === 201)).toHaveLength(5);
    for (const r of claims.filter((r) => r.statusCode !== 201)) {
      expect(r.statusCode).toBe(409);
      expect(['COUPONS_GONE', 'COUPON_LIMIT_REACHED']).toContain(r.json().error.code);
    }
    const holders = claims.filter((r) => r.statusCode === 201).map((r) => r.json());
    expect(holders.every((h) => h.state === 'available' && h.template.id === coupon.id)).toBe(true);

    const wallets = await Promise.all(shoppers.map((s) => inject('GET', '/api/me/coupons', bearer(s.token))));
    const held = wallets.map((w) => w.json().coupons.length);
    expect(held.reduce((a, b) => a + b, 0)).toBe(5);
    expect(Math.max(...held)).toBe(1);
    expect((await inject('GET', '/api/admin/coupons', t.admin)).json().coupons[0]).toMatchObject({ id: coupon.id, claimed: 5 });
    // All claimed: no longer offered.
    expect((await inject('GET', '/api/coupons', {})).json().coupons.map((c: { id: string }) => c.id)).not.toContain(coupon.id);
  });

  it('answers 401 without a token and 404 for a coupon that does not exist', async () => {
    expect((await inject('POST', '/api/coupons/1/claims', {}, {})).statusCode).toBe(401);
    expect((await inject('GET', '/api/me/coupons', {})).statusCode).toBe(401);
    const missing = await inject('POST', '/api/coupons/987654/claims', bearer(shoppers[0].token), {});
    expect(missing.statusCode).toBe(404);
    expect((await inject('POST', '/api/coupons/abc/claims', bearer(shoppers[0].token), {})).statusCode).toBe(400);
  });

  it('documents the coupon routes in /openapi.json', async () => {
    const paths = Object.keys((await inject('GET', '/openapi.json', {})).json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/admin/coupons', '/api/coupons', '/api/coupons/{id}/claims', '/api/me/coupons']));
  });
});
