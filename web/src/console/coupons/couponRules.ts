import type { CouponTemplate, CouponTemplateInput } from '../../api/types';
import { checkTimes, isoToLocal, limits, money, type ValidationKey, wholeNumber } from '../validation';

/**
 * The coupon form's rules, mirroring the server's couponTemplateInput (src/http/schemas.ts) so an operator
 * sees every mistake at once, before sending. Money is typed in yuan and sent as cents.
 */

export type CouponKind = CouponTemplate['kind'];
export type CouponScopeType = CouponTemplate['scope']['type'];

export const couponKinds: CouponKind[] = ['amount', 'percent'];
export const couponScopeTypes: CouponScopeType[] = ['all', 'merchant', 'category', 'item'];

/** The server's bounds beyond the console's shared `limits`. */
export const couponLimits = {
  percentOff: 99,
  totalQuantity: limits.stock,
  perUserLimit: limits.perUserLimit,
  validMinutes: 10_080,
  scopeId: 100,
} as const;

export type CouponValidationKey =
  | Extract<ValidationKey, 'required' | 'tooLong' | 'badTime' | 'endBeforeStart' | 'badPrice' | 'priceRange' | 'tooManyDecimals'>
  | 'thresholdRange'
  | 'offNotBelowThreshold'
  | 'percentRange'
  | 'quantityRange'
  | 'perShopperRange'
  | 'validMinutesRange';

export type CouponErrors = Partial<Record<CouponField, CouponValidationKey>>;

export interface CouponFormValues {
  name: string;
  kind: CouponKind;
  /** Yuan, kind amount. */
  amountOff: string;
  /** Whole per cent, kind percent. */
  percentOff: string;
  /** Yuan, kind percent; '' = no cap. */
  maxOff: string;
  /** Yuan; '' or 0 = no threshold. */
  threshold: string;
  firstOrderOnly: boolean;
  scopeType: CouponScopeType;
  scopeId: string;
  totalQuantity: string;
  perUserLimit: string;
  validFrom: string;
  validTo: string;
  /** '' = valid for the whole window. */
  validMinutes: string;
  /** Only handed out by the platform (gifts, prizes, rewards), never claimed in the coupon center. */
  grantOnly: boolean;
}

export type CouponField =
  | 'name'
  | 'amountOff'
  | 'percentOff'
  | 'maxOff'
  | 'threshold'
  | 'scopeId'
  | 'totalQuantity'
  | 'perUserLimit'
  | 'validFrom'
  | 'validTo'
  | 'validMinutes';

/** A blank form: a week from the minute `now` falls in, one per shopper. */
export function emptyCouponForm(now: number): CouponFormValues {
  const start = Math.floor(now / 60_000) * 60_000;
  return {
    name: '',
    kind: 'amount',
    amountOff: '',
    percentOff: '',
    maxOff: '',
    threshold: '',
    firstOrderOnly: false,
    scopeType: 'all',
    scopeId: '',
    totalQuantity: '',
    perUserLimit: '1',
    validFrom: isoToLocal(start),
    validTo: isoToLocal(start + 7 * 86_400_000),
    validMinutes: '',
    grantOnly: false,
  };
}


/** A whole number in range, typed as text; 'required' when empty, `outOfRange` otherwise. */
function count(text: string, min: number, max: number, outOfRange: CouponValidationKey): { value: number | null; error?: CouponValidationKey } {
  const value = wholeNumber(text, min, max);
  if (value !== null) return { value };
  return { value, error: text.trim() ? outOfRange : 'required' };
}

export function checkCoupon(values: CouponFormValues): { ok: true; body: CouponTemplateInput } | { ok: false; errors: CouponErrors } {
  const errors: CouponErrors = {};
  const name = values.name.trim();
  if (!name) errors.name = 'required';
  else if (name.length > limits.name) errors.name = 'tooLong';

  // No threshold is '' or 0; anything else is yuan like the other amounts.
  let threshold = 0;
  if (values.threshold.trim() !== '' && !/^0+(\.0{1,2})?$/.test(values.threshold.trim())) {
    const typed = money(values.threshold);
    if (typed.error) errors.threshold = typed.error === 'priceRange' ? 'thresholdRange' : typed.error;
    threshold = typed.cents ?? 0;
  }

  let off: Pick<CouponTemplateInput, 'amountOff' | 'percentOff' | 'maxOff'> = {};
  if (values.kind === 'amount') {
    const amount = money(values.amountOff);
    if (amount.error) errors.amountOff = amount.error;
    else if (threshold > 0 && amount.cents! >= threshold) errors.amountOff = 'offNotBelowThreshold';
    off = { amountOff: amount.cents ?? undefined };
  } else {
    const percent = count(values.percentOff, 1, couponLimits.percentOff, 'percentRange');
    if (percent.error) errors.percentOff = percent.error;
    off = { percentOff: percent.value ?? undefined };
    if (values.maxOff.trim() !== '') {
      const cap = money(values.maxOff);
      if (cap.error) errors.maxOff = cap.error;
      off.maxOff = cap.cents ?? undefined;
    }
  }

  let scope: CouponTemplateInput['scope'] = { type: 'all' };
  if (values.scopeType !== 'all') {
    const id = values.scopeId.trim();
    if (!id) errors.scopeId = 'required';
    else if (id.length > couponLimits.scopeId) errors.scopeId = 'tooLong';
    scope = { type: values.scopeType, id };
  }

  const total = count(values.totalQuantity, 1, couponLimits.totalQuantity, 'quantityRange');
  if (total.error) errors.totalQuantity = total.error;
  const perUser = count(values.perUserLimit, 1, couponLimits.perUserLimit, 'perShopperRange');
  if (perUser.error) errors.perUserLimit = perUser.error;

  const valid = checkTimes(values.validFrom, values.validTo, errors, ['validFrom', 'validTo']);

  let validMinutes: number | undefined;
  if (values.validMinutes.trim() !== '') {
    const minutes = wholeNumber(values.validMinutes, 1, couponLimits.validMinutes);
    if (minutes === null) errors.validMinutes = 'validMinutesRange';
    else validMinutes = minutes;
  }

  if (Object.keys(errors).length > 0 || total.value === null || perUser.value === null || !valid) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    body: {
      name,
      kind: values.kind,
      ...off,
      threshold,
      firstOrderOnly: values.firstOrderOnly,
      scope,
      totalQuantity: total.value,
      perUserLimit: perUser.value,
      validFrom: valid.startsAt,
      validTo: valid.endsAt,
      ...(validMinutes !== undefined ? { validMinutes } : {}),
      ...(values.grantOnly ? { handout: 'grant' as const } : {}),
    },
  };
}

/** Where a coupon stands at `now`: not yet claimable, claimable, all claimed, or past its window. */
export type CouponState = 'upcoming' | 'claimable' | 'gone' | 'ended';

export function couponState(coupon: Pick<CouponTemplate, 'validFrom' | 'validTo' | 'claimed' | 'totalQuantity'>, now: number): CouponState {
  if (now >= Date.parse(coupon.validTo)) return 'ended';
  if (coupon.claimed >= coupon.totalQuantity) return 'gone';
  return now < Date.parse(coupon.validFrom) ? 'upcoming' : 'claimable';
}
