import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, injector } from '../support/api.js';
import { type TestPlatform, startTestPlatform } from '../support/platform.js';
import { Operator, bearer } from '../support/shop.js';

const hour = 3_600_000;

describe.each(['pglite', 'postgres'] as const)('assists over HTTP on %s', (backend) => {
  let t: TestPlatform;
  let shoppers: { id: string; token: string }[];

  beforeAll(async () => {
    t = await startTestPlatform(backend);
    shoppers = await new Operator(t.platform.app, t.admin).shoppers(4, {}, '1366');
  });
  afterAll(() => t.close());

  const inject = injector(() => t.platform.app);

  it('starts an assist, friends help it to N, the reward unlocks once; self-help and repeats are refused', async () => {
    const now = t.platform.services.clock.now();
    const window = { validFrom: new Date(now - hour).toISOString(), validTo: new Date(now + 48 * hour).toISOString() };
    const coupon = (await inject('POST', '/api/admin/coupons', t.admin, { name: '助力 20 元券', kind: 'amount', amountOff: 2000, totalQuantity: 5, ...window, handout: 'grant' })).json();
    const made = await inject('POST', '/api/admin/assist-campaigns', t.admin, {
      title: '好友助力',
      templateId: coupon.id,
      helpersNeeded: 2,
      startsAt: window.validFrom,
      endsAt: window.validTo,
      dailyHelpLimit: 5,
    });
    expect(made.statusCode).toBe(201);
    const [starter, a, b, c] = shoppers.map((s) => bearer(s.token));
    const started = await inject('POST', `/api/me/assist-campaigns/${made.json().id}/assists`, starter, {});
    expect(started.statusCode).toBe(201);
    const id = started.json().id;
    expect((await inject('POST', `/api/me/assist-campaigns/${made.json().id}/assists`, starter, {})).json().id).toBe(id);

    expectError(await inject('POST', `/api/me/assists/${id}/helps`, starter, {}), 409, 'SELF_ASSIST');
    expect((await inject('POST', `/api/me/assists/${id}/helps`, a, {})).json().progress).toEqual({ helpers: 1, needed: 2, missing: 1, unlocked: false });
    expectError(await inject('POST', `/api/me/assists/${id}/helps`, a, {}), 409, 'ALREADY_ASSISTED');
    expect((await inject('POST', `/api/me/assists/${id}/helps`, b, {})).json().progress.unlocked).toBe(true);
    expectError(await inject('POST', `/api/me/assists/${id}/helps`, c, {}), 409, 'ASSIST_COMPLETE');

    const shown = (await inject('GET', `/api/assists/${id}`, {})).json();
    expect(shown).toMatchObject({ progress: { helpers: 2, unlocked: true }, campaign: { title: '好友助力' } });
    expect(shown.coupon).toBeUndefined();
    const mine = (await inject('GET', '/api/me/assists', starter)).json();
    expect(mine.started[0]).toMatchObject({ id, coupon: { template: { id: coupon.id } } });
    expect((await inject('GET', '/api/me/assists', a)).json().helped[0].id).toBe(id);
    expect((await inject('GET', '/api/admin/assist-campaigns', t.admin)).json().campaigns[0]).toMatchObject({ started: 1, unlocked: 1 });
  });

  it('answers bad input with 400, no token with 401 and unknown ids with 404', async () => {
    const good = { title: 'x', templateId: '1', helpersNeeded: 2, startsAt: '2026-11-11T00:00:00Z', endsAt: '2026-11-12T00:00:00Z', dailyHelpLimit: 1 };
    for (const body of [{ ...good, helpersNeeded: 0 }, { ...good, endsAt: good.startsAt }, { ...good, templateId: 'x' }, { ...good, templateId: '999999' }]) {
      expectError(await inject('POST', '/api/admin/assist-campaigns', t.admin, body), 400, 'INVALID_REQUEST');
    }
    expectError(await inject('POST', '/api/me/assists/1/helps', {}, {}), 401, 'UNAUTHORIZED');
    expectError(await inject('GET', '/api/assists/999999', {}), 404, 'NOT_FOUND');
    expectError(await inject('POST', '/api/me/assist-campaigns/999999/assists', bearer(shoppers[0].token), {}), 404, 'NOT_FOUND');
    const doc = (await inject('GET', '/openapi.json', {})).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/admin/assist-campaigns', '/api/assists/{id}', '/api/me/assist-campaigns/{id}/assists', '/api/me/assists/{id}/helps', '/api/me/assists']));
  });
});
