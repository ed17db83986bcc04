/**
 * The promotion form's rules, mirroring the server's (src/promotions/shopPromotions.ts promotionProblem and
 * src/http/routes/promotionSchemas.ts) so an operator sees every mistake at once, before sending. Money is
 * typed in yuan and sent as cents; rates are typed as 折 (9.5 = 95折) and sent per mille (950).
 */
import type { z } from 'zod';
import type { promotionInput, promotionView } from '../../../../src/http/routes/promotionSchemas';
import type { MemberTier } from '../../api/types';
import { memberTiers } from '../labels';
import { checkTimes, isoToLocal, money, splitList } from '../validation';

export type Promotion = z.infer<typeof promotionView>;
export type PromotionInput = z.input<typeof promotionInput>;
export type PromotionKind = Promotion['rule']['kind'];
export type PromotionScopeKind = Promotion['scope']['kind'];
export type PromotionState = Promotion['state'];

export const promotionKinds: PromotionKind[] = ['spend-reduction', 'member-discount', 'percent-off', 'amount-off'];
export const promotionScopeKinds: PromotionScopeKind[] = ['cart', 'merchant', 'category', 'items'];

export const promotionLimits = { label: 60, tiers: 10, scopeId: 100, scopeItems: 500, group: 40, priority: 1000 } as const;

export interface TierValues {
  /** Yuan. */
  threshold: string;
  /** Yuan. */
  off: string;
}

export interface PromotionFormValues {
  label: string;
  kind: PromotionKind;
  tiers: TierValues[];
  /** 折 per member tier ('' = no member price for that tier). */
  memberZhe: Record<MemberTier, string>;
  /** 折, kind percent-off. */
  zhe: string;
  /** Yuan, kind percent-off; '' = no cap. */
  cap: string;
  /** Yuan, kind amount-off. */
  off: string;
  /** Yuan, kinds percent-off and amount-off; '' = none. */
  minSpend: string;
  scopeKind: PromotionScopeKind;
  /** The merchant or category id, or the item ids separated by commas. */
  scopeId: string;
  stackingGroup: string;
  exclusive: boolean;
  priority: string;
  startsAt: string;
  endsAt: string;
}

export type PromotionValidationKey =
  | 'required'
  | 'tooLong'
  | 'badTime'
  | 'endBeforeStart'
  | 'badPrice'
  | 'priceRange'
  | 'tooManyDecimals'
  | 'tiersAscend'
  | 'tierOffBelow'
  | 'tiersTakeMore'
  | 'zheRange'
  | 'memberRateMissing'
  | 'offNotBelowMinSpend'
  | 'tooManyItems'
  | 'priorityRange';

export type PromotionField =
  | 'label'
  | `tier${number}Threshold`
  | `tier${number}Off`
  | `member-${MemberTier}`
  | 'memberRates'
  | 'zhe'
  | 'cap'
  | 'off'
  | 'minSpend'
  | 'scopeId'
  | 'stackingGroup'
  | 'priority'
  | 'startsAt'
  | 'endsAt';

export type PromotionErrors = Partial<Record<PromotionField, PromotionValidationKey>>;

/** A blank form: one spend tier across stores, a week from the minute `now` falls in. */
export function emptyPromotionForm(now: number): PromotionFormValues {
  const start = Math.floor(now / 60_000) * 60_000;
  return {
    label: '',
    kind: 'spend-reduction',
    tiers: [{ threshold: '', off: '' }],
    memberZhe: { regular: '', silver: '', gold: '', vip: '' },
    zhe: '',
    cap: '',
    off: '',
    minSpend: '',
    scopeKind: 'cart',
    scopeId: '',
    stackingGroup: '',
    exclusive: false,
    priority: '0',
    startsAt: isoToLocal(start),
    endsAt: isoToLocal(start + 7 * 86_400_000),
  };
}


/** 折 as typed ("9.5", "8", "9.55") → the share paid per mille (950, 800, 955); null outside 0.01..9.99 折. */
export function zheToPermille(text: string): number | null {
  const match = /^(\d)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const permille = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return permille >= 1 && permille <= 999 ? permille : null;
}

/** Per mille paid → 折 as a shopper reads it: 950 → "9.5", 800 → "8", 955 → "9.55". */
export function permilleToZhe(permille: number): string {
  return String(permille / 100);
}

function optionalMoney(text: string, field: PromotionField, errors: PromotionErrors): number | undefined {
  if (text.trim() === '') return undefined;
  const typed = money(text);
  if (typed.error) errors[field] = typed.error;
  return typed.cents ?? undefined;
}

