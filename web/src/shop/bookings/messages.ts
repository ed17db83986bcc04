import { type Messages, type Translate, useT } from '../../i18n/locale';

/** Every word of booking a session (预约), Chinese first; English must have the same keys (the type checks it). */
const zh = {
  title: '预约提醒',
  hint: '开抢前 10 分钟提醒你',
  book: '预约提醒',
  booking: '预约中…',
  booked: '已预约',
  cancel: '取消预约',
  signInToBook: '登录后预约',
  gift: '前{k}名送券 · 剩余 {left}',
  giftName: '预约礼：{name}',
  giftGone: '预约礼已送完',
  bookedCount: '已有 {n} 人预约',
  wonGift: '你是第 {slot} 位预约者，礼券已放入「我的券」',
  poolEmpty: '你抢到了第 {slot} 个预约礼名额，可惜礼券已经发完了',
  giftPending: '礼券发放中，请稍后在「我的券」查看',
};

const en: Record<keyof typeof zh, string> = {
  title: 'Reminder',
  hint: 'We remind you 10 minutes before it starts',
  book: 'Remind me',
  booking: 'Booking…',
  booked: 'Booked',
  cancel: 'Cancel booking',
  signInToBook: 'Sign in to book',
  gift: 'Coupon for the first {k} · {left} left',
  giftName: 'Booking gift: {name}',
  giftGone: 'All booking gifts are taken',
  bookedCount: '{n} booked',
  wonGift: 'You were booker no. {slot}: the gift coupon is in your wallet',
  poolEmpty: 'You won gift slot {slot}, but the gift coupons have run out',
  giftPending: 'Your gift coupon is on its way to your wallet',
};

export type BookingKey = keyof typeof zh;
export type BookingT = Translate<BookingKey>;

export const bookingMessages: Messages<BookingKey> = { 'zh-CN': zh, en };

export function useBookingT(): BookingT {
  return useT(bookingMessages);
}
