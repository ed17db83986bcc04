import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injector } from '../support/api.js';
import { type TestPlatform, startTestPlatform } from '../support/platform.js';
import { Operator, bearer } from '../support/shop.js';

const hour = 3_600_000;

describe.each(['pglite', 'postgres'] as const)('promotions over HTTP on %s', (backend) => {
  let t: TestPlatform;

  beforeAll(async () => {
    t = await startTestPlatform(backend);
  });
  afterAll(() => t.close());

  const inject = injector(() => t.platform.app);

  const window = (fromHours = -1, toHours = 1) => ({
    startsAt: new Date(Date.now() + fromHours * hour).toISOString(),
    endsAt: new Date(Date.now() + toHours * hour).toISOString(),
  });

  const tiers = {
    label: '满300减50/满600减150',
    rule: { kind: 'spend-reduction', tiers: [{ threshold: 30000, off: 5000 }, { threshold: 60000, off: 15000 }] },
    scope: { kind: 'cart' },
  };

  it('refuses badly shaped promotions with 400 INVALID_REQUEST and unworkable ones with 400 PROMOTION_INVALID', async () => {
    const shapes = [
      { ...tiers, ...window(), rule: { kind: 'free-lunch' } },
      { ...tiers, ...window(), rule: { kind: 'spend-reduction', tiers: [{ threshold: 300.5, off: 50 }] } },
      { ...tiers, ...window(), scope: { kind: 'merchant' } },
      { ...tiers, ...window(), rule: { kind: 'member-discount', payPermille: { gold: 1000 } } },
      { ...tiers, ...window(), rule: { kind: 'member-discount', payPermille: { diamond: 900 } } },
      { ...tiers, startsAt: 'tomorrow', endsAt: window().endsAt },
      { ...tiers, ...window(), extra: 1 },
    ];
    for (const body of shapes) {
      const res = await inject('POST', '/api/admin/promotions', t.admin, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('INVALID_REQUEST');
    }
    const rules = [
      { ...tiers, ...window(), rule: { kind: 'spend-reduction', tiers: [{ threshold: 60000, off: 15000 }, { threshold: 30000, off: 5000 }] } },
      { ...tiers, ...window(), rule: { kind: 'spend-reduction', tiers: [{ threshold: 30000, off: 30000 }] } },
      { ...tiers, ...window(), rule: { kind: 'amount-off', off: 0 } },
      { ...tiers, ...window(1, -1) },
    ];
    for (const body of rules) {
      const res = await inject('POST', '/api/admin/promotions', t.admin, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('PROMOTION_INVALID');
    }
    expect((await inject('GET', '/api/admin/promotions', t.admin)).json().promotions).toEqual([]);
    expect((await inject('POST', '/api/admin/promotions', {}, { ...tiers, ...window() })).statusCode).toBe(401);
    expect((await inject('GET', '/api/admin/promotions', { authorization: 'Bearer nope' })).statusCode).toBe(403);
  });

  it('creates 满300减50/满600减150, shows it to the shop while it runs, and prices a two-store cart with it', async () => {
    const made = await inject('POST', '/api/admin/promotions', t.admin, { ...tiers, ...window() });
    expect(made.statusCode).toBe(201);
    const promotion = made.json();
    expect(promotion).toMatchObject({ ...tiers, state: 'running', enabled: true, exclusive: false, priority: 0, stackingGroup: null });
    const member = await inject('POST', '/api/admin/promotions', t.admin, {
      label: '金卡95折',
      rule: { kind: 'member-discount', payPermille: { gold: 950 } },
      scope: { kind: 'merchant', merchantId: 'm-2' },
      priority: -1,
      ...window(),
    });
    expect(member.statusCode).toBe(201);

    const shown = (await inject('GET', '/api/promotions', {})).json().promotions;
    expect(shown.map((p: { label: string }) => p.label)).toEqual(['金卡95折', '满300减50/满600减150']);

    const cart = {
      tier: 'gold',
      lines: [
        { itemId: 'a', merchantId: 'm-1', categoryId: 'shoes', unitPrice: 40000, quantity: 1 },
        { itemId: 'b', merchantId: 'm-2', categoryId: 'bags', unitPrice: 15000, quantity: 2 },
      ],
    };
    const quote = await inject('POST', '/api/price-quotes', {}, cart);
    expect(quote.statusCode).toBe(200);
    expect(quote.json()).toMatchObject({ listTotal: 70000, discountTotal: 16500, total: 53500 });
    expect(quote.json().applied.map((a: { label: string }) => a.label)).toEqual(['金卡95折', '满300减50/满600减150']);
    const regular = await inject('POST', '/api/price-quotes', {}, { ...cart, tier: 'regular' });
    expect(regular.json()).toMatchObject({ total: 55000 });
    const badLine = await inject('POST', '/api/price-quotes', {}, { lines: [{ itemId: 'a', merchantId: 'm', categoryId: 'c', unitPrice: 100, quantity: 1, floorPrice: 200 }] });
    expect(badLine.statusCode).toBe(400);
    expect(badLine.json().error.code).toBe('INVALID_REQUEST');

    // Disabled: no longer in the shop, no longer in the price.
    const disabled = await inject('PATCH', `/api/admin/promotions/${promotion.id}`, t.admin, { enabled: false });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ state: 'disabled', enabled: false });
    expect((await inject('GET', '/api/promotions', {})).json().promotions.map((p: { id: string }) => p.id)).not.toContain(promotion.id);
    expect((await inject('POST', '/api/price-quotes', {}, cart)).json().total).toBe(70000 - 1500);
    await inject('PATCH', `/api/admin/promotions/${member.json().id}`, t.admin, { enabled: false });
  });

  it('edits a scheduled promotion, refuses to change a running one, and ends one early', async () => {
    const soon = (await inject('POST', '/api/admin/promotions', t.admin, { ...tiers, ...window(1, 2) })).json();
    expect(soon.state).toBe('scheduled');
    const edited = await inject('PATCH', `/api/admin/promotions/${soon.id}`, t.admin, { label: '满300减60', rule: { kind: 'spend-reduction', tiers: [{ threshold: 30000, off: 6000 }] } });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ label: '满300减60', version: 2 });

    const running = (await inject('POST', '/api/admin/promotions', t.admin, { ...tiers, ...window() })).json();
    const refused = await inject('PATCH', `/api/admin/promotions/${running.id}`, t.admin, { priority: 3 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('PROMOTION_STARTED');
    const ended = await inject('PATCH', `/api/admin/promotions/${running.id}`, t.admin, { endsAt: new Date(Date.now() - hour).toISOString() });
    expect(ended.statusCode).toBe(200);
    expect(ended.json().state).toBe('ended');

    expect((await inject('PATCH', '/api/admin/promotions/987654', t.admin, { enabled: false })).statusCode).toBe(404);
    expect((await inject('PATCH', '/api/admin/promotions/abc', t.admin, { enabled: false })).statusCode).toBe(400);
  });

  it('documents its routes in /openapi.json, the operator ones behind the bearer token', async () => {
    const doc = (await inject('GET', '/openapi.json', {})).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/admin/promotions', '/api/admin/promotions/{id}', '/api/promotions', '/api/price-quotes']));
    expect(doc.paths['/api/admin/promotions'].post.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/api/admin/promotions/{id}'].patch.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/api/promotions'].get.security).toBeUndefined();
  });
});

