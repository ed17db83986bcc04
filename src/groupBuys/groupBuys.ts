import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import {
  type DealState,
  dealProblem,
  dealState,
  type GroupBuyDealInput,
  type GroupStatus,
  type MemberStatus,
  rankGroups,
  stillNeeded,
} from '../domain/groupBuy.js';
import { MiaoshaError } from '../errors.js';
import { checkChannel } from '../orders/payOnce.js';
import { finishRefund } from '../orders/refunds.js';
import { PaymentFailedError, type PaymentRouter } from '../payments/index.js';

export interface GroupBuyDeal {
  id: string;
  title: string;
  merchant: string;
  originalPrice: number;
  groupPrice: number;
  groupSize: number;
  hoursOpen: number;
  stock: number;
  /** Units not held by any live membership. */
  remaining: number;
  perUserLimit: number;
  startsAt: number;
  endsAt: number;
  state: DealState;
  reward: { templateId: string; top: number } | null;
  rewardsGiven: boolean;
}

/** A place in a group as anyone may see it: no shopper ids. */
export interface GroupPlace {
  leader: boolean;
  paid: boolean;
  joinedAt: number;
}

export interface GroupView {
  id: string;
  dealId: string;
  size: number;
  /** Places held (paying or paid). */
  members: number;
  paid: number;
  /** Paid members still needed (还差 N 人). */
  needed: number;
  status: GroupStatus;
  openedAt: number;
  closesAt: number;
  succeededAt: number | null;
  failedAt: number | null;
  places: GroupPlace[];
}

export interface LeaderboardEntry {
  rank: number;
  groupId: string;
  status: GroupStatus;
  paid: number;
  size: number;
  openedAt: number;
  succeededAt: number | null;
}

/** A shopper's place in a group: once the group succeeds it is a confirmed order at the group price. */
export interface Membership {
  id: string;
  groupId: string;
  dealId: string;
  title: string;
  merchant: string;
  amount: number;
  leader: boolean;
  status: MemberStatus;
  joinedAt: number;
  paidAt: number | null;
  group: { status: GroupStatus; size: number; paid: number; needed: number; closesAt: number };
  payment: { status: string; channel: string | null } | null;
}

interface DealRow {
  id: string;
  title: string;
  merchant: string;
  original_price: number;
  group_price: number;
  group_size: number;
  hours_open: number;
  stock: number;
  taken: number;
  per_user_limit: number;
  starts_at: Date;
  ends_at: Date;
  reward_template_id: string | null;
  reward_top: number;
  reward_state: string | null;
}

interface GroupRow {
  id: string;
  deal_id: string;
  leader_id: string;
  size: number;
  members: number;
  paid: number;
  status: GroupStatus;
  opened_at: Date;
  closes_at: Date;
  succeeded_at: Date | null;
  failed_at: Date | null;
}

const ms = (time: Date | string) => new Date(time).getTime();
const msOrNull = (time: Date | string | null) => (time === null ? null : ms(time));

/** A database refusal from one of the caps' constraints: the statement that broke it changed nothing. */
function brokenCap(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== '23505' && code !== '23514') return null;
  const message = String((error as Error).message);
  for (const name of ['group_buy_deals_never_oversold', 'group_buy_holds_within_limit', 'group_buy_members_once_per_group', 'group_buy_groups_never_over_full']) {
    if (message.includes(name)) return name;
  }
  return null;
}

function dealOf(row: DealRow, now: number): GroupBuyDeal {
  const deal = { startsAt: ms(row.starts_at), endsAt: ms(row.ends_at) };
  return {
    id: String(row.id),
    title: row.title,
    merchant: row.merchant,
    originalPrice: row.original_price,
    groupPrice: row.group_price,
    groupSize: row.group_size,
    hoursOpen: row.hours_open,
    stock: row.stock,
    remaining: row.stock - row.taken,
    perUserLimit: row.per_user_limit,
    ...deal,
    state: dealState(deal, now),
    reward: row.reward_template_id && row.reward_top > 0 ? { templateId: String(row.reward_template_id), top: row.reward_top } : null,
    rewardsGiven: row.reward_state === 'granted',
  };
}

function groupOf(row: GroupRow, places: GroupPlace[] = []): GroupView {
  return {
    id: String(row.id),
    dealId: String(row.deal_id),
    size: row.size,
    members: row.members,
    paid: row.paid,
    needed: row.status === 'open' ? stillNeeded(row) : 0,
    status: row.status,
    openedAt: ms(row.opened_at),
    closesAt: ms(row.closes_at),
    succeededAt: msOrNull(row.succeeded_at),
    failedAt: msOrNull(row.failed_at),
    places,
  };
}

