import { createHmac } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';

/** One notification from the outbox, as a channel delivers it. */
export interface Notification {
  id: string;
  userId: string;
  channel: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  payload: Record<string, string>;
  createdAt: number;
}

/**
 * Where notifications go: the in-app inbox, a webhook, an SMS or push gateway. `send` resolves once the
 * receiver has taken the notification and rejects when it has not (then the dispatcher retries later).
 * A receiver may see one notification twice (a reply lost after it took it): `notification.id` is the
 * key it drops the duplicate by.
 */
export interface NotificationChannel {
  readonly name: string;
  send(notification: Notification): Promise<void>;
}

/** The in-app inbox (always on): a message per notification, written once however often it is delivered. */
export class InboxChannel implements NotificationChannel {
  readonly name = 'inbox';

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async send(n: Notification): Promise<void> {
    await this.db.query(
      `insert into inbox_messages (notification_id, user_id, kind, title, body, link, payload, at)
       values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (notification_id) do nothing`,
      [n.id, n.userId, n.kind, n.title, n.body, n.link, JSON.stringify(n.payload), new Date(this.clock.now())],
    );
  }
}

export interface WebhookSettings {
  url: string;
  /** Signs each body: `X-Miaosha-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`. */
  secret?: string;
  /** A receiver that has not answered by then counts as failed (and is tried again later). */
  timeoutMs?: number;
}

/**
 * A real HTTP POST of the notification as JSON. Any 2xx is success; another status, a refused connection or
 * a timeout is a failure to retry. `Idempotency-Key` carries the notification id, the same on every try.
 */
export class WebhookChannel implements NotificationChannel {
  readonly name = 'webhook';

  constructor(
    private readonly settings: WebhookSettings,
    private readonly clock: Clock,
  ) {}

  async send(n: Notification): Promise<void> {
    const body = JSON.stringify({
      id: n.id,
      userId: n.userId,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link,
      payload: n.payload,
      createdAt: new Date(n.createdAt).toISOString(),
    });
    const timestamp = String(Math.floor(this.clock.now() / 1000));
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'idempotency-key': `notification-${n.id}`,
      'x-miaosha-notification-id': n.id,
      'x-miaosha-timestamp': timestamp,
    };
    if (this.settings.secret) {
      headers['x-miaosha-signature'] = `sha256=${createHmac('sha256', this.settings.secret).update(`${timestamp}.${body}`).digest('hex')}`;
    }
    const response = await fetch(this.settings.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.settings.timeoutMs ?? 5000) });
    // The body is not needed; reading it frees the connection for the next delivery.
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new Error(`the webhook answered ${response.status}`);
  }
}

/**
 * SMS and push without a gateway: the message goes to the log. A gateway plugs in by implementing
 * NotificationChannel with the same name (it must pass `notification.id` on as its idempotency key).
 */
export class LogChannel implements NotificationChannel {
  constructor(
    readonly name: 'sms' | 'push',
    private readonly logger: Logger | false,
  ) {}

  async send(n: Notification): Promise<void> {
    if (this.logger) this.logger.info({ channel: this.name, notification: n.id, userId: n.userId, title: n.title }, `${this.name}: ${n.body}`);
  }
}
