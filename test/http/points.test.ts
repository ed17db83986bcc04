import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injector } from '../support/api.js';
import { type TestPlatform, startTestPlatform } from '../support/platform.js';
import { Operator, bearer } from '../support/shop.js';

describe.each(['pglite', 'postgres'] as const)('points and check-in over HTTP on %s', (backend) => {
  let t: TestPlatform;
  let shoppers: { id: string; token: string }[];

  beforeAll(async () => {
    t = await startTestPlatform(backend);
    shoppers = await new Operator(t.platform.app, t.admin).shoppers(2, {}, '1388');
  });
  afterAll(() => t.close());

  const inject = injector(() => t.platform.app);

  it('checks in once a day and shows the streak, the month and the energy', async () => {
    const me = bearer(shoppers[0].token);
    const first = await inject('POST', '/api/me/check-ins', me, {});
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ streak: 1, reward: 10, balance: 10 });
    const again = await inject('POST', '/api/me/check-ins', me);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_CHECKED_IN');

    const month = (await inject('GET', '/api/me/check-ins', me)).json();
    expect(month).toMatchObject({ checkedInToday: true, streak: 1, rewards: { daily: 10, everySeventh: 50 } });
    expect(month.days).toEqual([{ day: first.json().day, streak: 1 }]);
    const points = (await inject('GET', '/api/me/points', me)).json();
    expect(points.balances).toEqual({ points: 0, energy: 10 });
    expect(points.entries[0]).toMatchObject({ currency: 'energy', delta: 10, balanceAfter: 10, ref: `checkin:${first.json().day}` });
  });

  it('grants with a multiplier once per ref, and refuses a deduction below zero', async () => {
    const userId = shoppers[1].id;
    const grant = { userId, currency: 'points', amount: 150, multiplier: 2, reason: '双倍积分', ref: 'promo-1' };
    const made = await inject('POST', '/api/admin/points/grants', t.admin, grant);
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ delta: 300, balanceAfter: 300 });
    const repeat = await inject('POST', '/api/admin/points/grants', t.admin, grant);
    expect(repeat.statusCode).toBe(200);
    expect(repeat.json().id).toBe(made.json().id);
    const tooMuch = await inject('POST', '/api/admin/points/grants', t.admin, { userId, currency: 'points', amount: -301, reason: 'fix', ref: 'fix-1' });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json().error.code).toBe('POINTS_INSUFFICIENT');
    expect((await inject('GET', '/api/me/points', bearer(shoppers[1].token))).json().balances).toEqual({ points: 300, energy: 0 });
  });

  it('answers bad input with 400 and no token with 401', async () => {
    const good = { userId: shoppers[1].id, currency: 'energy', amount: 5, reason: 'x', ref: 'r' };
    const bad = [
      { ...good, currency: 'gold' },
      { ...good, amount: 0 },
      { ...good, amount: 1.5 },
      { ...good, amount: -5, multiplier: 2 },
      { ...good, multiplier: 0.5 },
      { ...good, userId: 'abc' },
      { ...good, ref: '' },
      { ...good, extra: true },
    ];
    for (const body of bad) {
      const res = await inject('POST', '/api/admin/points/grants', t.admin, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('INVALID_REQUEST');
    }
    expect((await inject('POST', '/api/me/check-ins', bearer(shoppers[1].token), { day: 'x' })).statusCode).toBe(400);
    for (const [method, url] of [['GET', '/api/me/points'], ['POST', '/api/me/check-ins'], ['GET', '/api/me/check-ins'], ['POST', '/api/admin/points/grants']] as const) {
      expect((await inject(method, url, {}, method === 'POST' ? good : undefined)).statusCode, url).toBe(401);
    }
  });

  it('documents the routes in /openapi.json with the bearer token', async () => {
    const doc = (await inject('GET', '/openapi.json', {})).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/me/points', '/api/me/check-ins', '/api/admin/points/grants']));
    expect(doc.paths['/api/me/check-ins'].post.security).toEqual([{ bearer: [] }]);
  });
});
