import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { checkInReward, dayBefore, monthOf, shopDay } from '../domain/points.js';
import { MiaoshaError } from '../errors.js';
import type { PointsLedger } from './points.js';

export interface CheckInResult {
  day: string;
  streak: number;
  /** Energy this check-in earned. */
  reward: number;
  /** Energy balance after it. */
  balance: number;
}

export interface CheckInMonth {
  today: string;
  month: string;
  days: { day: string; streak: number }[];
  checkedInToday: boolean;
  /** The run of days that is still alive: today's, or yesterday's when today is not done yet; else 0. */
  streak: number;
}

/**
 * Daily check-in (签到): once a shopper a day (Asia/Shanghai), with a streak, rewarded in energy.
 * The check-in row is written by one statement (ON CONFLICT DO NOTHING), so of many taps the same day
 * exactly one makes it; the others answer ALREADY_CHECKED_IN. Its energy is credited afterwards under
 * the ref `checkin:<day>`. Should the process stop between the two, the next tap that day (answered
 * ALREADY_CHECKED_IN) credits it: the ref makes that a no-op when it was already paid.
 */
export class CheckIns {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly ledger: PointsLedger,
  ) {}

  async checkIn(userId: string): Promise<CheckInResult> {
    const now = this.clock.now();
    const day = shopDay(now);
    const [made] = await this.db.query<{ streak: number }>(
      `insert into check_ins (user_id, day, streak, at)
       select $1, $2, coalesce((select streak from check_ins where user_id = $1 and day = $3), 0) + 1, $4
       on conflict (user_id, day) do nothing
       returning streak`,
      [userId, day, dayBefore(day), new Date(now)],
    );
    if (!made) {
      const [done] = await this.db.query<{ streak: number }>('select streak from check_ins where user_id = $1 and day = $2', [userId, day]);
      if (done) await this.pay(userId, day, done.streak);
      throw new MiaoshaError('ALREADY_CHECKED_IN', `already checked in on ${day}`);
    }
    const { entry } = await this.pay(userId, day, made.streak);
    return { day, streak: made.streak, reward: entry.delta, balance: entry.balanceAfter };
  }

  private pay(userId: string, day: string, streak: number) {
    return this.ledger.change(userId, 'energy', checkInReward(streak), `check-in day ${streak}`, `checkin:${day}`);
  }

  /** This month's check-ins and the current streak. */
  async month(userId: string): Promise<CheckInMonth> {
    const today = shopDay(this.clock.now());
    const { month, first, last } = monthOf(today);
    const yesterday = dayBefore(today);
    const rows = await this.db.query<{ day: string; streak: number }>(
      `select day, streak from check_ins where user_id = $1 and ((day >= $2 and day <= $3) or day = $4) order by day`,
      [userId, first, last, yesterday],
    );
    const todays = rows.find((r) => r.day === today);
    const yesterdays = rows.find((r) => r.day === yesterday);
    return {
      today,
      month,
      days: rows.filter((r) => r.day >= first && r.day <= last).map((r) => ({ day: r.day, streak: r.streak })),
      checkedInToday: todays !== undefined,
      streak: todays?.streak ?? yesterdays?.streak ?? 0,
    };
  }
}
