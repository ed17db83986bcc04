import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { MiaoshaError } from '../errors.js';
import type { Coupons } from '../promotions/coupons.js';

/** What became of a booking's gift slot: the coupon was granted, the coupon pool was empty, or it is being granted. */
export type GiftState = 'granted' | 'pool_empty' | 'pending';

/** A shopper's booking (预约) of a session, with the gift it won, if any. */
export interface Booking {
  sessionId: string;
  campaignId: string;
  campaignName: string;
  startsAt: number;
  endsAt: number;
  bookedAt: number;
  gift: { slot: number; couponTemplateId: string; couponId: string | null; state: GiftState } | null;
}

/** A session's booking gift as anyone sees it: the first `firstK` bookers get a coupon; `left` slots remain. */
export interface BookingGift {
  sessionId: string;
  couponTemplateId: string;
  couponName: string;
  firstK: number;
  left: number;
}

interface BookingRow {
  session_id: string;
  campaign_id: string;
  campaign_name: string;
  starts_at: Date;
  ends_at: Date;
  booked_at: Date;
  slot: number | null;
  coupon_template_id: string | null;
  coupon_id: string | null;
  outcome: 'granted' | 'pool_empty' | null;
}

const ms = (time: Date | string) => new Date(time).getTime();

/** The cause a gift coupon is granted for: one coupon per shopper and session, however often it is replayed. */
export const giftRef = (sessionId: string, userId: string) => `booking:${sessionId}:${userId}`;

function bookingOf(row: BookingRow): Booking {
  return {
    sessionId: String(row.session_id),
    campaignId: String(row.campaign_id),
    campaignName: row.campaign_name,
    startsAt: ms(row.starts_at),
    endsAt: ms(row.ends_at),
    bookedAt: ms(row.booked_at),
    gift:
      row.slot === null
        ? null
        : { slot: row.slot, couponTemplateId: String(row.coupon_template_id), couponId: row.coupon_id === null ? null : String(row.coupon_id), state: row.outcome ?? 'pending' },
  };
}

/**
 * Reserve-with-gift (预约有礼): shoppers book an upcoming session, one booking each; the operator may attach a
 * gift so that the first K bookers get a coupon. The booking and its gift slot are taken in one statement,
 * so however many book at once exactly K slots are handed out, each to one booking.
 */
export class Bookings {
  constructor(
    private readonly db: Database,
    private readonly coupons: Coupons,
    private readonly clock: Clock,
  ) {}

  /**
   * Books a session before it starts. One statement:
   * 1. the booking is written, or a cancelled one revived (the primary key keeps one per shopper; a second
   *    booking at the same moment waits for the first and then finds it active, so writes nothing);
   * 2. only if step 1 wrote, a gift slot is taken while any is left (UPDATE … WHERE taken < first_k, re-checked
   *    on the locked row), unless this shopper won one before;
   * 3. the slot is recorded against the booking.
   * Then the gift coupon is granted once per booking (`booking:<session>:<shopper>`).
   */
  async book(userId: string, sessionId: string): Promise<Booking> {
    const now = new Date(this.clock.now());
    const [row] = await this.db.query<{ booked: number; slot: number | null; template_id: string | null }>(
      `with open as (
         select id from sessions where id = $1 and starts_at > $3
       ), made as (
         insert into bookings as b (session_id, user_id, booked_at)
         select id, $2, $3 from open
         on conflict (session_id, user_id) do update set cancelled_at = null, booked_at = excluded.booked_at
          where b.cancelled_at is not null
         returning session_id
       ), slot as (
         update booking_gifts set taken = taken + 1
          where session_id in (select session_id from made) and taken < first_k
            and not exists (select 1 from booking_gift_slots where session_id = $1 and user_id = $2)
         returning taken, coupon_template_id
       ), won as (
         insert into booking_gift_slots (session_id, user_id, slot, coupon_template_id)
         select $1, $2, taken, coupon_template_id from slot
         returning slot, coupon_template_id
       )
       select (select count(*) from made)::int as booked,
              (select slot from won) as slot,
              (select coupon_template_id::text from won) as template_id`,
      [sessionId, userId, now],
    );
    if (row.booked === 0) throw await this.whyNotBooked(userId, sessionId, now.getTime());
    if (row.slot !== null && row.template_id !== null) await this.grantGift(userId, sessionId, row.template_id);
    const booking = (await this.mine(userId)).find((b) => b.sessionId === sessionId);
    if (!booking) throw new MiaoshaError('BOOKING_NOT_FOUND', 'the booking was cancelled meanwhile');
    return booking;
  }

  private async whyNotBooked(userId: string, sessionId: string, now: number): Promise<MiaoshaError> {
    const startsAt = await this.sessionStart(sessionId);
    if (now >= startsAt) return new MiaoshaError('BOOKING_CLOSED', 'this session has started: bookings are closed');
    const [mine] = await this.db.query('select 1 from bookings where session_id = $1 and user_id = $2 and cancelled_at is null', [sessionId, userId]);
    if (mine) return new MiaoshaError('ALREADY_BOOKED', 'you have booked this session already');
    return new MiaoshaError('BOOKING_CLOSED', 'this session cannot be booked');
  }

