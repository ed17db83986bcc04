import { type Messages, type Translate, useT } from '../../i18n/locale';

/** Every word of the inbox (消息), Chinese first; English must have the same keys (the type checks it). */
const zh = {
  inbox: '消息',
  title: '我的消息',
  unreadBadge: '{n} 条未读',
  empty: '还没有消息。预约场次后，开抢前 10 分钟会在这里提醒你',
  unread: '未读',
  markRead: '标为已读',
  open: '去看看',
  // Built from a message's facts, so times are in the visitor's time zone.
  sessionTitle: '预约的秒杀即将开始',
  sessionBody: '你预约的「{campaign}」{time} 场将在 10 分钟内开抢，别错过。',
  campaignTitle: '活动即将开始',
  campaignBody: '你预约过的「{campaign}」将于 {time} 开始。',
  cartTitle: '购物车里的宝贝还在等你',
  cartBody: '送你一张「{coupon}」，{time} 前结算可用。',
};

const en: Record<keyof typeof zh, string> = {
  inbox: 'Inbox',
  title: 'My messages',
  unreadBadge: '{n} unread',
  empty: 'No messages yet. Book a session and we remind you here 10 minutes before it starts.',
  unread: 'Unread',
  markRead: 'Mark read',
  open: 'Take a look',
  sessionTitle: 'Your booked flash sale starts soon',
  sessionBody: 'The {campaign} session at {time} starts within 10 minutes.',
  campaignTitle: 'A campaign is about to start',
  campaignBody: '{campaign}, which you booked, starts at {time}.',
  cartTitle: 'Your cart is waiting',
  cartBody: 'Here is a coupon, {coupon}, for checking out before {time}.',
};

export type InboxKey = keyof typeof zh;
export type InboxT = Translate<InboxKey>;

export const inboxMessages: Messages<InboxKey> = { 'zh-CN': zh, en };

export function useInboxT(): InboxT {
  return useT(inboxMessages);
}
