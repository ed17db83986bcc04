import { type Messages, type Translate, useT } from '../../i18n/locale';

/** Every word of the lottery page, Chinese first; English must have the same keys (the type checks it). */
const zh = {
  title: '幸运抽奖',
  prizes: '奖品',
  left: '剩余 {n} 份',
  unlimited: '不限量',
  goneOut: '已抽完',
  thanks: '谢谢参与',
  costFree: '免费抽奖',
  cost: '每次消耗 {amount} {currency}',
  points: '积分',
  energy: '能量',
  drawsLeftToday: '今日还可抽 {n} 次',
  drawsLeftTotal: '还可抽 {n} 次',
  noDrawsLeft: '抽奖次数已用完',
  draw: '立即抽奖',
  drawing: '抽奖中…',
  won: '恭喜！抽中「{prize}」',
  wonCoupon: '优惠券已放入您的券包',
  wonPoints: '积分已到账',
  wonGoods: '奖品将由客服联系寄出',
  undelivered: '奖品暂时发放失败，客服会联系您',
  lost: '谢谢参与，下次好运！',
  myDraws: '我的抽奖记录',
  noDraws: '还没有抽过奖',
  notOpen: '抽奖不在进行中',
  window: '活动时间：{from} – {to}',
  wallet: '查看券包',
};

const en: Record<keyof typeof zh, string> = {
  title: 'Lucky draw',
  prizes: 'Prizes',
  left: '{n} left',
  unlimited: 'Unlimited',
  goneOut: 'All gone',
  thanks: 'Better luck next time',
  costFree: 'Free to draw',
  cost: '{amount} {currency} per draw',
  points: 'points',
  energy: 'energy',
  drawsLeftToday: 'Draws left today: {n}',
  drawsLeftTotal: 'Draws left: {n}',
  noDrawsLeft: 'No draws left',
  draw: 'Draw now',
  drawing: 'Drawing…',
  won: 'You won “{prize}”!',
  wonCoupon: 'The coupon is in your wallet',
  wonPoints: 'The points are in your balance',
  wonGoods: 'We will contact you to ship it',
  undelivered: 'The prize could not be handed out yet; we will contact you',
  lost: 'No prize this time. Good luck next time!',
  myDraws: 'My draws',
  noDraws: 'No draws yet',
  notOpen: 'This lottery is not running now',
  window: 'Runs {from} – {to}',
  wallet: 'Open my coupons',
};

export type LotteryKey = keyof typeof zh;
export type LotteryT = Translate<LotteryKey>;
export const lotteryMessages: Messages<LotteryKey> = { 'zh-CN': zh, en };

export function useLotteryT(): LotteryT {
  return useT(lotteryMessages);
}
