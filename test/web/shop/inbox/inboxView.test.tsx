import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { InboxView } from '../../../../web/src/shop/inbox/InboxPage';
import type { InboxAnswer, InboxMessage } from '../../../../web/src/shop/inbox/types';
import { renderPage } from '../../render';

const message = (over: Partial<InboxMessage> = {}): InboxMessage => ({
  id: '5',
  kind: 'session_start',
  title: '预约的秒杀即将开始',
  body: '你预约的「双11」11/11 10:00 场将在 10 分钟内开抢，别错过。',
  link: '/campaigns/1',
  payload: { campaignId: '1', campaignName: '双11', startsAt: '2026-11-11T02:00:00.000Z', sessionId: '7' },
  at: '2026-11-11T01:50:00.000Z',
  read: false,
  ...over,
});

describe('the inbox page', () => {
  it('lists reminders newest first with the unread ones marked, and marks one read', async () => {
    const onRead = vi.fn();
    const answer: InboxAnswer = { unread: 1, messages: [message(), message({ id: '4', kind: 'campaign_start', title: '活动即将开始', body: '你预约过的「双11」将于 11/11 09:00 开始。', read: true })] };
    renderPage(<InboxView answer={answer} onRead={onRead} />);
    expect(screen.getByRole('heading', { name: '我的消息' })).toBeTruthy();
    expect(screen.getByText('1 条未读')).toBeTruthy();
    const items = screen.getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(within(items[0]).getByText('预约的秒杀即将开始')).toBeTruthy();
    expect(within(items[0]).getByText('未读')).toBeTruthy();
    expect(within(items[1]).queryByText('未读')).toBeNull();
    expect(within(items[0]).getByRole('link', { name: '去看看' }).getAttribute('href')).toBe('/campaigns/1');
    await userEvent.click(within(items[0]).getByRole('button', { name: '标为已读' }));
    expect(onRead).toHaveBeenCalledWith(expect.objectContaining({ id: '5' }));
    expect(within(items[1]).queryByRole('button', { name: '标为已读' })).toBeNull();
  });

  it('speaks English from the message’s facts, and says when there is nothing yet', () => {
    const { unmount } = renderPage(<InboxView answer={{ unread: 1, messages: [message()] }} onRead={() => {}} />, { locale: 'en' });
    expect(screen.getByText('Your booked flash sale starts soon')).toBeTruthy();
    expect(screen.getByText(/The 双11 session at .* starts within 10 minutes\./)).toBeTruthy();
    unmount();
    renderPage(<InboxView answer={{ unread: 0, messages: [] }} onRead={() => {}} />);
    expect(screen.getByText('还没有消息。预约场次后，开抢前 10 分钟会在这里提醒你')).toBeTruthy();
  });

  it('tells of a cart-abandon coupon in the visitor\'s language, and links to the cart', () => {
    const cart = message({
      id: '9',
      kind: 'cart_abandon',
      title: '购物车里的宝贝还在等你',
      body: '送你一张「挽回券 5 元」。',
      link: '/cart',
      payload: { couponId: '3', couponName: '挽回券 5 元', expiresAt: '2026-11-11T02:30:00.000Z' },
    });
    renderPage(<InboxView answer={{ unread: 1, messages: [cart] }} onRead={() => {}} />, { locale: 'en' });
    expect(screen.getByText('Your cart is waiting')).toBeTruthy();
    expect(screen.getByText(/Here is a coupon, 挽回券 5 元, for checking out before .*\./)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Take a look' }).getAttribute('href')).toBe('/cart');
  });
});
