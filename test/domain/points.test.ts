import { describe, expect, it } from 'vitest';
import { checkInReward, dayBefore, earned, monthOf, nextStreak, shopDay } from '../../src/domain/points.js';

describe('points and check-in rules', () => {
  it('pays 10 energy a day and 50 on every 7th day in a row', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 13, 14, 21].map(checkInReward)).toEqual([10, 10, 10, 10, 10, 10, 50, 10, 10, 50, 50]);
  });

  it('continues a streak from yesterday, or starts again at 1', () => {
    expect(nextStreak(6)).toBe(7);
    expect(nextStreak(null)).toBe(1);
  });

  it('multiplies earnings by the campaign multiplier, rounding down', () => {
    expect(earned(100)).toBe(100);
    expect(earned(100, 2)).toBe(200);
    expect(earned(5, 1.5)).toBe(7);
  });

  it("counts the shop's day in Asia/Shanghai", () => {
    expect(shopDay(Date.UTC(2026, 10, 10, 15, 59))).toBe('2026-11-10'); // 23:59 in Shanghai
    expect(shopDay(Date.UTC(2026, 10, 10, 16, 0))).toBe('2026-11-11'); // midnight in Shanghai
    expect(dayBefore('2026-03-01')).toBe('2026-02-28');
    expect(dayBefore('2027-01-01')).toBe('2026-12-31');
    expect(monthOf('2028-02-14')).toEqual({ month: '2028-02', first: '2028-02-01', last: '2028-02-29' });
  });
});