  private async sessionStart(sessionId: string): Promise<number> {
    const [session] = await this.db.query<{ starts_at: Date }>('select starts_at from sessions where id = $1', [sessionId]);
    if (!session) throw new MiaoshaError('NOT_FOUND', `no session ${sessionId}`);
    return ms(session.starts_at);
  }

  /** Grants a won slot's coupon and records the outcome; safe to repeat (the grant is once per cause). */
  private async grantGift(userId: string, sessionId: string, templateId: string): Promise<void> {
    const coupon = await this.coupons.grant(userId, templateId, giftRef(sessionId, userId));
    await this.db.query(
      `update booking_gift_slots set coupon_id = $3, outcome = $4 where session_id = $1 and user_id = $2 and outcome is null`,
      [sessionId, userId, coupon ? coupon.id : null, coupon ? 'granted' : 'pool_empty'],
    );
  }

  /** Cancels a booking before the session starts. A gift already granted stays in the wallet, and the slot stays used. */
  async cancel(userId: string, sessionId: string): Promise<void> {
    const now = new Date(this.clock.now());
    const cancelled = await this.db.query(
      `update bookings set cancelled_at = $3
        where session_id = $1 and user_id = $2 and cancelled_at is null
          and exists (select 1 from sessions where id = $1 and starts_at > $3)
       returning session_id`,
      [sessionId, userId, now],
    );
    if (cancelled.length > 0) return;
    if (now.getTime() >= (await this.sessionStart(sessionId))) throw new MiaoshaError('BOOKING_CLOSED', 'this session has started: bookings can no longer change');
    throw new MiaoshaError('BOOKING_NOT_FOUND', 'you have no booking for this session');
  }

  /** A shopper's active bookings, soonest first. A gift left half-granted (a crash between its steps) is finished here. */
  async mine(userId: string): Promise<Booking[]> {
    const read = () =>
      this.db.query<BookingRow>(
        `select b.session_id::text, s.campaign_id::text, c.name as campaign_name, s.starts_at, s.ends_at, b.booked_at,
                g.slot, g.coupon_template_id::text, g.coupon_id::text, g.outcome
           from bookings b
           join sessions s on s.id = b.session_id
           join campaigns c on c.id = s.campaign_id
           left join booking_gift_slots g on g.session_id = b.session_id and g.user_id = b.user_id
          where b.user_id = $1 and b.cancelled_at is null
          order by s.starts_at, b.session_id`,
        [userId],
      );
    let rows = await read();
    const unfinished = rows.filter((row) => row.slot !== null && row.outcome === null);
    if (unfinished.length > 0) {
      for (const row of unfinished) await this.grantGift(userId, String(row.session_id), String(row.coupon_template_id));
      rows = await read();
    }
    return rows.map(bookingOf);
  }

  /** How many shoppers have booked a session. */
  async count(sessionId: string): Promise<number> {
    const [row] = await this.db.query<{ n: number }>('select count(*)::int as n from bookings where session_id = $1 and cancelled_at is null', [sessionId]);
    return row.n;
  }

  /** The operator attaches (or changes) a session's booking gift before it starts. Slots already taken stay taken. */
  async setGift(sessionId: string, input: { couponTemplateId: string; firstK: number }): Promise<BookingGift> {
    if (this.clock.now() >= (await this.sessionStart(sessionId))) throw new MiaoshaError('BOOKING_CLOSED', 'this session has started: its booking gift can no longer change');
    const template = await this.coupons.template(input.couponTemplateId);
    if (template.handout !== 'grant') {
      throw new MiaoshaError('INVALID_REQUEST', 'a booking gift must be a coupon the platform hands out (handout "grant"), not one shoppers claim');
    }
    await this.db.query(
      `insert into booking_gifts (session_id, coupon_template_id, first_k) values ($1, $2, $3)
       on conflict (session_id) do update set coupon_template_id = excluded.coupon_template_id, first_k = excluded.first_k`,
      [sessionId, input.couponTemplateId, input.firstK],
    );
    return (await this.gift(sessionId))!;
  }

  /** A session's booking gift, or null when it has none. */
  async gift(sessionId: string): Promise<BookingGift | null> {
    await this.sessionStart(sessionId);
    const [row] = await this.db.query<{ coupon_template_id: string; name: string; first_k: number; taken: number }>(
      `select g.coupon_template_id::text, t.name, g.first_k, g.taken
         from booking_gifts g join coupon_templates t on t.id = g.coupon_template_id
        where g.session_id = $1`,
      [sessionId],
    );
    if (!row) return null;
    return { sessionId, couponTemplateId: String(row.coupon_template_id), couponName: row.name, firstK: row.first_k, left: Math.max(0, row.first_k - row.taken) };
  }
}
