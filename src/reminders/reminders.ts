import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { RetryPolicy } from '../domain/reminder.js';
import { Repeating } from '../repeating.js';
import { InboxChannel, LogChannel, type NotificationChannel, WebhookChannel, type WebhookSettings } from './channels.js';
import { type DispatchResult, Dispatcher } from './dispatcher.js';
import { Inbox } from './inbox.js';
import { ReminderScheduler } from './scheduler.js';

/** A message of the platform's own for one shopper, sent once per `ref` to each channel. */
export interface Notice {
  kind: string;
  ref: string;
  title: string;
  body: string;
  link: string;
  payload: Record<string, string>;
}

export interface ReminderOptions {
  /** How often a node schedules due reminders and delivers the outbox. */
  intervalMs?: number;
  /** Deliveries per second per channel on this node (0 = unlimited). */
  perSecond?: number;
  webhook?: WebhookSettings;
  /** Channels without a gateway whose messages go to the log. */
  logChannels?: ('sms' | 'push')[];
  leaseMs?: number;
  retry?: RetryPolicy;
  logger?: Logger | false;
}

/**
 * Reminders before a start (P5): the scheduler fills the outbox, the dispatcher delivers it through the
 * channels. Both run on every node in a background loop, like the deadline sweeper; the outbox's unique
 * keys and leases make that safe.
 */
export class Reminders {
  readonly inbox: Inbox;
  readonly scheduler: ReminderScheduler;
  readonly dispatcher: Dispatcher;
  private channels: NotificationChannel[];
  private readonly passes: Repeating;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    options: ReminderOptions = {},
  ) {
    this.channels = [new InboxChannel(db, clock)];
    if (options.webhook?.url) this.channels.push(new WebhookChannel(options.webhook, clock));
    for (const name of options.logChannels ?? []) this.channels.push(new LogChannel(name, options.logger ?? false));
    this.inbox = new Inbox(db, clock);
    this.scheduler = new ReminderScheduler(db, clock, () => this.channels.map((c) => c.name));
    const logger = options.logger;
    this.dispatcher = new Dispatcher(db, clock, () => this.channels, {
      perSecond: options.perSecond,
      leaseMs: options.leaseMs,
      retry: options.retry,
      onError: (error, n) => logger && logger.warn({ err: error, notification: n.id, channel: n.channel }, 'notification not delivered; retried later'),
    });
    this.passes = new Repeating(() => this.run(), options.intervalMs ?? 1000, (error) => {
      if (logger) logger.warn({ err: error }, 'reminder pass failed');
    });
  }

  /** The channels reminders go to, by name. */
  channelNames(): string[] {
    return this.channels.map((c) => c.name);
  }

  /**
   * Puts a message into the outbox for every channel, in one statement; the key `<ref>:<channel>` makes a
   * repeat write nothing. The dispatcher delivers it like a reminder. Returns how many rows were written.
   */
  async notify(userId: string, notice: Notice): Promise<number> {
    const now = new Date(this.clock.now());
    const written = await this.db.query(
      `insert into notifications (user_id, channel, kind, dedupe_key, title, body, link, payload, next_attempt_at, created_at)
       select $1, channel, $2, $3 || ':' || channel, $4, $5, $6, $7::jsonb, $8, $8
         from unnest($9::text[]) as channel
       on conflict (dedupe_key) do nothing
       returning id`,
      [userId, notice.kind, notice.ref, notice.title, notice.body, notice.link, JSON.stringify(notice.payload), now, this.channelNames()],
    );
    return written.length;
  }

  /** Plugs in a channel (an SMS or push gateway), replacing one of the same name. */
  useChannel(channel: NotificationChannel): void {
    this.channels = [...this.channels.filter((c) => c.name !== channel.name), channel];
  }

  /** One pass: schedule what is due, then deliver. */
  async run(): Promise<DispatchResult & { scheduled: number }> {
    const scheduled = await this.scheduler.schedule();
    return { scheduled, ...(await this.dispatcher.dispatch()) };
  }

  start(): void {
    this.passes.start();
  }

  stop(): Promise<void> {
    return this.passes.stop();
  }
}