/** An id that cannot exist is simply not found. */
function parseId(id: string, what: string): string {
  if (!/^[1-9][0-9]{0,17}$/.test(id)) throw new MiaoshaError('NOT_FOUND', `no such ${what}`);
  return id;
}

/**
 * Group buy (拼团, P5). A shopper opens a group (its leader) or joins one by its link, paying the group
 * price at once. Every cap is kept by the one statement that takes a place: the group's row (never more
 * than N places, open and not expired), the deal's units (a check: never oversold), the shopper's hold
 * on the deal (a check: the per-shopper limit) and a unique index (once per group). A statement that
 * would break a cap fails whole, so nothing is half taken.
 *
 * The charge follows Orders.pay: a payments row (keyed by the membership id, which comes from the
 * node's order id generator) guards it, the PaymentRouter charges with no lock held, and one
 * conditional update settles it. Every statement that changes a membership locks its group's row first
 * (SELECT … FOR UPDATE sees the latest version), so payment, failure of the charge and the deadline
 * sweeper are serialised per group and never deadlock.
 */
export class GroupBuys {
  constructor(
    private readonly db: Database,
    private readonly payments: PaymentRouter,
    private readonly clock: Clock,
    /** Membership ids: the node's order ids, so the payments table's order_id takes them. */
    private readonly nextId: () => string,
  ) {}

  async createDeal(input: GroupBuyDealInput): Promise<GroupBuyDeal> {
    const problem = dealProblem(input);
    if (problem) throw new MiaoshaError('INVALID_REQUEST', problem);
    if (input.reward) {
      const [template] = await this.db.query<{ handout: string }>('select handout from coupon_templates where id = $1', [input.reward.templateId]);
      if (!template) throw new MiaoshaError('INVALID_REQUEST', `no coupon ${input.reward.templateId}`);
      if (template.handout !== 'grant') throw new MiaoshaError('INVALID_REQUEST', "a reward coupon must be one the platform grants (handout 'grant')");
    }
    const [row] = await this.db.query<DealRow>(
      `insert into group_buy_deals (title, merchant, original_price, group_price, group_size, hours_open, stock, per_user_limit,
                                    starts_at, ends_at, reward_template_id, reward_top, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       returning *`,
      [
        input.title,
        input.merchant,
        input.originalPrice,
        input.groupPrice,
        input.groupSize,
        input.hoursOpen,
        input.stock,
        input.perUserLimit,
        new Date(input.startsAt),
        new Date(input.endsAt),
        input.reward?.templateId ?? null,
        input.reward?.top ?? 0,
        new Date(this.clock.now()),
      ],
    );
    return dealOf(row, this.clock.now());
  }

  /** Every deal, newest first (the operator's list). */
  async deals(): Promise<GroupBuyDeal[]> {
    const rows = await this.db.query<DealRow>('select * from group_buy_deals order by id desc');
    return rows.map((row) => dealOf(row, this.clock.now()));
  }

  /** Deals shoppers can see: running or about to start, soonest ending first. */
  async showing(): Promise<GroupBuyDeal[]> {
    const rows = await this.db.query<DealRow>('select * from group_buy_deals where ends_at > $1 order by ends_at, id', [new Date(this.clock.now())]);
    return rows.map((row) => dealOf(row, this.clock.now()));
  }

  async deal(dealId: string): Promise<GroupBuyDeal> {
    const [row] = await this.db.query<DealRow>('select * from group_buy_deals where id = $1', [parseId(dealId, 'group-buy deal')]);
    if (!row) throw new MiaoshaError('NOT_FOUND', 'no such group-buy deal');
    return dealOf(row, this.clock.now());
  }

  /** Every group of a deal, newest first, with its places (the operator's view). */
  async groups(dealId: string): Promise<(GroupView & { leaderId: string })[]> {
    const rows = await this.db.query<GroupRow>('select * from group_buy_groups where deal_id = $1 order by id desc', [parseId(dealId, 'group-buy deal')]);
    const places = await this.placesOf(rows.map((r) => String(r.id)));
    return rows.map((row) => ({ ...groupOf(row, places.get(String(row.id))), leaderId: String(row.leader_id) }));
  }