describe.each(['pglite', 'postgres'] as const)('price protection over HTTP on %s', (backend) => {
  let t: TestPlatform;
  let shoppers: { id: string; token: string }[];

  beforeAll(async () => {
    t = await startTestPlatform(backend);
    shoppers = await new Operator(t.platform.app, t.admin).shoppers(2, {}, '1366');
  });
  afterAll(() => t.close());

  const inject = injector(() => t.platform.app);

  /** A product of ¥price, bought `quantity` times and paid by a shopper: the order. */
  const boughtAndPaid = async (shopper: { token: string }, price: number, quantity: number) => {
    const merchant = (await inject('POST', '/api/admin/merchants', t.admin, { name: '九阳旗舰店' })).json();
    const product = (await inject('POST', '/api/admin/products', t.admin, { merchantId: merchant.id, category: 'kitchen', title: '豆浆机', price, stock: 100 })).json();
    expect((await inject('PUT', `/api/me/cart/lines/${product.id}`, bearer(shopper.token), { quantity })).statusCode).toBe(200);
    const placed = await t.platform.app.inject({ method: 'POST', url: '/api/me/checkout', headers: { ...bearer(shopper.token), 'idempotency-key': `pp-${product.id}` }, payload: {} });
    expect(placed.statusCode).toBe(201);
    const paid = await inject('POST', `/api/me/checkout-orders/${placed.json().id}/payments`, bearer(shopper.token), {});
    expect(paid.json().status).toBe('paid');
    return { order: paid.json(), product };
  };

  it('claims the lower price once for a line, however many claims race, and lists the claim', async () => {
    const [s] = shoppers;
    const { order, product } = await boughtAndPaid(s, 39_900, 2);
    const before = (await inject('GET', `/api/me/price-protection/orders/${order.id}`, bearer(s.token))).json();
    expect(before).toMatchObject({ windowDays: 30, lines: [{ lineId: product.id, state: 'not-lower', unitPaid: 39_900, priceNow: 39_900, amount: 0 }] });
    const early = await inject('POST', '/api/me/price-protection/claims', bearer(s.token), { orderId: order.id, lineId: product.id });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('PRICE_NOT_LOWER');

    expect((await inject('PATCH', `/api/admin/products/${product.id}`, t.admin, { price: 34_900 })).statusCode).toBe(200);
    expect((await inject('GET', `/api/me/price-protection/orders/${order.id}`, bearer(s.token))).json().lines[0]).toMatchObject({ state: 'claimable', amount: 10_000 });

    const claims = await Promise.all(Array.from({ length: 12 }, () => inject('POST', '/api/me/price-protection/claims', bearer(s.token), { orderId: order.id, lineId: product.id })));
    expect(claims.filter((r) => r.statusCode === 201)).toHaveLength(1);
    for (const r of claims.filter((r) => r.statusCode !== 201)) {
      expect(r.statusCode).toBe(409);
      expect(r.json().error.code).toBe('PRICE_PROTECTION_CLAIMED');
    }
    expect(claims.find((r) => r.statusCode === 201)!.json()).toMatchObject({ orderId: order.id, lineId: product.id, amount: 10_000, status: 'refunded' });
    const held = t.platform.services.paymentChannels.reduce((sum, channel) => sum + channel.netCharged(order.id), 0);
    expect(held).toBe(79_800 - 10_000);
    const mine = (await inject('GET', '/api/me/price-protection/claims', bearer(s.token))).json().claims;
    expect(mine).toEqual([expect.objectContaining({ orderId: order.id, amount: 10_000, automatic: false })]);
    expect((await inject('GET', '/api/me/price-protection/claims', bearer(shoppers[1].token))).json().claims).toEqual([]);
  });

  it('answers 400, 401 and 404 for bad, anonymous and foreign claims', async () => {
    const [s, other] = shoppers;
    const { order, product } = await boughtAndPaid(s, 5_000, 1);
    expect((await inject('POST', '/api/me/price-protection/claims', {}, { orderId: order.id, lineId: product.id })).statusCode).toBe(401);
    expect((await inject('POST', '/api/me/price-protection/claims', bearer(s.token), { orderId: 'x', lineId: product.id })).statusCode).toBe(400);
    const foreign = await inject('POST', '/api/me/price-protection/claims', bearer(other.token), { orderId: order.id, lineId: product.id });
    expect(foreign.statusCode).toBe(404);
    expect((await inject('GET', `/api/me/price-protection/orders/${order.id}`, bearer(other.token))).statusCode).toBe(404);
  });

  it('lets the operator turn on automatic protection, which refunds a fallen price by itself', async () => {
    const [, s] = shoppers;
    expect((await inject('GET', '/api/admin/price-protection', t.admin)).json()).toEqual({ automatic: false, windowDays: 30 });
    expect((await inject('PUT', '/api/admin/price-protection', {}, { automatic: true })).statusCode).toBe(401);
    const { order, product } = await boughtAndPaid(s, 12_000, 1);
    await inject('PATCH', `/api/admin/products/${product.id}`, t.admin, { price: 11_000 });
    const on = await inject('PUT', '/api/admin/price-protection', t.admin, { automatic: true });
    expect(on.json()).toEqual({ automatic: true, windowDays: 30 });
    const claims = (await inject('GET', '/api/me/price-protection/claims', bearer(s.token))).json().claims;
    expect(claims).toEqual([expect.objectContaining({ orderId: order.id, lineId: product.id, amount: 1_000, automatic: true, status: 'refunded' })]);
    await t.platform.services.priceProtection.sweep();
    expect((await inject('GET', '/api/me/price-protection/claims', bearer(s.token))).json().claims).toHaveLength(1);
    await inject('PUT', '/api/admin/price-protection', t.admin, { automatic: false });
  });

  it('documents its routes in /openapi.json behind the bearer token', async () => {
    const doc = (await inject('GET', '/openapi.json', {})).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/me/price-protection/claims', '/api/me/price-protection/orders/{id}', '/api/admin/price-protection']),
    );
    expect(doc.paths['/api/me/price-protection/claims'].post.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/api/admin/price-protection'].put.security).toEqual([{ bearer: [] }]);
  });
});
