import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injector } from '../support/api.js';
import { type TestPlatform, startTestPlatform } from '../support/platform.js';
import { Operator, bearer } from '../support/shop.js';

const hour = 3_600_000;

describe.each(['pglite', 'postgres'] as const)('checkout over HTTP on %s', (backend) => {
  let t: TestPlatform;
  let shoppers: { id: string; token: string }[];

  beforeAll(async () => {
    t = await startTestPlatform(backend);
    shoppers = await new Operator(t.platform.app, t.admin).shoppers(3, {}, '1366');
  });
  afterAll(() => t.close());

  const inject = injector(() => t.platform.app);
  const created = async (url: string, body: unknown) => {
    const res = await inject('POST', url, t.admin, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  it('refuses bad catalogue input with 400 INVALID_REQUEST, and operator routes need the operator', async () => {
    const m = await created('/api/admin/merchants', { name: '美的旗舰店' });
    const bad = [
      { merchantId: m.id, category: 'kitchen', title: '锅', price: 1000, floorPrice: 1001, stock: 1 },
      { merchantId: m.id, category: 'Kitchen Stuff', title: '锅', price: 1000, stock: 1 },
      { merchantId: m.id, category: 'kitchen', title: '', price: 1000, stock: 1 },
      { merchantId: m.id, category: 'kitchen', title: '锅', price: 0, stock: 1 },
      { merchantId: m.id, category: 'kitchen', title: '锅', price: 1000, stock: -1 },
      { merchantId: m.id, category: 'kitchen', title: '锅', price: 1000, stock: 1, extra: true },
    ];
    for (const body of bad) {
      const res = await inject('POST', '/api/admin/products', t.admin, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('INVALID_REQUEST');
    }
    const unknownMerchant = await inject('POST', '/api/admin/products', t.admin, { merchantId: '999999', category: 'kitchen', title: '锅', price: 1000, stock: 1 });
    expect(unknownMerchant.statusCode).toBe(404);
    const product = await created('/api/admin/products', { merchantId: m.id, category: 'kitchen', title: '锅', price: 1000, floorPrice: 800, stock: 1 });
    const floorAbove = await inject('PATCH', `/api/admin/products/${product.id}`, t.admin, { price: 700 });
    expect(floorAbove.statusCode).toBe(400);
    expect(floorAbove.json().error.code).toBe('INVALID_REQUEST');
    const changed = await inject('PATCH', `/api/admin/products/${product.id}`, t.admin, { price: 900, stock: 5 });
    expect(changed.json()).toMatchObject({ price: 900, floorPrice: 800, stock: 5 });
    expect((await inject('POST', '/api/admin/merchants', {}, { name: 'x' })).statusCode).toBe(401);
    expect((await inject('POST', '/api/admin/merchants', bearer(shoppers[0].token), { name: 'x' })).statusCode).toBe(403);
    expect((await inject('GET', '/api/products/abc', {})).statusCode).toBe(400);
    expect((await inject('GET', '/api/products/999999', {})).json().error.code).toBe('NOT_FOUND');
  });

  it('fills a cart from two merchants, prices it with a claimed coupon, orders it once and pays it', async () => {
    const a = await created('/api/admin/merchants', { name: '苏泊尔' });
    const b = await created('/api/admin/merchants', { name: '良品铺子' });
    const pot = await created('/api/admin/products', { merchantId: a.id, category: 'kitchen', title: '不粘锅', price: 19_900, floorPrice: 15_000, stock: 10 });
    const nuts = await created('/api/admin/products', { merchantId: b.id, category: 'snacks', title: '坚果礼盒', price: 12_800, stock: 10 });
    const listed = (await inject('GET', `/api/products?merchantId=${b.id}`, {})).json().products;
    expect(listed.map((p: { id: string }) => p.id)).toEqual([nuts.id]);
    expect((await inject('GET', '/api/products?category=kitchen', {})).json().products.map((p: { title: string }) => p.title)).toContain('不粘锅');

    const coupon = await created('/api/admin/coupons', {
      name: '满300减30',
      kind: 'amount',
      amountOff: 3_000,
      threshold: 30_000,
      totalQuantity: 10,
      validFrom: new Date(Date.now() - hour).toISOString(),
      validTo: new Date(Date.now() + hour).toISOString(),
    });
    const s = bearer(shoppers[0].token);
    expect((await inject('POST', `/api/coupons/${coupon.id}/claims`, s, {})).statusCode).toBe(201);

    expect((await inject('PUT', `/api/me/cart/lines/${pot.id}`, s, { quantity: 100 })).statusCode).toBe(400);
    expect((await inject('PUT', `/api/me/cart/lines/${pot.id}`, s, { quantity: -1 })).statusCode).toBe(400);
    const unknown = await inject('PUT', '/api/me/cart/lines/999999', s, { quantity: 1 });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
    expect((await inject('PUT', `/api/me/cart/lines/${pot.id}`, {}, { quantity: 1 })).statusCode).toBe(401);

    await inject('PUT', `/api/me/cart/lines/${pot.id}`, s, { quantity: 1 });
    const filled = await inject('PUT', `/api/me/cart/lines/${nuts.id}`, s, { quantity: 1 });
    expect(filled.statusCode).toBe(200);
    const quote = (await inject('GET', '/api/me/cart', s)).json();
    expect(quote.lines.map((l: { merchantName: string }) => l.merchantName)).toEqual(['苏泊尔', '良品铺子']);
    expect(quote.listTotal).toBe(32_700);
    expect(quote.applied).toMatchObject([{ source: 'coupon', label: '满300减30', amount: 3_000 }]);
    expect(quote.total).toBe(29_700);
    expect(quote.lines.reduce((sum: number, l: { total: number }) => sum + l.total, 0)).toBe(29_700);

    const noKey = await inject('POST', '/api/me/checkout', s, {});
    expect(noKey.statusCode).toBe(400);
    const changed = await inject('POST', '/api/me/checkout', { ...s, 'idempotency-key': 'k0' }, { expectedTotal: 1 });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error.code).toBe('QUOTE_CHANGED');

    const placed = await inject('POST', '/api/me/checkout', { ...s, 'idempotency-key': 'k1' }, { expectedTotal: 29_700 });
    expect(placed.statusCode, placed.body).toBe(201);
    const order = placed.json();
    expect(order).toMatchObject({ status: 'reserved', total: 29_700, discountTotal: 3_000 });
    expect(order.explanation.applied[0].label).toBe('满300减30');
    const retried = await inject('POST', '/api/me/checkout', { ...s, 'idempotency-key': 'k1' }, {});
    expect(retried.json().id).toBe(order.id);
    expect((await inject('GET', '/api/me/cart', s)).json().lines).toEqual([]);
    const empty = await inject('POST', '/api/me/checkout', { ...s, 'idempotency-key': 'k2' }, {});
    expect(empty.json().error.code).toBe('CART_EMPTY');

    // Another shopper cannot see it; a flash-sale order route does not know it.
    expect((await inject('GET', `/api/me/checkout-orders/${order.id}`, bearer(shoppers[1].token))).statusCode).toBe(404);
    expect((await inject('GET', `/api/orders/${order.id}`, s)).statusCode).toBe(404);

    const paid = await inject('POST', `/api/me/checkout-orders/${order.id}/payments`, s, {});
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'paid', payment: { status: 'succeeded', amount: 29_700 } });
    expect((await inject('GET', '/api/me/points', s)).json().balances.points).toBe(297);
    const cancel = await inject('POST', `/api/me/checkout-orders/${order.id}/cancel`, s, {});
    expect(cancel.json().error.code).toBe('ORDER_NOT_CANCELLABLE');
    expect((await inject('GET', '/api/me/checkout-orders', s)).json().orders.map((o: { id: string }) => o.id)).toEqual([order.id]);
    expect((await inject('GET', `/api/products/${pot.id}`, {})).json().stock).toBe(9);
  });

  it('refuses more than the stock with 409 OUT_OF_STOCK and changes nothing', async () => {
    const m = await created('/api/admin/merchants', { name: '小店' });
    const p = await created('/api/admin/products', { merchantId: m.id, category: 'toys', title: '拼图', price: 5_000, stock: 1 });
    const s = bearer(shoppers[2].token);
    await inject('PUT', `/api/me/cart/lines/${p.id}`, s, { quantity: 2 });
    const res = await inject('POST', '/api/me/checkout', { ...s, 'idempotency-key': 'x' }, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('OUT_OF_STOCK');
    expect((await inject('GET', `/api/products/${p.id}`, {})).json().stock).toBe(1);
  });

  it('documents the checkout routes in /openapi.json', async () => {
    const paths = Object.keys((await inject('GET', '/openapi.json', {})).json().paths);
    for (const path of [
      '/api/admin/merchants',
      '/api/admin/products',
      '/api/admin/products/{id}',
      '/api/products',
      '/api/products/{id}',
      '/api/me/cart',
      '/api/me/cart/lines/{productId}',
      '/api/me/checkout',
      '/api/me/checkout-orders',
      '/api/me/checkout-orders/{id}',
      '/api/me/checkout-orders/{id}/payments',
      '/api/me/checkout-orders/{id}/cancel',
    ]) {
      expect(paths).toContain(path);
    }
  });

  it('prices a cart with the operator\'s running promotion and a merchant coupon, line by line', async () => {
    const a = await created('/api/admin/merchants', { name: '九阳' });
    const b = await created('/api/admin/merchants', { name: '三只松鼠' });
    const blender = await created('/api/admin/products', { merchantId: a.id, category: 'kitchen', title: '破壁机', price: 25_000, floorPrice: 20_000, stock: 10 });
    const nuts = await created('/api/admin/products', { merchantId: b.id, category: 'snacks', title: '碧根果', price: 10_000, stock: 10 });
    const window = { startsAt: new Date(Date.now() - hour).toISOString(), endsAt: new Date(Date.now() + hour).toISOString() };
    const promotion = await created('/api/admin/promotions', {
      label: '跨店满300减50',
      rule: { kind: 'spend-reduction', tiers: [{ threshold: 30_000, off: 5_000 }] },
      scope: { kind: 'cart' },
      ...window,
    });
    const coupon = await created('/api/admin/coupons', {
      name: '九阳9折券',
      kind: 'percent',
      percentOff: 10,
      maxOff: 1_000,
      scope: { type: 'merchant', id: a.id },
      totalQuantity: 10,
      validFrom: window.startsAt,
      validTo: window.endsAt,
    });
    const s = bearer(shoppers[1].token);
    expect((await inject('POST', `/api/coupons/${coupon.id}/claims`, s, {})).statusCode).toBe(201);
    await inject('PUT', `/api/me/cart/lines/${blender.id}`, s, { quantity: 1 });
    await inject('PUT', `/api/me/cart/lines/${nuts.id}`, s, { quantity: 1 });
    const quote = (await inject('GET', '/api/me/cart', s)).json();
    await inject('PATCH', `/api/admin/promotions/${promotion.id}`, t.admin, { enabled: false });

    expect(quote.listTotal).toBe(35_000);
    expect(quote.applied.map((o: { label: string; source: string }) => [o.label, o.source])).toEqual([
      ['跨店满300减50', 'promotion'],
      ['九阳9折券', 'coupon'],
    ]);
    // The promotion first (spread over both lines), then 10% of what is left of the blender, at most ¥10.
    expect(quote.applied[1].amount).toBe(1_000);
    expect(quote.total).toBe(35_000 - 5_000 - 1_000);
    const [blenderLine] = quote.lines;
    expect(blenderLine.discounts.map((d: { label: string }) => d.label)).toEqual(['跨店满300减50', '九阳9折券']);
    expect(blenderLine.total).toBeGreaterThanOrEqual(20_000);
    for (const line of quote.lines) {
      expect(line.total).toBe(line.listTotal - line.discounts.reduce((sum: number, d: { amount: number }) => sum + d.amount, 0));
    }
  });
});