  /** Groups one can still join: open, not expired, with a free place; the closest to filling first. */
  async joinable(dealId: string): Promise<GroupView[]> {
    const rows = await this.db.query<GroupRow>(
      `select * from group_buy_groups
        where deal_id = $1 and status = 'open' and closes_at > $2 and members < size
        order by size - paid, closes_at limit 20`,
      [parseId(dealId, 'group-buy deal'), new Date(this.clock.now())],
    );
    const places = await this.placesOf(rows.map((r) => String(r.id)));
    return rows.map((row) => groupOf(row, places.get(String(row.id))));
  }

  /** The deal's leaderboard: succeeded groups first, fastest to fill first, then open ones (failed groups are not ranked). */
  async leaderboard(dealId: string, limit = 10): Promise<LeaderboardEntry[]> {
    const rows = await this.db.query<GroupRow>(`select * from group_buy_groups where deal_id = $1 and status <> 'failed'`, [parseId(dealId, 'group-buy deal')]);
    return rankGroups(rows.map((row) => groupOf(row)))
      .slice(0, limit)
      .map((g, i) => ({ rank: i + 1, groupId: g.id, status: g.status, paid: g.paid, size: g.size, openedAt: g.openedAt, succeededAt: g.succeededAt }));
  }

  async group(groupId: string): Promise<GroupView> {
    const [row] = await this.db.query<GroupRow>('select * from group_buy_groups where id = $1', [parseId(groupId, 'group')]);
    if (!row) throw new MiaoshaError('NOT_FOUND', 'no such group');
    return groupOf(row, (await this.placesOf([groupId])).get(groupId));
  }

  private async placesOf(groupIds: string[]): Promise<Map<string, GroupPlace[]>> {
    const places = new Map<string, GroupPlace[]>();
    if (groupIds.length === 0) return places;
    const rows = await this.db.query<{ group_id: string; leader: boolean; status: MemberStatus; joined_at: Date }>(
      `select group_id::text, leader, status, joined_at from group_buy_members
        where group_id = any($1::bigint[]) and status in ('paying', 'paid', 'confirmed', 'refunded')
        order by leader desc, joined_at, id`,
      [groupIds],
    );
    for (const row of rows) {
      const list = places.get(row.group_id) ?? [];
      list.push({ leader: row.leader, paid: row.status !== 'paying', joinedAt: ms(row.joined_at) });
      places.set(row.group_id, list);
    }
    return places;
  }

  /** A shopper's group-buy places, newest first. */
  async mine(userId: string): Promise<Membership[]> {
    const rows = await this.db.query<MembershipRow>(`${membershipSelect} where m.user_id = $1 order by m.id desc limit 100`, [userId]);
    return rows.map(membershipOf);
  }

  private async membership(memberId: string): Promise<Membership> {
    const [row] = await this.db.query<MembershipRow>(`${membershipSelect} where m.id = $1`, [memberId]);
    return membershipOf(row);
  }

  /** Opens a group of the deal with the shopper as its leader, paying the group price at once. */
  async open(userId: string, dealId: string, channel?: string): Promise<Membership> {
    checkChannel(this.payments, channel);
    parseId(dealId, 'group-buy deal');
    const memberId = this.nextId();
    const paymentId = randomUUID();
    const now = new Date(this.clock.now());
    let taken: { id: string; group_id: string; amount: number } | undefined;
    try {
      [taken] = await this.db.query<{ id: string; group_id: string; amount: number }>(
        `with deal as (
           select id, group_size, hours_open, ends_at, group_price, per_user_limit from group_buy_deals
            where id = $1 and starts_at <= $3 and ends_at > $3
         ), grp as (
           insert into group_buy_groups (deal_id, leader_id, size, members, paid, status, opened_at, closes_at)
           select id, $2, group_size, 1, 0, 'open', $3, least($3::timestamptz + make_interval(hours => hours_open), ends_at) from deal
           returning id, deal_id
         ), unit as (
           update group_buy_deals set taken = taken + 1 where id in (select deal_id from grp)
         ), hold as (
           insert into group_buy_holds as h (deal_id, user_id, joined, per_user_limit)
           select id, $2, 1, per_user_limit from deal where exists (select 1 from grp)
           on conflict (deal_id, user_id) do update set joined = h.joined + 1
         ), member as (
           insert into group_buy_members (id, group_id, deal_id, user_id, leader, amount, status, joined_at)
           select $4, grp.id, grp.deal_id, $2, true, deal.group_price, 'paying', $3 from grp, deal
           returning id, group_id, amount
         ), payment as (
           insert into payments (id, order_id, amount, status, created_at, updated_at)
           select $5, id, amount, 'pending', $3, $3 from member
         )
         select id::text, group_id::text, amount from member`,
        [dealId, userId, now, memberId, paymentId],
      );
    } catch (error) {
      const cap = brokenCap(error);
      if (!cap) throw error;
      throw this.refusal(cap);
    }
    if (!taken) throw await this.whyNotOpened(dealId);
    return this.charge(taken.id, taken.group_id, paymentId, taken.amount, channel);
  }

