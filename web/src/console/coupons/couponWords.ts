import type { CouponTemplate } from '../../api/types';
import { type Locale, type Messages, translate } from '../../i18n/locale';
import { validationLabels } from '../labels';
import type { CouponScopeType, CouponState, CouponValidationKey } from './couponRules';

/** How the console says what a coupon takes off, where it applies and where it stands, in the shop's words. */

const offWords = {
  'zh-CN': {
    amountThreshold: '满{threshold}减{off}',
    amountAny: '立减{off}',
    percent: '{zhe}折',
    percentCap: '{zhe}折 最高减{cap}',
    percentThreshold: '满{threshold}享{zhe}折',
    percentThresholdCap: '满{threshold}享{zhe}折 最高减{cap}',
    noThreshold: '无门槛',
    firstOrder: '首单',
  },
  en: {
    amountThreshold: '¥{off} off orders of ¥{threshold}+',
    amountAny: '¥{off} off',
    percent: '{percent}% off',
    percentCap: '{percent}% off, at most ¥{cap}',
    percentThreshold: '{percent}% off orders of ¥{threshold}+',
    percentThresholdCap: '{percent}% off orders of ¥{threshold}+, at most ¥{cap}',
    noThreshold: 'No minimum spend',
    firstOrder: 'First order',
  },
} satisfies Messages<string>;

/** Cents as short yuan for a coupon's words: 30000 → "300", 4950 → "49.5", 1234567 → "12,345.67". */
export function shortYuan(cents: number): string {
  const whole = Math.floor(cents / 100).toLocaleString('en-US');
  const fraction = cents % 100;
  if (fraction === 0) return whole;
  return `${whole}.${String(fraction).padStart(2, '0').replace(/0$/, '')}`;
}

/** Per cent off as 折, the way a Chinese shopper reads it: 20 → "8", 15 → "8.5", 99 → "0.1". */
export function zhe(percentOff: number): string {
  const rest = 100 - percentOff;
  return rest % 10 === 0 ? String(rest / 10) : `${Math.floor(rest / 10)}.${rest % 10}`;
}

type OffFields = Pick<CouponTemplate, 'kind' | 'amountOff' | 'percentOff' | 'maxOff' | 'threshold' | 'firstOrderOnly'>;

/**
 * What a coupon takes off, as tags: the discount ("满300减50", "8折 最高减20"), then "无门槛" when anyone's
 * order qualifies, then "首单" when only a first order does.
 */
export function couponOffWords(coupon: OffFields, locale: Locale): string[] {
  const t = translate(offWords, locale);
  const threshold = shortYuan(coupon.threshold);
  const words: string[] = [];
  if (coupon.kind === 'amount') {
    const off = shortYuan(coupon.amountOff ?? 0);
    words.push(coupon.threshold > 0 ? t('amountThreshold', { threshold, off }) : t('amountAny', { off }));
  } else {
    const percent = coupon.percentOff ?? 0;
    const vars = { threshold, percent, zhe: zhe(percent), cap: shortYuan(coupon.maxOff ?? 0) };
    const capped = coupon.maxOff !== null && coupon.maxOff !== undefined;
    const key = coupon.threshold > 0 ? (capped ? 'percentThresholdCap' : 'percentThreshold') : capped ? 'percentCap' : 'percent';
    words.push(t(key, vars));
  }
  if (coupon.threshold === 0) words.push(t('noThreshold'));
  if (coupon.firstOrderOnly) words.push(t('firstOrder'));
  return words;
}

export const kindLabels: Messages<CouponTemplate['kind']> = {
  'zh-CN': { amount: '满减 / 立减（金额）', percent: '折扣（百分比）' },
  en: { amount: 'Amount off', percent: 'Percentage off' },
};

export const scopeLabels: Messages<CouponScopeType> = {
  'zh-CN': { all: '全场通用', merchant: '指定店铺', category: '指定品类', item: '指定商品' },
  en: { all: 'Storewide', merchant: 'One merchant', category: 'One category', item: 'One item' },
};

const scopeWords: Messages<CouponScopeType> = {
  'zh-CN': { all: '全场通用', merchant: '店铺 {id}', category: '品类 {id}', item: '商品 {id}' },
  en: { all: 'Storewide', merchant: 'Merchant {id}', category: 'Category {id}', item: 'Item {id}' },
};

/** Where a coupon applies: "全场通用", "品类 books". */
export function couponScopeWords(scope: CouponTemplate['scope'], locale: Locale): string {
  return translate(scopeWords, locale)(scope.type, { id: 'id' in scope ? scope.id : '' });
}

export const couponStateLabels: Messages<CouponState> = {
  'zh-CN': { upcoming: '未开始', claimable: '可领取', gone: '已领完', ended: '已结束' },
  en: { upcoming: 'Upcoming', claimable: 'Claimable', gone: 'All claimed', ended: 'Ended' },
};

/** Filled badges in shades dark enough for white text (AA). */
export const couponStateColors: Record<CouponState, string> = { upcoming: 'blue.8', claimable: 'teal.9', gone: 'red.9', ended: 'gray.7' };

const own = {
  'zh-CN': {
    thresholdRange: '门槛为 0 到 10,000,000 元',
    offNotBelowThreshold: '减免金额必须低于使用门槛',
    percentRange: '折扣为 1 到 99 的整数（20 = 减 20%，即 8 折）',
    quantityRange: '发放总量为 1 到 10,000,000 的整数',
    perShopperRange: '每人限领为 1 到 100 的整数',
    validMinutesRange: '领取后有效分钟数为 1 到 10080（7 天）的整数',
  },
  en: {
    thresholdRange: 'A threshold from 0 to 10,000,000 yuan',
    offNotBelowThreshold: 'The amount off must be below the threshold',
    percentRange: 'A whole per cent from 1 to 99 (20 = 20% off)',
    quantityRange: 'The total is a whole number from 1 to 10,000,000',
    perShopperRange: 'The per-shopper limit is a whole number from 1 to 100',
    validMinutesRange: 'Minutes after claim: a whole number from 1 to 10080 (7 days)',
  },
};

/** The form's mistakes: the console's shared sentences plus the coupon's own. */
export const couponValidationLabels: Messages<CouponValidationKey> = {
  'zh-CN': { ...validationLabels['zh-CN'], ...own['zh-CN'] },
  en: { ...validationLabels.en, ...own.en },
};
