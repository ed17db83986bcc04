/** Reminders before a start (P5): when they are due, what they say, how a failed delivery is retried. */

/** Bookers hear of a start this long before it (提前10分钟提醒). */
export const reminderLeadMs = 10 * 60_000;

export type ReminderKind = 'session_start' | 'campaign_start';

/** A start is due for its reminder from `lead` before it until it begins; a start already past is not announced late. */
export function reminderDue(startsAt: number, now: number, lead = reminderLeadMs): boolean {
  return now < startsAt && startsAt - now <= lead;
}

/**
 * One notification per shopper, cause and channel. The start time is part of the cause: a session moved to
 * another time is a new start and is announced again; the same start never twice.
 */
export function dedupeKey(kind: ReminderKind, refId: string, startsAt: number, userId: string, channel: string): string {
  return `${kind}:${refId}@${startsAt}:${userId}:${channel}`;
}

export interface RetryPolicy {
  /** Tries in all, the first included; then the notification is marked failed. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 6, baseDelayMs: 5_000, maxDelayMs: 10 * 60_000 };

/** After failed try number `attempt` (1-based): wait this long, or null when it was the last try. */
export function retryDelay(attempt: number, policy: RetryPolicy = defaultRetryPolicy): number | null {
  if (attempt >= policy.maxAttempts) return null;
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

const shanghaiTime = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

/** The words of a reminder, in Chinese first (SMS, push and webhook receivers show them as they are). */
export function reminderText(kind: ReminderKind, campaignName: string, startsAt: number): { title: string; body: string } {
  const at = shanghaiTime.format(new Date(startsAt));
  if (kind === 'session_start') {
    return { title: '预约的秒杀即将开始', body: `你预约的「${campaignName}」${at} 场将在 10 分钟内开抢，别错过。` };
  }
  return { title: '活动即将开始', body: `你预约过的「${campaignName}」将于 ${at} 开始。` };
}

/**
 * At most `perSecond` deliveries in any one-second window, per key (a channel). `wait` says how long until the
 * next one may go; the caller waits and never drops. Synchronous, so calls cannot race.
 */
export class DeliveryRate {
  private readonly sent = new Map<string, number[]>();

  constructor(private readonly perSecond: number) {}

  /** How many may go now for `key` (Infinity when unlimited). */
  room(key: string, now: number): number {
    if (this.perSecond <= 0) return Number.POSITIVE_INFINITY;
    return this.perSecond - this.recent(key, now).length;
  }

  /** Takes one delivery for `key` if there is room now; else returns the ms until there is. */
  take(key: string, now: number): number {
    if (this.perSecond <= 0) return 0;
    const recent = this.recent(key, now);
    if (recent.length < this.perSecond) {
      recent.push(now);
      return 0;
    }
    return recent[0] + 1000 - now;
  }

  private recent(key: string, now: number): number[] {
    const list = (this.sent.get(key) ?? []).filter((at) => at > now - 1000);
    this.sent.set(key, list);
    return list;
  }
}
