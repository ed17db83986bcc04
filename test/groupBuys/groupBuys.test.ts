import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import type { Database } from '../../src/db/database.js';
import type { GroupBuyDealInput } from '../../src/domain/groupBuy.js';
import { OrderIdGenerator } from '../../src/domain/ids.js';
import { GroupBuys } from '../../src/groupBuys/groupBuys.js';
import { GroupBuyRewards } from '../../src/groupBuys/rewards.js';
import { GroupBuySweeper } from '../../src/groupBuys/sweeper.js';
import { createSandboxRouter, type PaymentRouter, type SandboxChannel } from '../../src/payments/index.js';
import { Coupons } from '../../src/promotions/coupons.js';
import { outcome } from '../support/outcomes.js';
import { openTestDatabase } from '../support/platform.js';

const hour = 3_600_000;
const start = Date.UTC(2026, 10, 11, 0, 0, 0);

/** Group buys are kept by the database alone, so both databases are tested the same way. */
describe.each(['pglite', 'postgres'] as const)('group buys on %s', (kind) => {
  let db: Database;
  let close: () => Promise<void>;
  const clock = new ManualClock(start);
  let payments: PaymentRouter;
  let channels: SandboxChannel[];
  let groupBuys: GroupBuys;
  let coupons: Coupons;
  let sweepers: GroupBuySweeper[];
  let nextUser = 10_000;
  const shopper = () => String(nextUser++);

  beforeAll(async () => {
    ({ db, close } = await openTestDatabase(kind));
    ({ router: payments, channels } = createSandboxRouter({ latencyMs: 1, timeoutMs: 2000 }));
    const ids = new OrderIdGenerator(7, () => clock.now());
    groupBuys = new GroupBuys(db, payments, clock, () => ids.next());
    coupons = new Coupons(db, clock);
    // Two nodes' sweepers over one database.
    sweepers = [0, 1].map(() => new GroupBuySweeper(groupBuys, new GroupBuyRewards(db, coupons, clock)));
  });
  afterAll(async () => {
    payments.shutdown();
    await close();
  });

  const deal = (over: Partial<GroupBuyDealInput> = {}) =>
    groupBuys.createDeal({
      title: '三只松鼠坚果礼盒',
      merchant: '三只松鼠旗舰店',
      originalPrice: 19_900,
      groupPrice: 9_900,
      groupSize: 5,
      hoursOpen: 24,
      stock: 100,
      perUserLimit: 1,
      startsAt: start - hour,
      endsAt: start + 48 * hour,
      ...over,
    });

  /** Money the channels still hold for one place (charged and not refunded). */
  const netCharged = (placeId: string) => channels.reduce((sum, channel) => sum + channel.netCharged(placeId), 0);
  const placesOf = (groupId: string) =>
    db.query<{ id: string; user_id: string; status: string }>('select id::text, user_id::text, status from group_buy_members where group_id = $1', [groupId]);

  it('fills a group of 5 with exactly 5 of 31 shoppers paying at once; the rest are refused and never charged', async () => {
    clock.set(start);
    const d = await deal();
    const leader = await groupBuys.open(shopper(), d.id);
    expect(leader).toMatchObject({ leader: true, status: 'paid', amount: 9_900, group: { size: 5, paid: 1, needed: 4 } });
    const joiners = Array.from({ length: 30 }, shopper);
    const outcomes = await Promise.all(joiners.map((u) => outcome(groupBuys.join(u, leader.groupId))));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(4);
    expect(outcomes.filter((o) => o !== 'ok').every((o) => o === 'GROUP_FULL')).toBe(true);

    const group = await groupBuys.group(leader.groupId);
    expect(group).toMatchObject({ status: 'succeeded', members: 5, paid: 5, needed: 0 });
    const places = await placesOf(leader.groupId);
    expect(places).toHaveLength(5);
    expect(places.every((p) => p.status === 'confirmed')).toBe(true);
    // Only the 5 members were ever charged, each once, at the group price.
    const charged = channels.flatMap((c) => c.ledger()).filter((e) => places.some((p) => p.id === e.orderId));
    expect(charged).toHaveLength(5);
    expect(channels.flatMap((c) => c.ledger()).filter((e) => e.state === 'charged')).toHaveLength(5);
    for (const p of places) expect(netCharged(p.id)).toBe(9_900);
    expect((await groupBuys.deal(d.id)).remaining).toBe(95);
    // The confirmed order shows in each member's group-buy orders.
    const mine = await groupBuys.mine(places[0].user_id);
    expect(mine[0]).toMatchObject({ status: 'confirmed', group: { status: 'succeeded' }, payment: { status: 'succeeded' } });
    expect(await outcome(groupBuys.join(shopper(), leader.groupId))).toBe('GROUP_FULL');
  });

  it('never oversells the deal across its groups, nor lets a shopper past the per-shopper limit', async () => {
    clock.set(start);
    const d = await deal({ groupSize: 3, stock: 7, perUserLimit: 2 });
    const leaders = Array.from({ length: 6 }, shopper);
    const opened = await Promise.all(leaders.map((u) => groupBuys.open(u, d.id).then((m) => m.groupId, () => null)));
    const groupIds = opened.filter((g): g is string => g !== null);
    expect(groupIds).toHaveLength(6);
    // 20 shoppers each try every group at once: each may hold 2 places, the deal has 1 unit left.
    const friends = Array.from({ length: 20 }, shopper);
    const outcomes = await Promise.all(friends.flatMap((u) => groupIds.map((g) => outcome(groupBuys.join(u, g)))));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    for (const o of outcomes.filter((o) => o !== 'ok')) expect(['GROUP_BUY_SOLD_OUT', 'GROUP_FULL', 'GROUP_BUY_LIMIT_REACHED']).toContain(o);
    const [held] = await db.query<{ taken: number; live: number }>(
      `select d.taken, (select count(*)::int from group_buy_members m where m.deal_id = d.id and m.status in ('paying', 'paid', 'confirmed')) as live
         from group_buy_deals d where d.id = $1`,
      [d.id],
    );
    expect(held).toEqual({ taken: 7, live: 7 });
    expect(await outcome(groupBuys.open(shopper(), d.id))).toBe('GROUP_BUY_SOLD_OUT');

    // One shopper trying to open 5 groups at once gets their limit of 2.
    const many = await deal({ groupSize: 2, stock: 50, perUserLimit: 2 });
    const greedy = shopper();
    const tries = await Promise.all(Array.from({ length: 5 }, () => outcome(groupBuys.open(greedy, many.id))));
    expect(tries.filter((o) => o === 'ok')).toHaveLength(2);
    expect(tries.filter((o) => o !== 'ok').every((o) => o === 'GROUP_BUY_LIMIT_REACHED')).toBe(true);
    const [group] = await groupBuys.mine(greedy);
    expect(await outcome(groupBuys.join(greedy, group.groupId))).toBe('ALREADY_IN_GROUP');
  });

  it('frees the place of a member whose payment failed, so another can take it', async () => {
    clock.set(start);
    const d = await deal({ groupSize: 2, stock: 10 });
    const leader = await groupBuys.open(shopper(), d.id);
    channels.forEach((c) => c.configure({ failureRate: 1 }));
    const unlucky = shopper();
    try {
      expect(await outcome(groupBuys.join(unlucky, leader.groupId))).toBe('PAYMENT_FAILED');
    } finally {
      channels.forEach((c) => c.configure({ failureRate: 0 }));
    }
    expect(await groupBuys.group(leader.groupId)).toMatchObject({ status: 'open', members: 1, paid: 1 });
    expect((await groupBuys.deal(d.id)).remaining).toBe(9);
    expect((await groupBuys.mine(unlucky))[0]).toMatchObject({ status: 'failed', payment: { status: 'failed' } });
    // The same shopper may try again, and fill the group.
    expect(await groupBuys.join(unlucky, leader.groupId)).toMatchObject({ status: 'confirmed' });
    expect(await groupBuys.group(leader.groupId)).toMatchObject({ status: 'succeeded', paid: 2 });
  });

  it('fails a group at its deadline and refunds each paid member once, even with two sweepers at once', async () => {
    clock.set(start);
    const d = await deal({ groupSize: 4, stock: 10, hoursOpen: 2 });
    const leader = await groupBuys.open(shopper(), d.id);
    await groupBuys.join(shopper(), leader.groupId);
    await groupBuys.join(shopper(), leader.groupId);
    clock.advance(hour);
    expect((await Promise.all(sweepers.map((s) => s.sweep()))).reduce((n, o) => n + o.failed, 0)).toBe(0);
    clock.advance(hour);
    expect(await outcome(groupBuys.join(shopper(), leader.groupId))).toBe('GROUP_CLOSED');
    const swept = await Promise.all(sweepers.map((s) => s.sweep()));
    expect(swept.reduce((n, o) => n + o.failed, 0)).toBe(1);
    expect(swept.reduce((n, o) => n + o.refunded, 0)).toBe(3);
    await Promise.all(sweepers.map((s) => s.sweep())); // nothing more to do

    expect((await groupBuys.group(leader.groupId)).status).toBe('failed');
    const places = await placesOf(leader.groupId);
    expect(places.map((p) => p.status)).toEqual(['refunded', 'refunded', 'refunded']);
    for (const p of places) {
      expect(netCharged(p.id)).toBe(0);
      const rows = await db.query<{ status: string }>('select status from payments where order_id = $1', [p.id]);
      expect(rows).toEqual([{ status: 'refunded' }]);
    }
    expect((await groupBuys.deal(d.id)).remaining).toBe(10);
    // Their places are given back: each may join another group of the deal.
    const again = await groupBuys.open(places[0].user_id, d.id);
    expect(again.status).toBe('paid');
  });

  it('refunds a member whose charge lands after the deadline failed the group', async () => {
    clock.set(start);
    const d = await deal({ groupSize: 3, stock: 10, hoursOpen: 1 });
    const leader = await groupBuys.open(shopper(), d.id);
    channels.forEach((c) => c.configure({ latencyMs: 200 }));
    const late = shopper();
    let joining: Promise<string>;
    try {
      joining = outcome(groupBuys.join(late, leader.groupId));
      // The group's place is taken at once; the charge is still in flight.
      for (let i = 0; i < 100 && (await groupBuys.group(leader.groupId)).members < 2; i++) await new Promise((r) => setTimeout(r, 5));
      clock.advance(2 * hour);
      await sweepers[0].sweep();
    } finally {
      channels.forEach((c) => c.configure({ latencyMs: 1 }));
    }
    const answer = await joining;
    expect((await groupBuys.group(leader.groupId)).status).toBe('failed');
    const [place] = await groupBuys.mine(late);
    // Whichever came first, the member holds no place and keeps no money.
    expect(['GROUP_CLOSED', 'ok']).toContain(answer);
    expect(['cancelled', 'refunded']).toContain(place.status);
    await sweepers[1].sweep();
    expect(netCharged(place.id)).toBe(0);
    expect((await groupBuys.deal(d.id)).remaining).toBe(10);
  });

  it('frees a place whose charge was interrupted, and refunds that charge if it lands after all', async () => {
    clock.set(start);
    const d = await deal({ groupSize: 2, stock: 10 });
    const leader = await groupBuys.open(shopper(), d.id);
    channels.forEach((c) => c.configure({ latencyMs: 300 }));
    const stuck = shopper();
    let joining: Promise<string>;
    try {
      joining = outcome(groupBuys.join(stuck, leader.groupId));
      for (let i = 0; i < 100 && (await groupBuys.group(leader.groupId)).members < 2; i++) await new Promise((r) => setTimeout(r, 5));
      // As after a crash mid-charge: the deadline sweeper of orders reversed the payment left pending.
      const [place] = await db.query<{ id: string }>('select id::text from group_buy_members where group_id = $1 and user_id = $2', [leader.groupId, stuck]);
      await db.query(`update payments set status = 'failed', failure = 'interrupted; reversed' where order_id = $1`, [place.id]);
      clock.advance(3 * 60_000);
      const swept = await Promise.all(sweepers.map((s) => s.sweep()));
      expect(swept.reduce((n, o) => n + o.freed, 0)).toBe(1);
      expect(await groupBuys.group(leader.groupId)).toMatchObject({ status: 'open', members: 1 });
      expect((await groupBuys.deal(d.id)).remaining).toBe(9);
    } finally {
      channels.forEach((c) => c.configure({ latencyMs: 1 }));
    }
    expect(await joining).toBe('GROUP_CLOSED');
    const [place] = await groupBuys.mine(stuck);
    expect(place).toMatchObject({ status: 'failed', payment: { status: 'refunded' } });
    expect(netCharged(place.id)).toBe(0);
  });

  it('rewards each member of the top groups once when the deal ends', async () => {
    clock.set(start);
    const template = await coupons.issue({
      name: '拼团榜单奖励',
      kind: 'amount',
      amountOff: 1_000,
      totalQuantity: 100,
      validFrom: start,
      validTo: start + 30 * 24 * hour,
      handout: 'grant',
    });
    const d = await deal({ groupSize: 2, stock: 20, hoursOpen: 4, endsAt: start + 6 * hour, reward: { templateId: template.id, top: 1 } });
    const slow = await groupBuys.open(shopper(), d.id);
    const fast = await groupBuys.open(shopper(), d.id);
    const unfilled = await groupBuys.open(shopper(), d.id);
    clock.advance(hour);
    const fastFriend = shopper();
    await groupBuys.join(fastFriend, fast.groupId);
    clock.advance(hour);
    await groupBuys.join(shopper(), slow.groupId);
    const board = await groupBuys.leaderboard(d.id);
    expect(board.map((e) => e.groupId)).toEqual([fast.groupId, slow.groupId, unfilled.groupId]);

    clock.set(start + 6 * hour);
    const swept = await Promise.all(sweepers.map((s) => s.sweep()));
    expect(swept.reduce((n, o) => n + o.rewarded, 0)).toBe(2);
    await Promise.all(sweepers.map((s) => s.sweep()));
    const granted = await db.query<{ user_id: string; grant_ref: string }>(
      'select user_id::text, grant_ref from coupons where template_id = $1 order by grant_ref',
      [template.id],
    );
    const fastLeader = (await placesOf(fast.groupId)).find((p) => p.user_id !== fastFriend)!.user_id;
    expect(granted).toEqual(
      [fastLeader, fastFriend].map((u) => ({ user_id: u, grant_ref: `group-buy:${d.id}:rank:1:${u}` })).sort((a, b) => a.grant_ref.localeCompare(b.grant_ref)),
    );
    expect((await groupBuys.deal(d.id)).rewardsGiven).toBe(true);
    expect((await groupBuys.group(unfilled.groupId)).status).toBe('failed');
  });

  it('refuses bad deals, and deals outside their window', async () => {
    expect(await outcome(deal({ groupPrice: 19_900 }))).toBe('INVALID_REQUEST');
    expect(await outcome(deal({ groupSize: 51 }))).toBe('INVALID_REQUEST');
    const claimable = await coupons.issue({ name: 'x', kind: 'amount', amountOff: 100, totalQuantity: 1, validFrom: start, validTo: start + hour });
    expect(await outcome(deal({ reward: { templateId: claimable.id, top: 3 } }))).toBe('INVALID_REQUEST');
    clock.set(start);
    const later = await deal({ startsAt: start + hour });
    expect(await outcome(groupBuys.open(shopper(), later.id))).toBe('GROUP_BUY_NOT_ACTIVE');
    expect(await outcome(groupBuys.open(shopper(), '999999'))).toBe('NOT_FOUND');
    expect(await outcome(groupBuys.join(shopper(), '999999'))).toBe('NOT_FOUND');
  });
});
