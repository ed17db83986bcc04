import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../../web/src/api/client';
import { BookingReminderView, type BookingReminderViewProps } from '../../../../web/src/shop/bookings/BookingReminder';
import type { Booking } from '../../../../web/src/shop/bookings/types';
import { renderPage } from '../../render';

const booking = (over: Partial<Booking> = {}): Booking => ({
  sessionId: '7',
  campaignId: '1',
  campaignName: '双11',
  startsAt: '2026-11-11T02:00:00.000Z',
  endsAt: '2026-11-11T02:30:00.000Z',
  bookedAt: '2026-11-11T01:00:00.000Z',
  gift: null,
  ...over,
});

const props: BookingReminderViewProps = {
  info: { sessionId: '7', booked: 42, gift: { couponTemplateId: '3', couponName: '5元预约礼券', firstK: 100, left: 58 } },
  booking: null,
  signedIn: true,
  signInHref: '/sign-in?next=%2Fcampaigns%2F1',
  busy: false,
  failure: null,
  justBooked: null,
  onBook: () => {},
  onCancel: () => {},
};

describe('the booking reminder panel', () => {
  it('offers to book, with the gift for the first K and the slots left', async () => {
    const onBook = vi.fn();
    renderPage(<BookingReminderView {...props} onBook={onBook} />);
    expect(screen.getByRole('region', { name: '预约提醒' })).toBeTruthy();
    expect(screen.getByText('前100名送券 · 剩余 58')).toBeTruthy();
    expect(screen.getByText('预约礼：5元预约礼券')).toBeTruthy();
    expect(screen.getByText('已有 42 人预约')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '预约提醒' }));
    expect(onBook).toHaveBeenCalledOnce();
  });

  it('shows a booking as booked, tells what came of its gift, and cancels', async () => {
    const onCancel = vi.fn();
    const made = booking({ gift: { slot: 12, couponTemplateId: '3', couponId: '99', state: 'granted' } });
    renderPage(<BookingReminderView {...props} booking={made} justBooked={made} onCancel={onCancel} />);
    expect(screen.getByText('已预约')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('你是第 12 位预约者，礼券已放入「我的券」');
    expect(screen.queryByRole('button', { name: '预约提醒' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: '取消预约' }));
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it('says when the gift coupons ran out, and when every slot is taken, in English too', () => {
    const made = booking({ gift: { slot: 3, couponTemplateId: '3', couponId: null, state: 'pool_empty' } });
    renderPage(
      <BookingReminderView {...props} info={{ sessionId: '7', booked: 100, gift: { couponTemplateId: '3', couponName: 'Gift', firstK: 100, left: 0 } }} booking={made} justBooked={made} />,
      { locale: 'en' },
    );
    expect(screen.getByText('All booking gifts are taken')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('You won gift slot 3, but the gift coupons have run out');
  });

  it('asks a visitor to sign in first, and shows a refusal in words', () => {
    const { unmount } = renderPage(<BookingReminderView {...props} signedIn={false} info={{ sessionId: '7', booked: 0, gift: null }} />);
    expect(screen.getByRole('link', { name: '登录后预约' }).getAttribute('href')).toBe('/sign-in?next=%2Fcampaigns%2F1');
    expect(screen.queryByText(/前.*名送券/)).toBeNull();
    unmount();
    renderPage(<BookingReminderView {...props} failure={new ApiError(409, 'BOOKING_CLOSED', 'closed')} />);
    expect(screen.getByRole('alert').textContent).toBe('本场已开始，不能再预约或取消预约');
  });
});
