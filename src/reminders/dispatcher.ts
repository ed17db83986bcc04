import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { DeliveryRate, defaultRetryPolicy, type RetryPolicy, retryDelay } from '../domain/reminder.js';
import type { Notification, NotificationChannel } from './channels.js';

export interface DispatcherOptions {
  /** Deliveries per second per channel (0 = unlimited). Over it, notifications wait for a later pass. */
  perSecond?: number;
  /** How long a claim holds a notification; far longer than a channel's timeout, so a live dispatcher never loses one it is sending. */
  leaseMs?: number;
  retry?: RetryPolicy;
  /** Notifications claimed at most per channel per pass. */
  batch?: number;
  onError?: (error: unknown, notification: Notification) => void;
}

export interface DispatchResult {
  sent: number;
  retried: number;
  failed: number;
}

interface NotificationRow {
  id: string;
  user_id: string;
  channel: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  payload: Record<string, string>;
  attempts: number;
  created_at: Date;
}

/**
 * Delivers the outbox. A notification is claimed by one conditional UPDATE that sets a lease
 * (claimed_by, claimed_until), so of several dispatchers (on several nodes) only one holds it; it is then
 * sent and marked sent by an UPDATE that succeeds only while the claim is still this one's. A dispatcher
 * that crashes leaves its lease to expire, and another takes the notification and tries again.
 *
 * The edge of at-least-once: if a receiver took a notification but its reply was lost (or the dispatcher
 * died before marking it sent), the notification is sent again later with the same id. Receivers drop
 * that duplicate by the id (`Idempotency-Key` on the webhook; the inbox writes one message per id).
 */
export class Dispatcher {
  private readonly rate: DeliveryRate;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly channels: () => NotificationChannel[],
    private readonly options: DispatcherOptions = {},
    rate?: DeliveryRate,
  ) {
    this.rate = rate ?? new DeliveryRate(options.perSecond ?? 50);
  }

  /** One pass over every channel; returns what happened to the notifications it claimed. */
  async dispatch(): Promise<DispatchResult> {
    const result: DispatchResult = { sent: 0, retried: 0, failed: 0 };
    await Promise.all(this.channels().map((channel) => this.dispatchChannel(channel, result)));
    return result;
  }

  private async dispatchChannel(channel: NotificationChannel, result: DispatchResult): Promise<void> {
    const now = this.clock.now();
    // Claim only what the rate allows now: the rest stays pending for a later pass (delayed, never dropped).
    const room = Math.min(this.options.batch ?? 100, this.rate.room(channel.name, now));
    if (room <= 0) return;
    const claim = randomUUID();
    const rows = await this.db.query<NotificationRow>(
      `update notifications set claimed_by = $3, claimed_until = $4, attempts = attempts + 1
        where id in (select id from notifications
                      where channel = $1 and status = 'pending' and next_attempt_at <= $2
                        and (claimed_until is null or claimed_until <= $2)
                      order by id limit $5 for update skip locked)
          and status = 'pending' and (claimed_until is null or claimed_until <= $2)
       returning id::text, user_id::text, channel, kind, title, body, link, payload, attempts, created_at`,
      [channel.name, new Date(now), claim, new Date(now + (this.options.leaseMs ?? 60_000)), room],
    );
    await Promise.all(
      rows.map(async (row) => {
        const notification = notificationOf(row);
        if (this.rate.take(channel.name, this.clock.now()) > 0) {
          await this.release(notification.id, claim);
          return;
        }
        try {
          await channel.send(notification);
        } catch (error) {
          this.options.onError?.(error, notification);
          result[(await this.failed(notification.id, claim, row.attempts, error)) ? 'retried' : 'failed']++;
          return;
        }
        await this.db.query(
          `update notifications set status = 'sent', sent_at = $3, claimed_until = null, last_error = null
            where id = $1 and claimed_by = $2 and status = 'pending'`,
          [notification.id, claim, new Date(this.clock.now())],
        );
        result.sent++;
      }),
    );
  }

  /** Gives a claimed notification back untried (the rate was used up meanwhile). */
  private async release(id: string, claim: string): Promise<void> {
    await this.db.query(
      `update notifications set claimed_until = null, attempts = attempts - 1 where id = $1 and claimed_by = $2 and status = 'pending'`,
      [id, claim],
    );
  }

  /** A failed try: later again with backoff, or failed for good after the last try. Returns whether it will be retried. */
  private async failed(id: string, claim: string, attempt: number, error: unknown): Promise<boolean> {
    const delay = retryDelay(attempt, this.options.retry ?? defaultRetryPolicy);
    const message = error instanceof Error ? error.message : String(error);
    const now = this.clock.now();
    await this.db.query(
      `update notifications set status = $3, next_attempt_at = $4, claimed_until = null, last_error = $5
        where id = $1 and claimed_by = $2 and status = 'pending'`,
      [id, claim, delay === null ? 'failed' : 'pending', new Date(now + (delay ?? 0)), message.slice(0, 500)],
    );
    return delay !== null;
  }
}

function notificationOf(row: NotificationRow): Notification {
  return {
    id: String(row.id),
    userId: String(row.user_id),
    channel: row.channel,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    payload: row.payload,
    createdAt: new Date(row.created_at).getTime(),
  };
}
