import { describe, expect, it } from 'vitest';
import { DeliveryRate, dedupeKey, reminderDue, reminderText, retryDelay } from '../../src/domain/reminder.js';

const minute = 60_000;

describe('reminder rules', () => {
  it('is due in the ten minutes before a start, never after it', () => {
    const startsAt = 100 * minute;
    expect(reminderDue(startsAt, startsAt - 11 * minute)).toBe(false);
    expect(reminderDue(startsAt, startsAt - 10 * minute)).toBe(true);
    expect(reminderDue(startsAt, startsAt - 1)).toBe(true);
    expect(reminderDue(startsAt, startsAt)).toBe(false);
  });

  it('names one notification per cause, start time, shopper and channel', () => {
    expect(dedupeKey('session_start', '7', 1000, '42', 'inbox')).toBe('session_start:7@1000:42:inbox');
    expect(dedupeKey('session_start', '7', 2000, '42', 'inbox')).not.toBe(dedupeKey('session_start', '7', 1000, '42', 'inbox'));
  });

  it('backs off doubling up to a cap, and gives up after the last try', () => {
    const policy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 5000 };
    expect([1, 2, 3, 4, 5].map((n) => retryDelay(n, policy))).toEqual([1000, 2000, 4000, 5000, null]);
  });

  it('speaks Chinese with the campaign and the Shanghai time', () => {
    const text = reminderText('session_start', '双11', Date.UTC(2026, 10, 11, 2, 0));
    expect(text.title).toBe('预约的秒杀即将开始');
    expect(text.body).toContain('双11');
    expect(text.body).toContain('10:00');
  });

  it('lets at most R through in any second per channel and says how long the next must wait', () => {
    const rate = new DeliveryRate(3);
    expect([0, 0, 0].map(() => rate.take('webhook', 0))).toEqual([0, 0, 0]);
    expect(rate.take('webhook', 400)).toBe(600);
    expect(rate.room('sms', 400)).toBe(3);
    expect(rate.room('webhook', 999)).toBe(0);
    expect(rate.room('webhook', 1000)).toBe(3);
    expect(new DeliveryRate(0).room('webhook', 0)).toBe(Number.POSITIVE_INFINITY);
  });
});
