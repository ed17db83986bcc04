import { randomInt } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { type DrawLimit, type PrizeInput, type PrizeKind, drawsLeft, pickByWeight, prizeProblem, totalWeight } from '../domain/lottery.js';
import { type Currency, shopDay } from '../domain/points.js';
import { MiaoshaError } from '../errors.js';
import type { Coupons } from '../promotions/coupons.js';
import type { PointsLedger } from '../promotions/points.js';
import { Repeating } from '../repeating.js';

export interface LotteryInput {
  name: string;
  startsAt: number;
  endsAt: number;
  cost: { currency: Currency; amount: number };
  limit: DrawLimit;
  prizes: PrizeInput[];
}

export interface Prize {
  id: string;
  name: string;
  kind: PrizeKind;
  templateId: string | null;
  points: number | null;
  quantity: number | null;
  awarded: number;
  /** Units left; null for the unlimited 谢谢参与. */
  left: number | null;
  weight: number;
}

export interface Lottery {
  id: string;
  name: string;
  startsAt: number;
  endsAt: number;
  cost: { currency: Currency; amount: number };
  limit: DrawLimit;
  prizes: Prize[];
}

/** A draw as its shopper and the audit trail see it. `prize` null: nothing won (谢谢参与 or the pool ran dry). */
export interface Draw {
  id: string;
  lotteryId: string;
  userId: string;
  prize: { id: string; name: string; kind: PrizeKind } | null;
  roll: number;
  weightTotal: number;
  cost: { currency: Currency; amount: number };
  /** delivered: the coupon or points are in the shopper's account, goods recorded to ship; undelivered: the coupon pool was empty. */
  delivery: 'delivered' | 'undelivered' | 'pending';
  couponId: string | null;
  at: number;
}

interface LotteryRow {
  id: string;
  name: string;
  starts_at: Date;
  ends_at: Date;
  cost_currency: Currency;
  cost_amount: number;
  limit_total: number | null;
  limit_daily: number | null;
}

interface PrizeRow {
  id: string;
  lottery_id: string;
  name: string;
  kind: PrizeKind;
  template_id: string | null;
  points: number | null;
  quantity: number | null;
  awarded: number;
  weight: number;
}

interface DrawRow {
  draw_id: string;
  lottery_id: string;
  user_id: string;
  prize_id: string | null;
  prize_name: string | null;
  prize_kind: PrizeKind | null;
  roll: number;
  weight_total: number;
  cost_currency: Currency;
  cost_paid: number;
  state: string;
  coupon_id: string | null;
  at: Date;
}

const ms = (time: Date | string) => new Date(time).getTime();

const prizeOf = (row: PrizeRow): Prize => ({
  id: String(row.id),
  name: row.name,
  kind: row.kind,
  templateId: row.template_id === null ? null : String(row.template_id),
  points: row.points,
  quantity: row.quantity,
  awarded: row.awarded,
  left: row.quantity === null ? null : row.quantity - row.awarded,
  weight: row.weight,
});

const drawOf = (row: DrawRow): Draw => ({
  id: String(row.draw_id),
  lotteryId: String(row.lottery_id),
  userId: String(row.user_id),
  prize: row.prize_id === null || row.prize_kind === 'none' ? null : { id: String(row.prize_id), name: row.prize_name ?? '', kind: row.prize_kind! },
  roll: row.roll,
  weightTotal: row.weight_total,
  cost: { currency: row.cost_currency, amount: row.cost_paid },
  delivery: row.state === 'delivered' ? 'delivered' : row.state === 'undelivered' ? 'undelivered' : 'pending',
  couponId: row.coupon_id === null ? null : String(row.coupon_id),
  at: ms(row.at),
});

const drawColumns = `d.draw_id, d.lottery_id, d.user_id, d.prize_id, p.name as prize_name, p.kind as prize_kind, d.roll, d.weight_total,
                     d.cost_currency, d.cost_paid, t.state, t.coupon_id, d.at
                from lottery_draws d join lottery_tickets t on t.id = d.draw_id left join lottery_prizes p on p.id = d.prize_id`;