  /** Joins an open group by its link, paying the group price at once. */
  async join(userId: string, groupId: string, channel?: string): Promise<Membership> {
    checkChannel(this.payments, channel);
    parseId(groupId, 'group');
    const memberId = this.nextId();
    const paymentId = randomUUID();
    const now = new Date(this.clock.now());
    let taken: { id: string; amount: number } | undefined;
    try {
      // The group's row decides the place (open, not expired, not full); the deal's units, the
      // shopper's hold and the once-per-group index refuse the whole statement if one would break.
      [taken] = await this.db.query<{ id: string; amount: number }>(
        `with grp as (
           update group_buy_groups g set members = g.members + 1
             from group_buy_deals d
            where g.id = $1 and d.id = g.deal_id and g.status = 'open' and g.closes_at > $3 and g.members < g.size
              and d.starts_at <= $3 and d.ends_at > $3
           returning g.id, g.deal_id, d.group_price, d.per_user_limit
         ), unit as (
           update group_buy_deals set taken = taken + 1 where id in (select deal_id from grp)
         ), hold as (
           insert into group_buy_holds as h (deal_id, user_id, joined, per_user_limit)
           select deal_id, $2, 1, per_user_limit from grp
           on conflict (deal_id, user_id) do update set joined = h.joined + 1
         ), member as (
           insert into group_buy_members (id, group_id, deal_id, user_id, leader, amount, status, joined_at)
           select $4, id, deal_id, $2, false, group_price, 'paying', $3 from grp
           returning id, amount
         ), payment as (
           insert into payments (id, order_id, amount, status, created_at, updated_at)
           select $5, id, amount, 'pending', $3, $3 from member
         )
         select id::text, amount from member`,
        [groupId, userId, now, memberId, paymentId],
      );
    } catch (error) {
      const cap = brokenCap(error);
      if (!cap) throw error;
      throw this.refusal(cap);
    }
    if (!taken) throw await this.whyNotJoined(userId, groupId);
    return this.charge(taken.id, groupId, paymentId, taken.amount, channel);
  }

  private refusal(cap: string): MiaoshaError {
    switch (cap) {
      case 'group_buy_deals_never_oversold':
        return new MiaoshaError('GROUP_BUY_SOLD_OUT', 'every unit of this group buy is taken');
      case 'group_buy_holds_within_limit':
        return new MiaoshaError('GROUP_BUY_LIMIT_REACHED', 'you are already in as many groups of this deal as one shopper may be');
      case 'group_buy_members_once_per_group':
        return new MiaoshaError('ALREADY_IN_GROUP', 'you are already in this group');
      default:
        return new MiaoshaError('GROUP_FULL', 'this group is full');
    }
  }

  /** After a refused open, which rule refused it (a read, nothing changes). */
  private async whyNotOpened(dealId: string): Promise<MiaoshaError> {
    const deal = await this.deal(dealId);
    if (deal.state === 'upcoming') return new MiaoshaError('GROUP_BUY_NOT_ACTIVE', 'this group buy has not started yet');
    return new MiaoshaError('GROUP_BUY_NOT_ACTIVE', 'this group buy has ended');
  }

  /** After a refused join, which rule refused it (a read, nothing changes). */
  private async whyNotJoined(userId: string, groupId: string): Promise<MiaoshaError> {
    const group = await this.group(groupId);
    const deal = await this.deal(group.dealId);
    if (deal.state !== 'live') return new MiaoshaError('GROUP_BUY_NOT_ACTIVE', deal.state === 'upcoming' ? 'this group buy has not started yet' : 'this group buy has ended');
    if (group.status === 'succeeded') return new MiaoshaError('GROUP_FULL', 'this group is full');
    if (group.status !== 'open' || group.closesAt <= this.clock.now()) return new MiaoshaError('GROUP_CLOSED', 'this group is no longer open');
    const [mine] = await this.db.query(`select 1 from group_buy_members where group_id = $1 and user_id = $2 and status in ('paying', 'paid', 'confirmed')`, [groupId, userId]);
    if (mine) return new MiaoshaError('ALREADY_IN_GROUP', 'you are already in this group');
    return new MiaoshaError('GROUP_FULL', 'this group is full');
  }

