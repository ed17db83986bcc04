import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, injector } from '../support/api.js';
import { type TestPlatform, startTestPlatform } from '../support/platform.js';
import { Operator, bearer } from '../support/shop.js';

const hour = 3_600_000;

describe.each(['pglite', 'postgres'] as const)('lotteries over HTTP on %s', (backend) => {
  let t: TestPlatform;
  let shoppers: { id: string; token: string }[];
  let lotteryId: string;

  beforeAll(async () => {
    t = await startTestPlatform(backend);
    shoppers = await new Operator(t.platform.app, t.admin).shoppers(2, {}, '1377');
  });
  afterAll(() => t.close());

  const inject = injector(() => t.platform.app);

  const lottery = (now: number, templateId: string) => ({
    name: '签到抽奖',
    startsAt: new Date(now - hour).toISOString(),
    endsAt: new Date(now + 24 * hour).toISOString(),
    cost: { currency: 'energy', amount: 10 },
    limit: { total: null, daily: 1 },
    prizes: [
      { name: '10 元券', kind: 'coupon', templateId, quantity: 1, weight: 1 },
      { name: '谢谢参与', kind: 'none', weight: 0 },
    ],
  });

  it('sets up a lottery, and a shopper who checked in draws with energy and wins the coupon', async () => {
    const now = t.platform.services.clock.now();
    const coupon = await inject('POST', '/api/admin/coupons', t.admin, {
      name: '抽奖 10 元券',
      kind: 'amount',
      amountOff: 1000,
      totalQuantity: 5,
      validFrom: new Date(now - hour).toISOString(),
      validTo: new Date(now + 48 * hour).toISOString(),
      handout: 'grant',
    });
    const made = await inject('POST', '/api/admin/lotteries', t.admin, lottery(now, coupon.json().id));
    expect(made.statusCode).toBe(201);
    lotteryId = made.json().id;
    expect(made.json().prizes[0]).toMatchObject({ name: '10 元券', left: 1, awarded: 0 });

    const me = bearer(shoppers[0].token);
    expectError(await inject('POST', `/api/me/lotteries/${lotteryId}/draws`, me, {}), 409, 'POINTS_INSUFFICIENT');
    expect((await inject('POST', '/api/me/check-ins', me, {})).statusCode).toBe(201);
    const draw = await inject('POST', `/api/me/lotteries/${lotteryId}/draws`, me, {});
    expect(draw.statusCode).toBe(201);
    expect(draw.json()).toMatchObject({ draw: { prize: { name: '10 元券', kind: 'coupon' }, delivery: 'delivered', cost: { currency: 'energy', amount: 10 } }, left: { today: 0 } });
    expectError(await inject('POST', `/api/me/lotteries/${lotteryId}/draws`, me, {}), 409, 'DRAW_LIMIT_REACHED');

    const wallet = (await inject('GET', '/api/me/coupons', me)).json().coupons;
    expect(wallet.map((c: { id: string }) => c.id)).toContain(draw.json().draw.couponId);
    const mine = (await inject('GET', `/api/me/lottery-draws?lotteryId=${lotteryId}`, me)).json();
    expect(mine).toMatchObject({ draws: [{ id: draw.json().draw.id }], left: { total: null, today: 0 } });
    expect((await inject('GET', `/api/lotteries/${lotteryId}`, {})).json().prizes[0]).toMatchObject({ left: 0, awarded: 1 });

    const audit = (await inject('GET', `/api/admin/lotteries/${lotteryId}/draws`, t.admin)).json();
    expect(audit).toMatchObject({ drawCount: 1, collected: 10, totals: [{ name: '10 元券', won: 1 }, { name: '谢谢参与', won: 0 }] });
    expect(audit.draws[0]).toMatchObject({ userId: shoppers[0].id, roll: 0, weightTotal: 1 });
    expect((await inject('GET', '/api/admin/lotteries', t.admin)).json().lotteries.map((l: { id: string }) => l.id)).toContain(lotteryId);
  });

  it('answers bad input with 400, strangers with 401 and 403, and unknown ids with 404', async () => {
    const now = t.platform.services.clock.now();
    const good = lottery(now, '1');
    const bad = [
      { ...good, limit: { total: null, daily: null } },
      { ...good, endsAt: good.startsAt },
      { ...good, prizes: [] },
      { ...good, cost: { currency: 'gold', amount: 1 } },
      { ...good, prizes: [{ name: 'x', kind: 'points', quantity: 1, weight: 1 }] },
      { ...good, prizes: [{ name: 'x', kind: 'coupon', templateId: '999999', quantity: 1, weight: 1 }] },
      { ...good, extra: 1 },
    ];
    for (const body of bad) expectError(await inject('POST', '/api/admin/lotteries', t.admin, body), 400, 'INVALID_REQUEST');
    expectError(await inject('POST', '/api/admin/lotteries', bearer(shoppers[1].token), good), 403, 'FORBIDDEN');
    expectError(await inject('POST', `/api/me/lotteries/${lotteryId}/draws`, {}, {}), 401, 'UNAUTHORIZED');
    expectError(await inject('GET', '/api/lotteries/999999', {}), 404, 'NOT_FOUND');
    expectError(await inject('GET', '/api/lotteries/abc', {}), 400, 'INVALID_REQUEST');
    expectError(await inject('POST', '/api/me/lotteries/999999/draws', bearer(shoppers[1].token), {}), 404, 'NOT_FOUND');
  });

  it('documents the routes in /openapi.json', async () => {
    const doc = (await inject('GET', '/openapi.json', {})).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/admin/lotteries', '/api/admin/lotteries/{id}/draws', '/api/lotteries/{id}', '/api/me/lotteries/{id}/draws', '/api/me/lottery-draws']),
    );
    expect(doc.paths['/api/me/lotteries/{id}/draws'].post.security).toEqual([{ bearer: [] }]);
  });
});
