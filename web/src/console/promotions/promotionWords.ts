import type { MemberTier } from '../../api/types';
import { type Locale, type Messages, translate } from '../../i18n/locale';
import { shortYuan } from '../coupons/couponWords';
import { memberTiers, tierLabels, validationLabels } from '../labels';
import { type Promotion, type PromotionKind, type PromotionScopeKind, type PromotionState, type PromotionValidationKey, permilleToZhe } from './promotionRules';

/** How the console says what a promotion takes off, where, and where it stands, in the shop's words. */

const ruleWords = {
  'zh-CN': {
    tier: '满{threshold}减{off}',
    member: '{tier}{zhe}折',
    percent: '{zhe}折',
    cap: '最高减{cap}',
    minSpend: '满{minSpend}可用',
    amount: '立减{off}',
    amountMin: '满{minSpend}减{off}',
  },
  en: {
    tier: '¥{off} off ¥{threshold}+',
    member: '{tier}: pay {percent}%',
    percent: 'Pay {percent}%',
    cap: 'at most ¥{cap} off',
    minSpend: 'from ¥{minSpend}',
    amount: '¥{off} off',
    amountMin: '¥{off} off ¥{minSpend}+',
  },
} satisfies Messages<string>;

/** Per mille as a per cent for English: 950 → "95", 955 → "95.5". */
const percentOf = (permille: number) => String(permille / 10);

/** What a promotion takes off, as tags: "满300减50", "满600减150"; "黄金会员9.5折"; "9折", "最高减50". */
export function promotionRuleWords(rule: Promotion['rule'], locale: Locale): string[] {
  const t = translate(ruleWords, locale);
  switch (rule.kind) {
    case 'spend-reduction':
      return rule.tiers.map((tier) => t('tier', { threshold: shortYuan(tier.threshold), off: shortYuan(tier.off) }));
    case 'member-discount': {
      const tiers = translate(tierLabels, locale);
      return memberTiers
        .filter((tier) => rule.payPermille[tier] !== undefined)
        .map((tier) => {
          const permille = rule.payPermille[tier as MemberTier]!;
          return t('member', { tier: tiers(tier), zhe: permilleToZhe(permille), percent: percentOf(permille) });
        });
    }
    case 'percent-off': {
      const words = [t('percent', { zhe: permilleToZhe(rule.payPermille), percent: percentOf(rule.payPermille) })];
      if (rule.cap !== undefined) words.push(t('cap', { cap: shortYuan(rule.cap) }));
      if (rule.minSpend) words.push(t('minSpend', { minSpend: shortYuan(rule.minSpend) }));
      return words;
    }
    case 'amount-off':
      return [rule.minSpend ? t('amountMin', { off: shortYuan(rule.off), minSpend: shortYuan(rule.minSpend) }) : t('amount', { off: shortYuan(rule.off) })];
  }
}

export const promotionKindLabels: Messages<PromotionKind> = {
  'zh-CN': { 'spend-reduction': '满减（阶梯）', 'member-discount': '会员价（按等级折扣）', 'percent-off': '折扣', 'amount-off': '立减' },
  en: { 'spend-reduction': 'Spend reduction (tiers)', 'member-discount': 'Member price (by tier)', 'percent-off': 'Percentage off', 'amount-off': 'Amount off' },
};

export const promotionScopeLabels: Messages<PromotionScopeKind> = {
  'zh-CN': { cart: '跨店（整单）', merchant: '指定店铺', category: '指定品类', items: '指定商品' },
  en: { cart: 'Whole cart, across stores', merchant: 'One merchant', category: 'One category', items: 'Chosen items' },
};

const scopeWords: Messages<PromotionScopeKind> = {
  'zh-CN': { cart: '跨店满减', merchant: '店铺 {id}', category: '品类 {id}', items: '商品 {id}' },
  en: { cart: 'Across stores', merchant: 'Merchant {id}', category: 'Category {id}', items: 'Items {id}' },
};

/** Where a promotion applies: "跨店满减", "品类 books", "商品 12, 13". */
export function promotionScopeWords(scope: Promotion['scope'], locale: Locale): string {
  const id = scope.kind === 'merchant' ? scope.merchantId : scope.kind === 'category' ? scope.categoryId : scope.kind === 'items' ? scope.itemIds.join(', ') : '';
  return translate(scopeWords, locale)(scope.kind, { id });
}

export const promotionStateLabels: Messages<PromotionState> = {
  'zh-CN': { scheduled: '未开始', running: '进行中', ended: '已结束', disabled: '已停用' },
  en: { scheduled: 'Scheduled', running: 'Running', ended: 'Ended', disabled: 'Disabled' },
};

/** Filled badges in shades dark enough for white text (AA). */
export const promotionStateColors: Record<PromotionState, string> = { scheduled: 'blue.8', running: 'teal.9', ended: 'gray.7', disabled: 'red.9' };

const own = {
  'zh-CN': {
    tiersAscend: '门槛必须逐级升高',
    tierOffBelow: '减免金额必须低于门槛',
    tiersTakeMore: '更高一档必须减得更多',
    zheRange: '折扣为 0.01 到 9.99 折，例如 9.5 = 95折',
    memberRateMissing: '至少为一个会员等级设置折扣',
    offNotBelowMinSpend: '减免金额必须低于使用门槛',
    tooManyItems: '最多 500 个商品',
    priorityRange: '优先级为 -1000 到 1000 的整数',
  },
  en: {
    tiersAscend: 'Each threshold must be higher than the one before',
    tierOffBelow: 'The reduction must be below its threshold',
    tiersTakeMore: 'A higher tier must take more off',
    zheRange: 'A rate from 0.01 to 9.99 折, e.g. 9.5 = pay 95%',
    memberRateMissing: 'Give at least one member tier a rate',
    offNotBelowMinSpend: 'The amount off must be below the minimum spend',
    tooManyItems: 'At most 500 items',
    priorityRange: 'Priority is a whole number from -1000 to 1000',
  },
};

/** The form's mistakes: the console's shared sentences plus the promotion's own. */
export const promotionValidationLabels: Messages<PromotionValidationKey> = {
  'zh-CN': { ...validationLabels['zh-CN'], ...own['zh-CN'] },
  en: { ...validationLabels.en, ...own.en },
};
