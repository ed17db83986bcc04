/** Points and check-in rules (P4): pure, no I/O. */

/** The two currencies of the ledger: points (积分) and check-in energy (签到能量). */
export const currencies = ['points', 'energy'] as const;
export type Currency = (typeof currencies)[number];

/** What a campaign multiplier turns a base amount into: double points (×2) on 100 is 200; fractions round down. */
export function earned(base: number, multiplier = 1): number {
  return Math.floor(base * multiplier);
}

/** Energy a check-in earns by its streak day: 10 on ordinary days, 50 on every 7th day in a row. */
export const checkInRewards = { daily: 10, everySeventh: 50 } as const;

export function checkInReward(streak: number): number {
  return streak > 0 && streak % 7 === 0 ? checkInRewards.everySeventh : checkInRewards.daily;
}

/** The streak a check-in starts: one more than yesterday's, or 1 after a missed day. */
export function nextStreak(yesterdaysStreak: number | null): number {
  return (yesterdaysStreak ?? 0) + 1;
}

// China has kept UTC+8 all year since 1991, so the shop's day is a fixed offset.
const shanghaiOffsetMs = 8 * 3_600_000;
const dayMs = 86_400_000;

/** The shop's calendar day (Asia/Shanghai) at a moment, as YYYY-MM-DD. */
export function shopDay(ms: number): string {
  return new Date(ms + shanghaiOffsetMs).toISOString().slice(0, 10);
}

/** The day before a YYYY-MM-DD day. */
export function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - dayMs).toISOString().slice(0, 10);
}

/** The month of a day (YYYY-MM) and its first and last days. */
export function monthOf(day: string): { month: string; first: string; last: string } {
  const [year, month] = day.split('-').map(Number);
  const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  return { month: day.slice(0, 7), first: `${day.slice(0, 7)}-01`, last };
}