/**
 * Lotteries (抽奖, P5). A draw is a ticket that moves counted → paid → drawn → delivered (or void):
 * 1. one statement counts the draw against the shopper's limits (in all and per Shanghai day) and
 *    writes the ticket; 2. the cost is spent (ledger ref `lottery-draw:<id>`; too little → the ticket
 *    is void and the count given back); 3. a prize is picked by weight with a random number from
 *    crypto, and one unit of it taken by a conditional UPDATE in the same statement that writes the
 *    audit row (a prize that just ran out is dropped and the pick made again among the rest);
 *    4. the prize is delivered once (coupon grant or points under ref `lottery:<id>`).
 * A ticket not finished within its lease (the process stopped between steps) is taken up by
 * `recover`, which runs `finish` on it: each step happens once whoever runs it.
 * No prize is ever awarded beyond its quantity: the UPDATE re-checks `awarded < quantity` on the
 * locked row, and a check constraint stands behind it.
 */
export class Lotteries {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly ledger: PointsLedger,
    private readonly coupons: Coupons,
  ) {}

  /** How long a draw may take before the recovery pass takes it up, and how long a recovery pass holds it. */
  static readonly leaseMs = 30_000;

  async create(input: LotteryInput): Promise<Lottery> {
    const problem = prizeProblem(input.prizes);
    if (problem) throw new MiaoshaError('INVALID_REQUEST', problem);
    // Prizes of one coupon draw on its pool together: what they may award must fit what is left of it, or a won prize goes undelivered.
    const promised = new Map<string, number>();
    for (const prize of input.prizes) {
      if (prize.kind !== 'coupon') continue;
      const template = await this.coupons.template(prize.templateId!).catch(() => null);
      if (!template || template.handout !== 'grant') {
        throw new MiaoshaError('INVALID_REQUEST', `prize ${prize.name}: its coupon must exist and be one the platform grants (handout grant)`);
      }
      const quantity = (promised.get(template.id) ?? 0) + (prize.quantity ?? 0);
      promised.set(template.id, quantity);
      const left = Math.max(0, template.totalQuantity - template.claimed);
      if (quantity > left) {
        throw new MiaoshaError('PRIZE_EXCEEDS_COUPONS', `prize ${prize.name}: ${quantity} to award but ${left} left of coupon ${template.name}`);
      }
    }
    const [row] = await this.db.query<LotteryRow>(
      `with lottery as (
         insert into lotteries (name, starts_at, ends_at, cost_currency, cost_amount, limit_total, limit_daily)
         values ($1, $2, $3, $4, $5, $6, $7) returning *
       ), prizes as (
         insert into lottery_prizes (lottery_id, name, kind, template_id, points, quantity, weight)
         select l.id, p.name, p.kind, p.template_id, p.points, p.quantity, p.weight
           from lottery l, jsonb_to_recordset($8::jsonb) as p(name text, kind text, template_id bigint, points int, quantity int, weight int, n int)
          order by p.n
       )
       select * from lottery`,
      [
        input.name,
        new Date(input.startsAt),
        new Date(input.endsAt),
        input.cost.currency,
        input.cost.amount,
        input.limit.total,
        input.limit.daily,
        JSON.stringify(
          input.prizes.map((p, n) => ({
            name: p.name,
            kind: p.kind,
            template_id: p.templateId ?? null,
            points: p.points ?? null,
            quantity: p.quantity ?? null,
            weight: p.weight,
            n,
          })),
        ),
      ],
    );
    return this.lottery(String(row.id));
  }

  async lottery(lotteryId: string): Promise<Lottery> {
    const [row] = await this.db.query<LotteryRow>('select * from lotteries where id = $1', [lotteryId]);
    if (!row) throw new MiaoshaError('NOT_FOUND', `no lottery ${lotteryId}`);
    const prizes = await this.db.query<PrizeRow>('select * from lottery_prizes where lottery_id = $1 order by id', [lotteryId]);
    return this.lotteryOf(row, prizes);
  }

  private lotteryOf(row: LotteryRow, prizes: PrizeRow[]): Lottery {
    return {
      id: String(row.id),
      name: row.name,
      startsAt: ms(row.starts_at),
      endsAt: ms(row.ends_at),
      cost: { currency: row.cost_currency, amount: row.cost_amount },
      limit: { total: row.limit_total, daily: row.limit_daily },
      prizes: prizes.map(prizeOf),
    };
  }

  /** Every lottery, newest first (the operator's list). */
  async lotteries(): Promise<Lottery[]> {
    const rows = await this.db.query<LotteryRow>('select * from lotteries order by id desc');
    const prizes = await this.db.query<PrizeRow>('select * from lottery_prizes order by id');
    return rows.map((row) => this.lotteryOf(row, prizes.filter((p) => String(p.lottery_id) === String(row.id))));
  }

  /** Lotteries open now (the shop's list). */
  async open(): Promise<Lottery[]> {
    const now = new Date(this.clock.now());
    const rows = await this.db.query<LotteryRow>('select * from lotteries where starts_at <= $1 and ends_at > $1 order by id desc', [now]);
    return Promise.all(rows.map((row) => this.lottery(String(row.id))));
  }

  /** Draws once for a shopper: counted, paid, picked, recorded and delivered. */
  async draw(userId: string, lotteryId: string): Promise<Draw> {
    const lottery = await this.lottery(lotteryId);
    const now = this.clock.now();
    if (now < lottery.startsAt || now >= lottery.endsAt) throw new MiaoshaError('LOTTERY_NOT_OPEN', 'this lottery is not open now');
    const day = shopDay(now);
    const [ticket] = await this.db.query<{ id: string }>(
      `with counted as (
         insert into lottery_counts as c (lottery_id, user_id, total, day, today)
         select id, $2, 1, $3, 1 from lotteries
          where id = $1 and coalesce(limit_total, 1) >= 1 and coalesce(limit_daily, 1) >= 1
         on conflict (lottery_id, user_id) do update
            set total = c.total + 1, day = excluded.day, today = case when c.day = excluded.day then c.today + 1 else 1 end
          where ($5::int is null or c.total < $5::int) and ($6::int is null or (case when c.day = excluded.day then c.today else 0 end) < $6::int)
         returning lottery_id
       )
       insert into lottery_tickets (lottery_id, user_id, day, state, at, due_at)
       select lottery_id, $2, $3, 'counted', $4, $7 from counted
       returning id`,
      [lotteryId, userId, day, new Date(now), lottery.limit.total, lottery.limit.daily, new Date(now + Lotteries.leaseMs)],
    );
    if (!ticket) throw new MiaoshaError('DRAW_LIMIT_REACHED', 'no draws left in this lottery');
    return this.finish(String(ticket.id));
  }

  /** Takes a ticket on from wherever it stopped (a crash between steps), each step once. */
  async finish(ticketId: string): Promise<Draw> {
    const [ticket] = await this.db.query<{ id: string; lottery_id: string; user_id: string; day: string; state: string }>(
      'select * from lottery_tickets where id = $1',
      [ticketId],
    );
    if (!ticket) throw new MiaoshaError('NOT_FOUND', `no draw ${ticketId}`);
    if (ticket.state === 'void') throw new MiaoshaError('POINTS_INSUFFICIENT', 'this draw could not be paid');
    const lottery = await this.lottery(String(ticket.lottery_id));
    const userId = String(ticket.user_id);
    const cost = lottery.cost;
    if (ticket.state === 'counted') {
      if (cost.amount > 0) {
        try {
          await this.ledger.change(userId, cost.currency, -cost.amount, `lottery draw: ${lottery.name}`, `lottery-draw:${ticket.id}`);
        } catch (error) {
          if (error instanceof MiaoshaError && error.code === 'POINTS_INSUFFICIENT') {
            await this.void(ticket.id, ticket.day);
            throw error;
          }
          throw error;
        }
      }
      const [paid] = await this.db.query(`update lottery_tickets set state = 'paid' where id = $1 and state = 'counted' returning id`, [ticket.id]);
      const [current] = paid ? [] : await this.db.query<{ state: string }>('select state from lottery_tickets where id = $1', [ticket.id]);
      if (current?.state === 'void') {
        // Another finisher found the balance short and voided it while this one was paid: the cost goes back.
        if (cost.amount > 0) await this.ledger.change(userId, cost.currency, cost.amount, `lottery draw refund: ${lottery.name}`, `lottery-draw-refund:${ticket.id}`);
        throw new MiaoshaError('POINTS_INSUFFICIENT', 'this draw could not be paid');
      }
    }
    let draw = await this.recorded(ticket.id);
    if (!draw) {
      await this.pick(ticket.id, userId, lottery);
      draw = (await this.recorded(ticket.id))!;
    }
    if (draw.delivery === 'pending') draw = await this.deliver(draw, lottery);
    return draw;
  }

  /**
   * Finishes draws left unfinished past their lease (a process stopped between steps). Each is claimed by
   * moving its lease on in one statement, so passes running at once on several nodes never take the same one.
   * Returns how many were finished; a draw that fails is left for a later pass and the first failure thrown.
   */
  async recover(limit = 100): Promise<number> {
    const now = this.clock.now();
    const claimed = await this.db.query<{ id: string }>(
      `update lottery_tickets set due_at = $2
        where id in (select id from lottery_tickets where state in ('counted', 'paid', 'drawn') and due_at <= $1
                      order by due_at limit $3 for update skip locked)
          and state in ('counted', 'paid', 'drawn') and due_at <= $1
        returning id`,
      [new Date(now), new Date(now + Lotteries.leaseMs), limit],
    );
    let finished = 0;
    let failure: unknown = null;
    for (const { id } of claimed) {
      try {
        await this.finish(String(id));
        finished += 1;
      } catch (error) {
        // A draw the shopper cannot pay ends void: that is its finish.
        if (error instanceof MiaoshaError && error.code === 'POINTS_INSUFFICIENT') finished += 1;
        else failure ??= error;
      }
    }
    if (failure) throw failure;
    return finished;
  }

  /** A draw that could not be paid: the ticket is void and the count given back, once. */
  private async void(ticketId: string, day: string): Promise<void> {
    await this.db.query(
      `with voided as (
         update lottery_tickets set state = 'void' where id = $1 and state = 'counted' returning lottery_id, user_id
       )
       update lottery_counts c set total = c.total - 1, today = case when c.day = $2 then c.today - 1 else c.today end
         from voided v where c.lottery_id = v.lottery_id and c.user_id = v.user_id`,
      [ticketId, day],
    );
  }

  /**
   * Picks among prizes with stock left and takes one unit in the statement that records the draw.
   * If the unit was just taken by another draw, that prize is out: pick again among the rest.
   */
  private async pick(ticketId: string, userId: string, lottery: Lottery): Promise<void> {
    let candidates = lottery.prizes.filter((p) => p.weight > 0 && (p.left === null || p.left > 0));
    const record = (prizeId: string | null, roll: number, weightTotal: number) =>
      // The ticket row is locked first: a second finisher of the same ticket waits, then finds it drawn and takes no unit.
      this.db.query<{ draw_id: string }>(
        `with ticket as (
           select id from lottery_tickets where id = $1 and state = 'paid' for update
         ), unit as (
           update lottery_prizes set awarded = awarded + 1
            where id = $3 and (quantity is null or awarded < quantity)
              and exists (select 1 from ticket) and not exists (select 1 from lottery_draws where draw_id = $1)
           returning id
         ), recorded as (
           insert into lottery_draws (draw_id, lottery_id, user_id, prize_id, roll, weight_total, cost_currency, cost_paid, at)
           select $1, $2, $4, (select id from unit), $5, $6, $7, $8, $9
            where ($3::bigint is null or exists (select 1 from unit)) and exists (select 1 from ticket)
              and not exists (select 1 from lottery_draws where draw_id = $1)
           on conflict (draw_id) do nothing
           returning draw_id
         )
         update lottery_tickets set state = 'drawn' where id in (select draw_id from recorded) and state = 'paid'
         returning id as draw_id`,
        [ticketId, lottery.id, prizeId, userId, roll, weightTotal, lottery.cost.currency, lottery.cost.amount, new Date(this.clock.now())],
      );
    for (;;) {
      const weightTotal = totalWeight(candidates);
      if (weightTotal === 0) {
        await record(null, 0, 0);
        return;
      }
      const roll = randomInt(weightTotal);
      const prize = pickByWeight(candidates, roll)!;
      const [made] = await record(prize.id, roll, weightTotal);
      if (made || (await this.recorded(ticketId))) return;
      candidates = candidates.filter((c) => c.id !== prize.id);
    }
  }

  private async recorded(ticketId: string): Promise<Draw | null> {
    const [row] = await this.db.query<DrawRow>(`select ${drawColumns} where d.draw_id = $1`, [ticketId]);
    return row ? drawOf(row) : null;
  }

  /** Hands the prize over once: the ref makes a repeat a no-op. */
  private async deliver(draw: Draw, lottery: Lottery): Promise<Draw> {
    const prize = draw.prize ? lottery.prizes.find((p) => p.id === draw.prize!.id)! : null;
    const ref = `lottery:${draw.id}`;
    let state = 'delivered';
    let couponId: string | null = null;
    if (prize?.kind === 'coupon') {
      // A grant racing another finisher's grant of the same ref may come back empty: asking again finds that coupon.
      const coupon = (await this.coupons.grant(draw.userId, prize.templateId!, ref)) ?? (await this.coupons.grant(draw.userId, prize.templateId!, ref));
      if (coupon) couponId = coupon.id;
      else state = 'undelivered';
    } else if (prize?.kind === 'points') {
      await this.ledger.change(draw.userId, 'points', prize.points!, `lottery prize: ${prize.name}`, ref);
    }
    await this.db.query(`update lottery_tickets set state = $2, coupon_id = $3 where id = $1 and state = 'drawn'`, [draw.id, state, couponId]);
    return (await this.recorded(draw.id))!;
  }

  /** A shopper's draws, newest first, optionally of one lottery. */
  async mine(userId: string, lotteryId?: string, limit = 50): Promise<Draw[]> {
    const rows = await this.db.query<DrawRow>(
      `select ${drawColumns} where d.user_id = $1 and ($2::bigint is null or d.lottery_id = $2::bigint) order by d.draw_id desc limit $3`,
      [userId, lotteryId ?? null, limit],
    );
    return rows.map(drawOf);
  }

  /** Draws a shopper has left in a lottery, in all and today. */
  async left(userId: string, lotteryId: string): Promise<{ total: number | null; today: number | null }> {
    const lottery = await this.lottery(lotteryId);
    const [count] = await this.db.query<{ total: number; day: string; today: number }>(
      'select total, day, today from lottery_counts where lottery_id = $1 and user_id = $2',
      [lotteryId, userId],
    );
    return drawsLeft(lottery.limit, count ?? null, shopDay(this.clock.now()));
  }

  /** The audit trail: every draw, newest first, with the totals per prize and what was collected. */
  async audit(lotteryId: string, limit = 500): Promise<{ lottery: Lottery; draws: Draw[]; totals: { prizeId: string | null; name: string; won: number }[]; drawCount: number; collected: number }> {
    const lottery = await this.lottery(lotteryId);
    const rows = await this.db.query<DrawRow>(`select ${drawColumns} where d.lottery_id = $1 order by d.draw_id desc limit $2`, [lotteryId, limit]);
    const sums = await this.db.query<{ prize_id: string | null; won: string; paid: string }>(
      'select prize_id, count(*) as won, sum(cost_paid) as paid from lottery_draws where lottery_id = $1 group by prize_id',
      [lotteryId],
    );
    const totals: { prizeId: string | null; name: string; won: number }[] = lottery.prizes.map((p) => ({ prizeId: p.id, name: p.name, won: Number(sums.find((s) => String(s.prize_id) === p.id)?.won ?? 0) }));
    const nothing = sums.find((s) => s.prize_id === null);
    if (nothing) totals.push({ prizeId: null, name: '', won: Number(nothing.won) });
    return {
      lottery,
      draws: rows.map(drawOf),
      totals,
      drawCount: sums.reduce((n, s) => n + Number(s.won), 0),
      collected: sums.reduce((n, s) => n + Number(s.paid), 0),
    };
  }
}

/** Runs the recovery pass of unfinished draws on a timer, one pass at a time; stop() waits for the pass in hand. */
export class LotteryRecoverySweeper extends Repeating {
  constructor(lotteries: Lotteries, intervalMs = 10_000, onError: (error: unknown) => void = () => {}) {
    super(() => lotteries.recover(), intervalMs, onError);
  }
}
