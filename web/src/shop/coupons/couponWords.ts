import type { CouponTemplate } from '../../api/types';
import type { Locale } from '../../i18n/locale';
import type { CouponT } from './messages';

/** Yuan as a shopper says it: 30000 → "300", 1990 → "19.9" (the ¥ only in English). */
export function yuan(cents: number, locale: Locale): string {
  const amount = (cents / 100).toFixed(2).replace(/\.?0+$/, '');
  return locale === 'en' ? `¥${amount}` : amount;
}

/** 打折 counts what is paid, in tenths: 20% off → "8", 15% off → "8.5". */
export function fold(percentOff: number): string {
  return String((100 - percentOff) / 10);
}

export interface CouponWords {
  /** The big figure on the ticket: "¥50" or "8折" / "20% off". */
  figure: string;
  /** What it takes off in a sentence: "满300减50", "8折 最高减20", "无门槛减5", "首单立减5". */
  headline: string;
  /** The spend it needs: "满300可用" / "无门槛". */
  minimum: string;
  /** Where it applies: "全场通用", "限品类 数码 使用". */
  scope: string;
  /** The per-shopper cap: "每人限领 1 张". */
  cap: string;
}

/** Everything a coupon says about itself, in the shopper's language. */
export function couponWords(t: CouponT, locale: Locale, coupon: CouponTemplate): CouponWords {
  const threshold = yuan(coupon.threshold, locale);
  const hasThreshold = coupon.threshold > 0;
  let figure: string;
  let headline: string;
  if (coupon.kind === 'amount') {
    const off = yuan(coupon.amountOff ?? 0, locale);
    figure = yuan(coupon.amountOff ?? 0, 'en');
    const key = coupon.firstOrderOnly
      ? hasThreshold
        ? 'firstOrderAmountOffThreshold'
        : 'firstOrderAmountOff'
      : hasThreshold
        ? 'amountOff'
        : 'amountOffNoThreshold';
    headline = t(key, { off, threshold });
  } else {
    const percent = coupon.percentOff ?? 0;
    const vars = { fold: fold(percent), percent, threshold };
    figure = t('foldBig', vars);
    const key = coupon.firstOrderOnly
      ? hasThreshold
        ? 'firstOrderPercentOffThreshold'
        : 'firstOrderPercentOff'
      : hasThreshold
        ? 'percentOffThreshold'
        : 'percentOff';
    headline = t(key, vars);
    if (coupon.maxOff !== null) headline += `${locale === 'en' ? ', ' : ' '}${t('maxOff', { max: yuan(coupon.maxOff, locale) })}`;
  }
  const scope =
    coupon.scope.type === 'all'
      ? t('scopeAll')
      : t(coupon.scope.type === 'merchant' ? 'scopeMerchant' : coupon.scope.type === 'category' ? 'scopeCategory' : 'scopeItem', { id: coupon.scope.id });
  return {
    figure,
    headline,
    minimum: hasThreshold ? t('minimum', { threshold }) : t('noMinimum'),
    scope,
    cap: t('perUser', { n: coupon.perUserLimit }),
  };
}

/** How many are still to be claimed (never below zero). */
export function couponsLeft(coupon: CouponTemplate): number {
  return Math.max(0, coupon.totalQuantity - coupon.claimed);
}
