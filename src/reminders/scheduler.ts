import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { type ReminderKind, reminderLeadMs, reminderText } from '../domain/reminder.js';

interface DueStart {
  kind: ReminderKind;
  ref_id: string;
  campaign_id: string;
  campaign_name: string;
  starts_at: Date;
}

/**
 * Writes reminders into the outbox: for each start due within the lead (a booked session, a campaign whose
 * sessions were booked), one row per shopper and channel. The dedupe key is unique, so running this any
 * number of times, on any number of nodes, schedules each reminder once.
 */
export class ReminderScheduler {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    /** The channels a reminder goes to (the inbox and every other channel configured). */
    private readonly channels: () => string[],
    private readonly leadMs = reminderLeadMs,
  ) {}

  /** One pass; returns how many notifications it added. */
  async schedule(): Promise<number> {
    const now = new Date(this.clock.now());
    const until = new Date(now.getTime() + this.leadMs);
    // Few starts are due at once: read them, then add their bookers in one statement each.
    const due = await this.db.query<DueStart>(
      `select 'session_start' as kind, s.id::text as ref_id, c.id::text as campaign_id, c.name as campaign_name, s.starts_at
         from sessions s join campaigns c on c.id = s.campaign_id
        where s.starts_at > $1 and s.starts_at <= $2
          and exists (select 1 from bookings b where b.session_id = s.id and b.cancelled_at is null)
       union all
       select 'campaign_start', c.id::text, c.id::text, c.name, c.starts_at
         from campaigns c
        where c.starts_at > $1 and c.starts_at <= $2
          and exists (select 1 from bookings b join sessions s on s.id = b.session_id where s.campaign_id = c.id and b.cancelled_at is null)`,
      [now, until],
    );
    let added = 0;
    for (const start of due) {
      for (const channel of this.channels()) added += await this.add(start, channel, now);
    }
    return added;
  }

  private async add(start: DueStart, channel: string, now: Date): Promise<number> {
    const startsAt = new Date(start.starts_at).getTime();
    const { title, body } = reminderText(start.kind, start.campaign_name, startsAt);
    const payload = { campaignId: start.campaign_id, campaignName: start.campaign_name, startsAt: new Date(startsAt).toISOString() };
    const bookers =
      start.kind === 'session_start'
        ? `select user_id from bookings where session_id = $1 and cancelled_at is null`
        : `select distinct b.user_id from bookings b join sessions s on s.id = b.session_id where s.campaign_id = $1 and b.cancelled_at is null`;
    // The key is the one src/domain/reminder.ts dedupeKey makes: kind:ref@startsAt:user:channel.
    const prefix = `${start.kind}:${start.ref_id}@${startsAt}:`;
    const rows = await this.db.query(
      `insert into notifications (user_id, channel, kind, dedupe_key, title, body, link, payload, next_attempt_at, created_at)
       select u.user_id, $2::text, $3::text, $4::text || u.user_id::text || ':' || $2::text, $5::text, $6::text, $7::text, $8::jsonb, $9::timestamptz, $9::timestamptz
         from (${bookers}) u
        where not exists (select 1 from notifications n where n.dedupe_key = $4::text || u.user_id::text || ':' || $2::text)
       on conflict (dedupe_key) do nothing
       returning id`,
      [
        start.ref_id,
        channel,
        start.kind,
        prefix,
        title,
        body,
        `/campaigns/${start.campaign_id}`,
        JSON.stringify(start.kind === 'session_start' ? { ...payload, sessionId: start.ref_id } : payload),
        now,
      ],
    );
    return rows.length;
  }
}