  /** Charges a place just taken; its outcome is settled under the group's lock. */
  private async charge(memberId: string, groupId: string, paymentId: string, amount: number, channel?: string): Promise<Membership> {
    let receipt;
    try {
      receipt = await this.payments.pay({ paymentId, orderId: memberId, amount }, channel);
    } catch (error) {
      const reason = error instanceof PaymentFailedError ? error.causes.join('; ') : String(error);
      await this.release(memberId, groupId, paymentId, reason);
      throw new MiaoshaError('PAYMENT_FAILED', 'no payment channel accepted the payment; nothing was charged and your place was freed');
    }
    const now = new Date(this.clock.now());
    // The member becomes paid only if still paying in a group still open (the latest row, locked);
    // the last place paid makes the group succeed. Otherwise the deadline failed the group while the
    // charge was in flight, and the payment goes to refund.
    const [settled] = await this.db.query<{ payment_status: string; group_status: string | null }>(
      `with locked as (
         select id, status from group_buy_groups where id = $1 for update
       ), member as (
         update group_buy_members set status = 'paid', paid_at = $3
          where id = $2 and status = 'paying' and group_id in (select id from locked where status = 'open')
         returning group_id
       ), grp as (
         update group_buy_groups set paid = paid + 1,
                status = case when paid + 1 >= size then 'succeeded' else status end,
                succeeded_at = case when paid + 1 >= size then $3 else succeeded_at end
          where id in (select group_id from member)
         returning status
       ), payment as (
         update payments
            set status = case when exists (select 1 from member) then 'succeeded' else 'refund_pending' end,
                channel = $4, reference = $5, updated_at = $3
          where id = $6
         returning status
       )
       select (select status from payment) as payment_status, (select status from grp) as group_status`,
      [groupId, memberId, now, receipt.channel, receipt.reference, paymentId],
    );
    if (settled?.payment_status !== 'succeeded') {
      await finishRefund(this.db, this.payments, paymentId, this.clock).catch(() => {});
      throw new MiaoshaError('GROUP_CLOSED', 'your place was given up before the payment completed (the group closed, or the payment was interrupted); the charge was refunded');
    }
    if (settled.group_status === 'succeeded') await this.confirm(groupId);
    return this.membership(memberId);
  }

  /** A succeeded group's paid places become confirmed orders (repeatable: the sweeper re-runs it). */
  async confirm(groupId?: string): Promise<number> {
    const rows = await this.db.query(
      `update group_buy_members set status = 'confirmed', settled_at = $2
        where status = 'paid' and group_id in (select id from group_buy_groups where status = 'succeeded' and ($1::bigint is null or id = $1))
       returning id`,
      [groupId ?? null, new Date(this.clock.now())],
    );
    return rows.length;
  }

  /**
   * A place whose charge failed (or was interrupted) is given back: the group's place, the deal's unit
   * and the shopper's hold, once; the membership row decides. Nothing happens if the group has already
   * been failed by the deadline (which gave them back itself).
   */
  async release(memberId: string, groupId: string, paymentId: string | null, reason: string): Promise<boolean> {
    const now = new Date(this.clock.now());
    const rows = await this.db.query(
      `with locked as (
         select id from group_buy_groups where id = $1 for update
       ), member as (
         update group_buy_members set status = 'failed', settled_at = $3
          where id = $2 and status = 'paying' and group_id in (select id from locked)
         returning group_id, deal_id, user_id
       ), grp as (
         update group_buy_groups set members = members - 1 where id in (select group_id from member)
       ), unit as (
         update group_buy_deals set taken = taken - 1 where id in (select deal_id from member)
       ), hold as (
         update group_buy_holds set joined = joined - 1 where (deal_id, user_id) in (select deal_id, user_id from member)
       ), payment as (
         update payments set status = 'failed', failure = $4, updated_at = $3 where id = $5 and status = 'pending'
       )
       select 1 from member`,
      [groupId, memberId, now, reason.slice(0, 500), paymentId],
    );
    return rows.length > 0;
  }

