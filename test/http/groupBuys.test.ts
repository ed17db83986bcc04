import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { expectError, injector } from '../support/api.js';
import { type TestPlatform, startTestPlatform } from '../support/platform.js';
import { Operator, bearer } from '../support/shop.js';

const hour = 3_600_000;

describe.each(['pglite', 'postgres'] as const)('group buys over HTTP on %s', (backend) => {
  let t: TestPlatform;
  let shoppers: { id: string; token: string }[];
  const clock = new ManualClock(Date.UTC(2026, 10, 11, 2, 0, 0));

  beforeAll(async () => {
    // The sweeper is driven by hand here: its timer would run on its own only once an hour.
    t = await startTestPlatform(backend, { clock, sweepIntervalMs: hour });
    shoppers = await new Operator(t.platform.app, t.admin).shoppers(8, {}, '1388');
  });
  afterAll(() => t.close());

  const inject = injector(() => t.platform.app);

  const dealBody = (over: Record<string, unknown> = {}) => ({
    title: '云南高山苹果 5斤',
    merchant: '褚橙果园',
    originalPrice: 5_990,
    groupPrice: 2_990,
    groupSize: 2,
    hoursOpen: 24,
    stock: 10,
    perUserLimit: 1,
    startsAt: new Date(clock.now() - hour).toISOString(),
    endsAt: new Date(clock.now() + 48 * hour).toISOString(),
    ...over,
  });

  it('refuses a badly described deal with 400, and shoppers at the operator routes', async () => {
    for (const body of [
      dealBody({ groupPrice: 5_990 }),
      dealBody({ groupSize: 1 }),
      dealBody({ groupSize: 51 }),
      dealBody({ endsAt: new Date(clock.now() - 2 * hour).toISOString() }),
      dealBody({ stock: 1 }),
      dealBody({ reward: { templateId: '1', top: 0 } }),
      { ...dealBody(), extra: true },
    ]) {
      expectError(await inject('POST', '/api/admin/group-buys', t.admin, body), 400, 'INVALID_REQUEST');
    }
    expectError(await inject('POST', '/api/admin/group-buys', t.admin, dealBody({ reward: { templateId: '999999', top: 3 } })), 400, 'INVALID_REQUEST');
    expectError(await inject('POST', '/api/admin/group-buys', {}, dealBody()), 401, 'UNAUTHORIZED');
    expectError(await inject('GET', '/api/admin/group-buys', bearer(shoppers[0].token)), 403, 'FORBIDDEN');
    expect((await inject('GET', '/api/admin/group-buys', t.admin)).json().deals).toEqual([]);
  });

  it('lets a leader open a group and a friend join it by link; both see the group succeed', async () => {
    const created = await inject('POST', '/api/admin/group-buys', t.admin, dealBody());
    expect(created.statusCode).toBe(201);
    const deal = created.json();
    expect(deal).toMatchObject({ groupPrice: 2_990, remaining: 10, state: 'live', reward: null });
    expect((await inject('GET', '/api/group-buys', {})).json().deals.map((d: { id: string }) => d.id)).toContain(deal.id);

    const [leader, friend, late] = shoppers;
    expectError(await inject('POST', `/api/me/group-buys/${deal.id}/groups`, {}, {}), 401, 'UNAUTHORIZED');
    const opened = await inject('POST', `/api/me/group-buys/${deal.id}/groups`, bearer(leader.token), {});
    expect(opened.statusCode).toBe(201);
    const place = opened.json();
    expect(place).toMatchObject({ leader: true, status: 'paid', amount: 2_990, group: { status: 'open', needed: 1 }, payment: { status: 'succeeded' } });

    const page = (await inject('GET', `/api/group-buys/${deal.id}`, {})).json();
    expect(page.openGroups).toHaveLength(1);
    expect(page.openGroups[0]).toMatchObject({ id: place.groupId, needed: 1, places: [{ leader: true, paid: true }] });
    expect(page.leaderboard[0]).toMatchObject({ rank: 1, groupId: place.groupId, status: 'open' });

    const link = (await inject('GET', `/api/groups/${place.groupId}`, {})).json();
    expect(link).toMatchObject({ group: { status: 'open', needed: 1, size: 2 }, deal: { id: deal.id } });
    // The link names no shopper.
    expect(link.group).not.toHaveProperty('leaderId');
    expect(Object.keys(link.group.places[0]).sort()).toEqual(['joinedAt', 'leader', 'paid']);

    expectError(await inject('POST', `/api/me/groups/${place.groupId}/members`, bearer(leader.token), {}), 409, 'ALREADY_IN_GROUP');
    const joined = await inject('POST', `/api/me/groups/${place.groupId}/members`, bearer(friend.token), { channel: 'wechat-sandbox' });
    expect(joined.statusCode).toBe(201);
    expect(joined.json()).toMatchObject({ status: 'confirmed', payment: { status: 'succeeded', channel: 'wechat-sandbox' }, group: { status: 'succeeded' } });
    expectError(await inject('POST', `/api/me/groups/${place.groupId}/members`, bearer(late.token), {}), 409, 'GROUP_FULL');

    for (const s of [leader, friend]) {
      const mine = (await inject('GET', '/api/me/groups', bearer(s.token))).json().groups;
      expect(mine).toEqual([expect.objectContaining({ groupId: place.groupId, status: 'confirmed', group: expect.objectContaining({ status: 'succeeded', needed: 0 }) })]);
    }
    const admin = (await inject('GET', `/api/admin/group-buys/${deal.id}`, t.admin)).json();
    expect(admin.deal.remaining).toBe(8);
    expect(admin.groups).toEqual([expect.objectContaining({ id: place.groupId, status: 'succeeded', leaderId: leader.id, paid: 2 })]);
    expectError(await inject('POST', `/api/me/group-buys/${deal.id}/groups`, bearer(leader.token), {}), 409, 'GROUP_BUY_LIMIT_REACHED');
  });

  it('fails an unfilled group at its deadline and refunds the leader', async () => {
    const deal = (await inject('POST', '/api/admin/group-buys', t.admin, dealBody({ groupSize: 3, hoursOpen: 1 }))).json();
    const leader = shoppers[3];
    const place = (await inject('POST', `/api/me/group-buys/${deal.id}/groups`, bearer(leader.token), {})).json();
    clock.advance(2 * hour);
    expectError(await inject('POST', `/api/me/groups/${place.groupId}/members`, bearer(shoppers[4].token), {}), 409, 'GROUP_CLOSED');
    await t.platform.services.groupBuySweeper.sweep();
    const [mine] = (await inject('GET', '/api/me/groups', bearer(leader.token))).json().groups;
    expect(mine).toMatchObject({ status: 'refunded', group: { status: 'failed' }, payment: { status: 'refunded' } });
    expect((await inject('GET', `/api/group-buys/${deal.id}`, {})).json()).toMatchObject({ openGroups: [], leaderboard: [], deal: { remaining: 10 } });
  });

  it('answers unknown ids with 404 and bad ids with 400', async () => {
    expectError(await inject('GET', '/api/group-buys/999999', {}), 404, 'NOT_FOUND');
    expectError(await inject('GET', '/api/groups/999999', {}), 404, 'NOT_FOUND');
    expectError(await inject('GET', '/api/groups/abc', {}), 400, 'INVALID_REQUEST');
    expectError(await inject('POST', '/api/me/groups/999999/members', bearer(shoppers[5].token), {}), 404, 'NOT_FOUND');
    expectError(await inject('POST', '/api/me/group-buys/999999/groups', bearer(shoppers[5].token), { channel: 'nope' }), 400, 'INVALID_REQUEST');
  });

  it('documents every route in the OpenAPI contract', async () => {
    const doc = (await inject('GET', '/openapi.json', {})).json();
    for (const path of ['/api/admin/group-buys', '/api/admin/group-buys/{id}', '/api/group-buys', '/api/group-buys/{id}', '/api/groups/{groupId}', '/api/me/group-buys/{id}/groups', '/api/me/groups/{groupId}/members', '/api/me/groups']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/api/me/groups/{groupId}/members'].post.security).toEqual([{ bearer: [] }]);
  });
});
