/** A month laid out Monday first, as weeks of days (null pads the first and last week). */
export interface CalendarDay {
  day: string;
  date: number;
  checkedIn: boolean;
  today: boolean;
}

export function monthCalendar(month: string, today: string, checkedIn: ReadonlySet<string>): (CalendarDay | null)[][] {
  const [year, monthNo] = month.split('-').map(Number);
  const days = new Date(Date.UTC(year, monthNo, 0)).getUTCDate();
  const lead = (new Date(Date.UTC(year, monthNo - 1, 1)).getUTCDay() + 6) % 7;
  const cells: (CalendarDay | null)[] = Array.from({ length: lead }, () => null);
  for (let date = 1; date <= days; date++) {
    const day = `${month}-${String(date).padStart(2, '0')}`;
    cells.push({ day, date, checkedIn: checkedIn.has(day), today: day === today });
  }
  while (cells.length % 7) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}

/**
 * The energy the next check-in earns (today's, or tomorrow's once today is done): `streak` is the live
 * streak, so the next check-in is day streak + 1 either way.
 */
export function nextReward(streak: number, rewards: { daily: number; everySeventh: number }): number {
  return (streak + 1) % 7 === 0 ? rewards.everySeventh : rewards.daily;
}
