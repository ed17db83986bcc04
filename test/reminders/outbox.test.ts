import { createHmac } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bookings } from '../../src/bookings/bookings.js';
import { ManualClock } from '../../src/clock.js';
import type { Database } from '../../src/db/database.js';
import { InboxChannel, type Notification, type NotificationChannel, WebhookChannel } from '../../src/reminders/channels.js';
import { Dispatcher } from '../../src/reminders/dispatcher.js';
import { Inbox } from '../../src/reminders/inbox.js';
import { ReminderScheduler } from '../../src/reminders/scheduler.js';
import { Coupons } from '../../src/promotions/coupons.js';
import { plantCampaign } from '../bookings/plant.js';
import { openTestDatabase } from '../support/platform.js';

const minute = 60_000;
const start = Date.UTC(2026, 10, 11, 0, 0, 0);
const secret = 'webhook-test-secret';

interface Received {
  key: string;
  body: { id: string; userId: string; kind: string; title: string };
  signed: boolean;
}

/** A real HTTP receiver on 127.0.0.1: records every delivery; `answer` decides each reply (a status, or 'hang'). */
class Receiver {
  readonly received: Received[] = [];
  answer: (count: number) => number | 'hang' = () => 200;
  private server!: Server;
  private readonly hanging: ServerResponse[] = [];