  /**
   * Fails one group whose deadline passed without N paid members: the group's row decides (so of two
   * sweepers exactly one does it), every place goes back, paid members' payments turn refund_pending
   * and are refunded through their channel.
   */
  async failIfExpired(groupId: string): Promise<{ failed: boolean; refunded: number }> {
    const now = new Date(this.clock.now());
    const [outcome] = await this.db.query<{ failed: number; refunds: string[] }>(
      `with grp as (
         update group_buy_groups set status = 'failed', failed_at = $2
          where id = $1 and status = 'open' and closes_at <= $2
         returning id, deal_id
       ), member as (
         update group_buy_members set status = case when status = 'paid' then 'refunded' else 'cancelled' end, settled_at = $2
          where group_id in (select id from grp) and status in ('paying', 'paid')
         returning id, deal_id, user_id, status
       ), unit as (
         update group_buy_deals set taken = taken - (select count(*) from member) where id in (select deal_id from grp)
       ), hold as (
         update group_buy_holds set joined = joined - 1
          where deal_id in (select deal_id from grp) and user_id in (select user_id from member)
       ), payment as (
         update payments set status = 'refund_pending', updated_at = $2
          where order_id in (select id from member where status = 'refunded') and status = 'succeeded'
         returning id
       )
       select (select count(*) from grp)::int as failed, coalesce((select json_agg(id) from payment), '[]'::json) as refunds`,
      [groupId, now],
    );
    // If the channel cannot refund right now, the payment stays refund_pending and the deadline sweeper finishes it.
    for (const paymentId of outcome.refunds) await finishRefund(this.db, this.payments, paymentId, this.clock).catch(() => {});
    return { failed: outcome.failed > 0, refunded: outcome.refunds.length };
  }

  /** Groups past their deadline and still open. */
  async due(limit = 100): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `select id::text from group_buy_groups where status = 'open' and closes_at <= $1 order by closes_at limit $2`,
      [new Date(this.clock.now()), limit],
    );
    return rows.map((r) => r.id);
  }

  /** Places stuck paying with no live payment (the node stopped mid-charge; the payment was reversed). */
  async stuck(olderThanMs: number, limit = 100): Promise<{ id: string; groupId: string }[]> {
    const rows = await this.db.query<{ id: string; group_id: string }>(
      `select m.id::text, m.group_id::text from group_buy_members m
        where m.status = 'paying' and m.joined_at < $1
          and not exists (select 1 from payments p where p.order_id = m.id and p.status in ('pending', 'succeeded'))
        limit $2`,
      [new Date(this.clock.now() - olderThanMs), limit],
    );
    return rows.map((r) => ({ id: r.id, groupId: r.group_id }));
  }
}

interface MembershipRow {
  id: string;
  group_id: string;
  deal_id: string;
  title: string;
  merchant: string;
  amount: number;
  leader: boolean;
  status: MemberStatus;
  joined_at: Date;
  paid_at: Date | null;
  group_status: GroupStatus;
  size: number;
  paid: number;
  closes_at: Date;
  payment_status: string | null;
  payment_channel: string | null;
}

const membershipSelect = `
  select m.id::text, m.group_id::text, m.deal_id::text, d.title, d.merchant, m.amount, m.leader, m.status, m.joined_at, m.paid_at,
         g.status as group_status, g.size, g.paid, g.closes_at, p.status as payment_status, p.channel as payment_channel
    from group_buy_members m
    join group_buy_groups g on g.id = m.group_id
    join group_buy_deals d on d.id = m.deal_id
    left join lateral (select status, channel from payments where order_id = m.id order by created_at desc limit 1) p on true`;

function membershipOf(row: MembershipRow): Membership {
  return {
    id: row.id,
    groupId: row.group_id,
    dealId: row.deal_id,
    title: row.title,
    merchant: row.merchant,
    amount: row.amount,
    leader: row.leader,
    status: row.status,
    joinedAt: ms(row.joined_at),
    paidAt: msOrNull(row.paid_at),
    group: {
      status: row.group_status,
      size: row.size,
      paid: row.paid,
      needed: row.group_status === 'open' ? stillNeeded(row) : 0,
      closesAt: ms(row.closes_at),
    },
    payment: row.payment_status ? { status: row.payment_status, channel: row.payment_channel } : null,
  };
}

/** The newest place id made under this node number: the node's order ids must come after it too. */
export async function lastGroupBuyPlaceOfNode(db: Database, nodeId: number): Promise<string | null> {
  const [row] = await db.query<{ id: string | null }>('select max(id)::text as id from group_buy_members where (id / 10000) % 100 = $1', [nodeId]);
  return row?.id ?? null;
}