export function checkPromotion(values: PromotionFormValues): { ok: true; body: PromotionInput } | { ok: false; errors: PromotionErrors } {
  const errors: PromotionErrors = {};
  const label = values.label.trim();
  if (!label) errors.label = 'required';
  else if (label.length > promotionLimits.label) errors.label = 'tooLong';

  let rule: PromotionInput['rule'] | null = null;
  switch (values.kind) {
    case 'spend-reduction': {
      const tiers: { threshold: number; off: number }[] = [];
      values.tiers.forEach((tier, i) => {
        const threshold = money(tier.threshold);
        const off = money(tier.off);
        if (threshold.error) errors[`tier${i}Threshold`] = threshold.error;
        if (off.error) errors[`tier${i}Off`] = off.error;
        if (threshold.cents === null || off.cents === null) return;
        const last = tiers[tiers.length - 1];
        if (off.cents >= threshold.cents) errors[`tier${i}Off`] = 'tierOffBelow';
        else if (last && threshold.cents <= last.threshold) errors[`tier${i}Threshold`] = 'tiersAscend';
        else if (last && off.cents <= last.off) errors[`tier${i}Off`] = 'tiersTakeMore';
        tiers.push({ threshold: threshold.cents, off: off.cents });
      });
      rule = { kind: 'spend-reduction', tiers };
      break;
    }
    case 'member-discount': {
      const payPermille: Partial<Record<MemberTier, number>> = {};
      for (const tier of memberTiers) {
        const typed = values.memberZhe[tier].trim();
        if (typed === '') continue;
        const permille = zheToPermille(typed);
        if (permille === null) errors[`member-${tier}`] = 'zheRange';
        else payPermille[tier] = permille;
      }
      if (Object.keys(payPermille).length === 0 && !memberTiers.some((tier) => errors[`member-${tier}`])) errors.memberRates = 'memberRateMissing';
      rule = { kind: 'member-discount', payPermille };
      break;
    }
    case 'percent-off': {
      const permille = zheToPermille(values.zhe);
      if (permille === null) errors.zhe = values.zhe.trim() ? 'zheRange' : 'required';
      const cap = optionalMoney(values.cap, 'cap', errors);
      const minSpend = optionalMoney(values.minSpend, 'minSpend', errors);
      rule = { kind: 'percent-off', payPermille: permille ?? 0, ...(cap !== undefined ? { cap } : {}), ...(minSpend !== undefined ? { minSpend } : {}) };
      break;
    }
    case 'amount-off': {
      const off = money(values.off);
      if (off.error) errors.off = off.error;
      const minSpend = optionalMoney(values.minSpend, 'minSpend', errors);
      if (off.cents !== null && minSpend !== undefined && off.cents >= minSpend) errors.off = 'offNotBelowMinSpend';
      rule = { kind: 'amount-off', off: off.cents ?? 0, ...(minSpend !== undefined ? { minSpend } : {}) };
      break;
    }
  }

  let scope: PromotionInput['scope'] = { kind: 'cart' };
  const scopeId = values.scopeId.trim();
  if (values.scopeKind === 'items') {
    const itemIds = [...new Set(splitList(values.scopeId))];
    if (itemIds.length === 0) errors.scopeId = 'required';
    else if (itemIds.length > promotionLimits.scopeItems) errors.scopeId = 'tooManyItems';
    else if (itemIds.some((id) => id.length > promotionLimits.scopeId)) errors.scopeId = 'tooLong';
    scope = { kind: 'items', itemIds };
  } else if (values.scopeKind !== 'cart') {
    if (!scopeId) errors.scopeId = 'required';
    else if (scopeId.length > promotionLimits.scopeId) errors.scopeId = 'tooLong';
    scope = values.scopeKind === 'merchant' ? { kind: 'merchant', merchantId: scopeId } : { kind: 'category', categoryId: scopeId };
  }

  const group = values.stackingGroup.trim();
  if (group.length > promotionLimits.group) errors.stackingGroup = 'tooLong';
  const priorityText = values.priority.trim() || '0';
  const priority = /^-?\d+$/.test(priorityText) ? Number(priorityText) : NaN;
  if (!Number.isSafeInteger(priority) || Math.abs(priority) > promotionLimits.priority) errors.priority = 'priorityRange';

  const times = checkTimes(values.startsAt, values.endsAt, errors);

  if (Object.keys(errors).length > 0 || !rule || !times) return { ok: false, errors };
  return {
    ok: true,
    body: {
      label,
      rule,
      scope,
      ...(group ? { stackingGroup: group } : {}),
      exclusive: values.exclusive,
      priority,
      ...times,
    },
  };
}
