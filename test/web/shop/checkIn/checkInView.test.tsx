import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../../web/src/api/client';
import { monthCalendar, nextReward } from '../../../../web/src/shop/checkIn/calendar';
import { CheckInView } from '../../../../web/src/shop/checkIn/CheckInView';
import type { CheckInMonth, PointsAnswer } from '../../../../web/src/shop/checkIn/types';
import { renderPage } from '../../render';

const rewards = { daily: 10, everySeventh: 50 };
const month = (over: Partial<CheckInMonth> = {}): CheckInMonth => ({
  today: '2026-11-12',
  month: '2026-11',
  days: [{ day: '2026-11-11', streak: 1 }],
  checkedInToday: false,
  streak: 1,
  rewards,
  ...over,
});
const points = (over: Partial<PointsAnswer> = {}): PointsAnswer => ({
  balances: { points: 300, energy: 10 },
  entries: [{ id: '1', currency: 'energy', delta: 10, reason: 'check-in day 1', ref: 'checkin:2026-11-11', balanceAfter: 10, at: '2026-11-11T02:00:00.000Z' }],
  ...over,
});
const props = { signedIn: true, month: month(), points: points(), onCheckIn: () => {} };

describe('the check-in page', () => {
  it('checks in with its button and shows the streak, balances, calendar and rewards', async () => {
    const onCheckIn = vi.fn();
    renderPage(<CheckInView {...props} onCheckIn={onCheckIn} />);
    expect(screen.getByRole('heading', { name: '每日签到' })).toBeTruthy();
    expect(screen.getByLabelText('已连续签到 1 天')).toBeTruthy();
    expect(screen.getByText('今日签到可得 10 能量')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '立即签到' }));
    expect(onCheckIn).toHaveBeenCalledOnce();
    const balances = screen.getByRole('region', { name: '我的余额' });
    expect(within(balances).getByText('签到能量')).toBeTruthy();
    expect(within(balances).getByText('300')).toBeTruthy();
    const calendar = screen.getByRole('table', { name: '2026-11 签到日历' });
    expect(within(calendar).getByLabelText('2026-11-11 已签到')).toBeTruthy();
    expect(within(calendar).getByLabelText('2026-11-12 未签到').getAttribute('aria-current')).toBe('date');
    const table = screen.getByRole('region', { name: '签到奖励' });
    expect(within(table).getByText('50 能量')).toBeTruthy();
  });

  it('says checked in once done, with the reward earned, in English too', () => {
    renderPage(
      <CheckInView {...props} month={month({ checkedInToday: true, streak: 6, days: [] })} result={{ day: '2026-11-12', streak: 6, reward: 10, balance: 20 }} />,
      { locale: 'en' },
    );
    const button = screen.getByRole('button', { name: 'Checked in today' });
    expect(button.hasAttribute('disabled')).toBe(true);
    expect(screen.getByText('Checked in: +10 energy')).toBeTruthy();
    expect(screen.getByText('Tomorrow: 50 energy')).toBeTruthy();
    expect(screen.getByLabelText('6-day streak')).toBeTruthy();
  });

  it('says already checked in when a second tap is refused', () => {
    renderPage(<CheckInView {...props} month={month({ checkedInToday: true })} failure={new ApiError(409, 'ALREADY_CHECKED_IN', 'x')} />);
    expect(screen.getByRole('alert').textContent).toBe('今天已经签到过了，明天再来吧');
  });

  it('asks a signed-out visitor to sign in and come back', () => {
    renderPage(<CheckInView signedIn={false} month={null} points={null} onCheckIn={() => {}} />, { path: '/check-in', locale: 'en' });
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/sign-in?next=%2Fcheck-in');
  });
});

describe('the calendar', () => {
  it('lays a month out Monday first in whole weeks', () => {
    // 2026-11-01 is a Sunday: six blanks before it, then 30 days, padded to six whole weeks.
    const weeks = monthCalendar('2026-11', '2026-11-12', new Set(['2026-11-11']));
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(weeks[0].slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(weeks[0][6]).toMatchObject({ day: '2026-11-01', date: 1 });
    expect(weeks.flat().filter((c) => c !== null)).toHaveLength(30);
    expect(weeks.flat().find((c) => c?.day === '2026-11-11')?.checkedIn).toBe(true);
  });

  it('names the next reward by the streak', () => {
    expect(nextReward(0, rewards)).toBe(10);
    expect(nextReward(6, rewards)).toBe(50);
    expect(nextReward(7, rewards)).toBe(10);
  });
});
