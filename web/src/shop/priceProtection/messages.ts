import { type Messages, type Translate, useT } from '../../i18n/locale';

/** Every word of price protection (保价), Chinese first; English must have the same keys (the type checks it). */
const zh = {
  title: '价格保护',
  intro: '付款后 {days} 天内降价，可申请退还差价，每件商品一次，原路退回。',
  until: '保价至 {date}',
  paidUnit: '实付 {price}/件',
  priceNow: '现价 {price}',
  quantity: '× {n}',
  claim: '申请价保，退 {amount}',
  claimLabel: '为 {title} 申请价格保护，退 {amount}',
  claiming: '申请中…',
  refunded: '已退差价 {amount}',
  pending: '差价 {amount} 退款处理中',
  automatic: '自动保价',
  notLower: '现价不低于实付价，暂无差价',
  expired: '已过保价期',
  allClaims: '我的价保记录',
  claimsTitle: '我的价保记录',
  noClaims: '还没有价保记录。已付款的订单降价时，可在订单页申请。',
  order: '订单 {id}',
  claimedAt: '申请于 {date}',
  loading: '加载中…',
};

const en: Record<keyof typeof zh, string> = {
  title: 'Price protection',
  intro: 'If a price falls within {days} days of payment, claim the difference back to your payment, once per item.',
  until: 'Protected until {date}',
  paidUnit: 'Paid {price} each',
  priceNow: 'Now {price}',
  quantity: '× {n}',
  claim: 'Claim {amount} back',
  claimLabel: 'Claim price protection for {title}: {amount} back',
  claiming: 'Claiming…',
  refunded: '{amount} refunded',
  pending: '{amount} refund on its way',
  automatic: 'Automatic',
  notLower: 'The price now is not below what you paid',
  expired: 'Protection period over',
  allClaims: 'My price-protection claims',
  claimsTitle: 'My price-protection claims',
  noClaims: 'No claims yet. When a paid order’s price falls, claim it on the order page.',
  order: 'Order {id}',
  claimedAt: 'Claimed {date}',
  loading: 'Loading…',
};

export type PriceProtectionWord = keyof typeof zh;
export const priceProtectionMessages: Messages<PriceProtectionWord> = { 'zh-CN': zh, en };
export const usePriceProtectionT = (): Translate<PriceProtectionWord> => useT(priceProtectionMessages);