  async start(): Promise<string> {
    this.server = createServer((request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const expected = `sha256=${createHmac('sha256', secret).update(`${request.headers['x-miaosha-timestamp']}.${raw}`).digest('hex')}`;
        this.received.push({ key: String(request.headers['idempotency-key']), body: JSON.parse(raw), signed: request.headers['x-miaosha-signature'] === expected });
        const answer = this.answer(this.received.length);
        if (answer === 'hang') this.hanging.push(response);
        else response.writeHead(answer, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/miaosha`;
  }

  /** What a receiver keeps: each notification once, by its idempotency key. */
  accepted(): Set<string> {
    return new Set(this.received.map((r) => r.key));
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** A channel kept in this test: records what it was given, optionally held until released. */
class RecordingChannel implements NotificationChannel {
  readonly sent: Notification[] = [];
  hold: Promise<void> | null = null;
  started = 0;
  constructor(readonly name: string) {}
  async send(notification: Notification): Promise<void> {
    this.started++;
    if (this.hold) await this.hold;
    this.sent.push(notification);
  }
}

describe.each(['pglite', 'postgres'] as const)('reminders through the outbox on %s', (kind) => {
  let db: Database;
  let close: () => Promise<void>;
  const clock = new ManualClock(start);
  let bookings: Bookings;
  const receiver = new Receiver();
  let url: string;

  beforeAll(async () => {
    ({ db, close } = await openTestDatabase(kind));
    bookings = new Bookings(db, new Coupons(db, clock), clock);
    url = await receiver.start();
  });
  afterAll(async () => {
    await receiver.stop();
    await close();
  });

  const pending = async (channel: string) =>
    (await db.query<{ n: number }>(`select count(*)::int as n from notifications where channel = $1 and status = 'pending'`, [channel]))[0].n;

  /** Books `count` shoppers (ids from `firstUser`) to a session starting in 15 minutes, then moves to 10 minutes before it. */
  let day = 0;
  async function dueReminders(channels: string[], count: number, firstUser: number): Promise<ReminderScheduler> {
    // Each on a day of its own, so no other test's start is due with it.
    const base = start + ++day * 24 * 60 * minute;
    clock.set(base);
    // The campaign is already on, so only the session's start is due.
    const { sessionIds: [sessionId] } = await plantCampaign(db, base, [base + 15 * minute]);
    for (let i = 0; i < count; i++) await bookings.book(String(firstUser + i), sessionId);
    clock.set(base + 5 * minute);
    const scheduler = new ReminderScheduler(db, clock, () => channels);
    return scheduler;
  }

  it('schedules each reminder once per shopper, cause and channel, however often and wherever the scheduler runs', async () => {
    clock.set(start);
    const { campaignId, sessionIds } = await plantCampaign(db, start + 20 * minute, [start + 30 * minute, start + 40 * minute]);
    const [first, second] = sessionIds;
    await bookings.book('101', first);
    await bookings.book('101', second);
    await bookings.book('102', first);
    await bookings.book('103', first);
    await bookings.cancel('103', first);
    const channels = ['inbox', 'sms'];
    const one = new ReminderScheduler(db, clock, () => channels);
    const other = new ReminderScheduler(db, clock, () => channels);

    expect(await one.schedule()).toBe(0); // nothing is due yet
    clock.set(start + 10 * minute); // 10 minutes before the campaign starts
    const runs = await Promise.all([one.schedule(), other.schedule(), one.schedule()]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(4); // 101 and 102, two channels; 103 cancelled
    expect(await one.schedule()).toBe(0);
    clock.set(start + 21 * minute); // 9 minutes before the first session
    expect((await Promise.all([one.schedule(), other.schedule()])).reduce((a, b) => a + b, 0)).toBe(4);
    clock.set(start + 31 * minute);
    expect(await one.schedule()).toBe(2); // only 101 booked the second session
    expect(await other.schedule()).toBe(0);
    clock.set(start + 41 * minute); // after the start: nothing late
    expect(await one.schedule()).toBe(0);

    const rows = await db.query<{ user_id: string; kind: string; n: number }>(
      `select user_id::text, kind, count(*)::int as n from notifications where payload->>'campaignId' = $1 group by user_id, kind order by user_id, kind`,
      [campaignId],
    );
    expect(rows).toEqual([
      { user_id: '101', kind: 'campaign_start', n: 2 }, // one campaign reminder, though 101 booked two of its sessions
      { user_id: '101', kind: 'session_start', n: 4 },
      { user_id: '102', kind: 'campaign_start', n: 2 },
      { user_id: '102', kind: 'session_start', n: 2 },
    ]);
  });

  it('delivers each notification once to a webhook receiver when two dispatchers run at once, signed, with its id as the key', async () => {
    const scheduler = await dueReminders(['webhook'], 30, 2000);
    expect(await scheduler.schedule()).toBe(30);
    const channel = new WebhookChannel({ url, secret, timeoutMs: 5000 }, clock);
    const a = new Dispatcher(db, clock, () => [channel], { perSecond: 0, batch: 7 });
    const b = new Dispatcher(db, clock, () => [channel], { perSecond: 0, batch: 7 });
    let sent = 0;
    while ((await pending('webhook')) > 0) {
      const [x, y] = await Promise.all([a.dispatch(), b.dispatch()]);
      sent += x.sent + y.sent;
    }
    expect(sent).toBe(30);
    expect(receiver.received).toHaveLength(30);
    expect(receiver.accepted().size).toBe(30);
    expect(receiver.received.every((r) => r.signed && r.key === `notification-${r.body.id}` && r.body.kind === 'session_start')).toBe(true);
    expect(new Set(receiver.received.map((r) => r.body.userId)).size).toBe(30);
    expect(receiver.received[0].body.title).toBe('预约的秒杀即将开始');
    expect(await a.dispatch()).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it('retries a receiver that times out or fails with backoff until it takes the notification, which it keeps once', async () => {
    receiver.received.length = 0;
    const scheduler = await dueReminders(['webhook'], 1, 3000);
    await scheduler.schedule();
    receiver.answer = (n) => (n === 1 ? 'hang' : n === 2 ? 503 : 200);
    const channel = new WebhookChannel({ url, secret, timeoutMs: 300 }, clock);
    const dispatcher = new Dispatcher(db, clock, () => [channel], { perSecond: 0, retry: { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000 } });
    expect(await dispatcher.dispatch()).toMatchObject({ retried: 1 }); // timed out
    expect(await dispatcher.dispatch()).toEqual({ sent: 0, retried: 0, failed: 0 }); // not due again yet
    clock.advance(1000);
    expect(await dispatcher.dispatch()).toMatchObject({ retried: 1 }); // 503
    clock.advance(1000);
    expect(await dispatcher.dispatch()).toEqual({ sent: 0, retried: 0, failed: 0 }); // backoff doubled: 2 s
    clock.advance(1000);
    expect(await dispatcher.dispatch()).toMatchObject({ sent: 1 });
    expect(receiver.received).toHaveLength(3);
    expect(receiver.accepted().size).toBe(1);
    const [row] = await db.query<{ status: string; attempts: number }>(`select status, attempts from notifications where user_id = 3000`);
    expect(row).toEqual({ status: 'sent', attempts: 3 });
  });

  it('marks a notification failed after the last try', async () => {
    receiver.received.length = 0;
    const scheduler = await dueReminders(['webhook'], 1, 3100);
    await scheduler.schedule();
    receiver.answer = () => 500;
    const dispatcher = new Dispatcher(db, clock, () => [new WebhookChannel({ url, timeoutMs: 2000 }, clock)], {
      perSecond: 0,
      retry: { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 1000 },
    });
    const outcomes = [];
    for (let i = 0; i < 4; i++) {
      outcomes.push(await dispatcher.dispatch());
      clock.advance(1000);
    }
    expect(outcomes.map((o) => o.failed)).toEqual([0, 0, 1, 0]);
    expect(receiver.received).toHaveLength(3);
    const [row] = await db.query<{ status: string; last_error: string }>(`select status, last_error from notifications where user_id = 3100`);
    expect(row).toEqual({ status: 'failed', last_error: 'the webhook answered 500' });
    receiver.answer = () => 200;
  });

  it('lets another dispatcher deliver what a crashed one claimed once its lease has run out, and the late one cannot mark it', async () => {
    receiver.received.length = 0;
    const scheduler = await dueReminders(['webhook'], 1, 3200);
    await scheduler.schedule();
    // The first dispatcher claims the notification and then hangs (as good as crashed) before it sends.
    const stuck = new RecordingChannel('webhook');
    let release!: () => void;
    stuck.hold = new Promise((resolve) => (release = resolve));
    const crashed = new Dispatcher(db, clock, () => [stuck], { perSecond: 0, leaseMs: 30_000 });
    const late = crashed.dispatch();
    while (stuck.started === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const healthy = new Dispatcher(db, clock, () => [new WebhookChannel({ url, secret }, clock)], { perSecond: 0, leaseMs: 30_000 });
    expect(await healthy.dispatch()).toEqual({ sent: 0, retried: 0, failed: 0 }); // still leased
    clock.advance(30_000);
    expect(await healthy.dispatch()).toMatchObject({ sent: 1 });
    release();
    await late;
    expect(receiver.received).toHaveLength(1);
    const [row] = await db.query<{ status: string; attempts: number }>(`select status, attempts from notifications where user_id = 3200`);
    expect(row).toEqual({ status: 'sent', attempts: 2 });
  });

  it('delivers at most R a second per channel: the rest waits for later passes and none is dropped', async () => {
    const scheduler = await dueReminders(['push'], 25, 4000);
    expect(await scheduler.schedule()).toBe(25);
    const push = new RecordingChannel('push');
    const dispatcher = new Dispatcher(db, clock, () => [push], { perSecond: 10 });
    const perStep: number[] = [];
    for (const step of [0, 0, 500, 500, 1000, 1000]) {
      clock.advance(step);
      perStep.push((await dispatcher.dispatch()).sent);
    }
    expect(perStep).toEqual([10, 0, 0, 10, 5, 0]);
    expect(new Set(push.sent.map((n) => n.id)).size).toBe(25);
  });

  it('puts the reminder in the shopper’s inbox once, however often it is delivered, and counts it unread until read', async () => {
    const scheduler = await dueReminders(['inbox'], 2, 5000);
    await scheduler.schedule();
    const inboxChannel = new InboxChannel(db, clock);
    const dispatcher = new Dispatcher(db, clock, () => [inboxChannel], { perSecond: 0 });
    // (The inbox reminders of the first test go out in this pass too.)
    expect((await dispatcher.dispatch()).sent).toBeGreaterThanOrEqual(2);
    expect(await pending('inbox')).toBe(0);
    const inbox = new Inbox(db, clock);
    const { messages, unread } = await inbox.list('5000');
    expect(unread).toBe(1);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ kind: 'session_start', title: '预约的秒杀即将开始', read: false });
    expect(messages[0].body).toContain('双11预热');
    // A repeat delivery of the same notification (a lost reply) adds nothing.
    const [row] = await db.query<Pick<Notification, 'id' | 'kind' | 'title' | 'body' | 'link' | 'payload'>>(
      `select id::text, kind, title, body, link, payload from notifications where user_id = 5000 and channel = 'inbox'`,
    );
    await inboxChannel.send({ ...row, userId: '5000', channel: 'inbox', createdAt: start });
    expect((await inbox.list('5000')).messages).toHaveLength(1);
    await inbox.markRead('5000', messages[0].id);
    expect(await inbox.unread('5000')).toBe(0);
    await expect(inbox.markRead('5001', messages[0].id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
