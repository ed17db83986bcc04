import { type Messages, type Translate, useT } from '../../i18n/locale';

/** Every word of the exchange page, Chinese first; English must have the same keys (the type checks it). */
const zh = {
  title: '积分/能量兑换',
  balances: '我的余额',
  points: '积分',
  energy: '能量',
  offers: '兑换优惠券和好礼',
  noOffers: '暂时没有可兑换的优惠券或好礼',
  price: '{price} {currency}',
  left: '剩 {n} 张',
  leftGoods: '剩 {n} 件',
  goods: '实物',
  redeemedGoods: '兑换成功：「{name}」，我们会尽快为您寄出',
  perUser: '每人限兑 {n} 次',
  redeem: '兑换',
  redeemed: '兑换成功，「{name}」已放入券包',
  wallet: '查看券包',
  play: '用能量玩',
  lotteries: '抽奖',
  noLotteries: '暂时没有进行中的抽奖',
  drawCost: '每次 {amount} {currency}',
  free: '免费',
  assists: '好友助力',
  noAssists: '暂时没有进行中的助力活动',
  assistNeeds: '{n} 位好友助力得「{reward}」',
  start: '发起助力',
};

const en: Record<keyof typeof zh, string> = {
  title: 'Redeem points & energy',
  balances: 'My balance',
  points: 'points',
  energy: 'energy',
  offers: 'Coupons & goods to redeem',
  noOffers: 'Nothing to redeem right now',
  price: '{price} {currency}',
  left: '{n} left',
  leftGoods: '{n} left',
  goods: 'Goods',
  redeemedGoods: 'Redeemed: “{name}” — we will ship it to you soon',
  perUser: 'Up to {n} per shopper',
  redeem: 'Redeem',
  redeemed: 'Redeemed: “{name}” is in your wallet',
  wallet: 'Open my coupons',
  play: 'Play with your energy',
  lotteries: 'Lucky draws',
  noLotteries: 'No lucky draw is running',
  drawCost: '{amount} {currency} a draw',
  free: 'Free',
  assists: 'Friends assist',
  noAssists: 'No assist campaign is running',
  assistNeeds: '{n} friends’ help unlocks “{reward}”',
  start: 'Start',
};

export type ExchangeKey = keyof typeof zh;
export type ExchangeT = Translate<ExchangeKey>;
export const exchangeMessages: Messages<ExchangeKey> = { 'zh-CN': zh, en };

export function useExchangeT(): ExchangeT {
  return useT(exchangeMessages);
}
