import { describe, expect, it } from 'vitest';
import { couponTemplateInput } from '../../../../src/http/schemas';
import { checkCoupon, type CouponFormValues, couponState, emptyCouponForm } from '../../../../web/src/console/coupons/couponRules';
import { couponOffWords, couponScopeWords, shortYuan, zhe } from '../../../../web/src/console/coupons/couponWords';

const now = new Date(2025, 5, 18, 10, 0, 30).getTime();
const filled = (patch: Partial<CouponFormValues> = {}): CouponFormValues => ({
  ...emptyCouponForm(now),
  name: ' 满300减50 ',
  amountOff: '50',
  threshold: '300',
  totalQuantity: '1000',
  ...patch,
});

const errorsOf = (values: CouponFormValues) => {
  const checked = checkCoupon(values);
  return checked.ok ? {} : checked.errors;
};

describe('checking a coupon before it is issued', () => {
  it('sends an amount coupon as cents, with the window as ISO and the name trimmed', () => {
    const checked = checkCoupon(filled());
    expect(checked).toEqual({
      ok: true,
      body: {
        name: '满300减50',
        kind: 'amount',
        amountOff: 5000,
        threshold: 30000,
        firstOrderOnly: false,
        scope: { type: 'all' },
        totalQuantity: 1000,
        perUserLimit: 1,
        validFrom: new Date(2025, 5, 18, 10, 0).toISOString(),
        validTo: new Date(2025, 5, 25, 10, 0).toISOString(),
      },
    });
  });

  it('sends a percent coupon with its cap, scope and minutes after claim, and the server takes it', () => {
    const checked = checkCoupon(
      filled({ kind: 'percent', amountOff: '50', percentOff: '20', maxOff: '20', threshold: '', scopeType: 'category', scopeId: ' books ', validMinutes: '30', firstOrderOnly: true, perUserLimit: '3' }),
    );
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    // The amount typed before switching kind is not sent: the server refuses a percent coupon with amountOff.
    expect(checked.body).toMatchObject({ kind: 'percent', percentOff: 20, maxOff: 2000, threshold: 0, scope: { type: 'category', id: 'books' }, validMinutes: 30, firstOrderOnly: true, perUserLimit: 3 });
    expect(checked.body).not.toHaveProperty('amountOff');
    expect(couponTemplateInput.safeParse(checked.body).success).toBe(true);
    expect(couponTemplateInput.safeParse((checkCoupon(filled()) as { body: unknown }).body).success).toBe(true);
  });

  it('marks a coupon only the platform hands out (a gift or prize), and the server takes it', () => {
    const checked = checkCoupon(filled({ grantOnly: true }));
    expect(checked.ok && checked.body).toMatchObject({ handout: 'grant' });
    expect(couponTemplateInput.safeParse((checked as { body: unknown }).body).success).toBe(true);
  });

  it('refuses an amount off that is not below the threshold, as the server does', () => {
    expect(errorsOf(filled({ amountOff: '300' }))).toEqual({ amountOff: 'offNotBelowThreshold' });
    expect(errorsOf(filled({ amountOff: '300.01' }))).toEqual({ amountOff: 'offNotBelowThreshold' });
    expect(errorsOf(filled({ amountOff: '299.99' }))).toEqual({});
    // No threshold: any amount goes (立减).
    expect(errorsOf(filled({ amountOff: '300', threshold: '' }))).toEqual({});
    expect(errorsOf(filled({ amountOff: '300', threshold: '0' }))).toEqual({});
    expect(errorsOf(filled({ amountOff: '300', threshold: '0.00' }))).toEqual({});
  });

  it('reads money as yuan with at most two decimals', () => {
    expect(errorsOf(filled({ amountOff: '' }))).toEqual({ amountOff: 'required' });
    expect(errorsOf(filled({ amountOff: '5.005' }))).toEqual({ amountOff: 'tooManyDecimals' });
    expect(errorsOf(filled({ amountOff: '-5' }))).toEqual({ amountOff: 'badPrice' });
    expect(errorsOf(filled({ amountOff: '0' }))).toEqual({ amountOff: 'priceRange' });
    expect(errorsOf(filled({ threshold: 'abc' }))).toEqual({ threshold: 'badPrice' });
    expect(errorsOf(filled({ threshold: '10000000.01' }))).toEqual({ threshold: 'thresholdRange' });
  });

  it('asks a percent coupon for 1..99 per cent and an optional cap in yuan', () => {
    const percent = (patch: Partial<CouponFormValues>) => filled({ kind: 'percent', threshold: '', ...patch });
    expect(errorsOf(percent({ percentOff: '' }))).toEqual({ percentOff: 'required' });
    expect(errorsOf(percent({ percentOff: '0' }))).toEqual({ percentOff: 'percentRange' });
    expect(errorsOf(percent({ percentOff: '100' }))).toEqual({ percentOff: 'percentRange' });
    expect(errorsOf(percent({ percentOff: '12.5' }))).toEqual({ percentOff: 'percentRange' });
    expect(errorsOf(percent({ percentOff: '1' }))).toEqual({});
    expect(errorsOf(percent({ percentOff: '99', maxOff: '0' }))).toEqual({ maxOff: 'priceRange' });
  });

  it('checks the scope id, the counts, the window and the minutes after claim', () => {
    expect(errorsOf(filled({ scopeType: 'item', scopeId: '  ' }))).toEqual({ scopeId: 'required' });
    expect(errorsOf(filled({ scopeType: 'merchant', scopeId: 'm'.repeat(101) }))).toEqual({ scopeId: 'tooLong' });
    expect(errorsOf(filled({ scopeId: 'ignored when storewide' }))).toEqual({});
    expect(errorsOf(filled({ totalQuantity: '' }))).toEqual({ totalQuantity: 'required' });
    expect(errorsOf(filled({ totalQuantity: '10000001' }))).toEqual({ totalQuantity: 'quantityRange' });
    expect(errorsOf(filled({ totalQuantity: '10000000' }))).toEqual({});
    expect(errorsOf(filled({ perUserLimit: '101' }))).toEqual({ perUserLimit: 'perShopperRange' });
    expect(errorsOf(filled({ perUserLimit: '0' }))).toEqual({ perUserLimit: 'perShopperRange' });
    expect(errorsOf(filled({ validTo: filled().validFrom }))).toEqual({ validTo: 'endBeforeStart' });
    expect(errorsOf(filled({ validFrom: '', validTo: 'soon' }))).toEqual({ validFrom: 'required', validTo: 'badTime' });
    expect(errorsOf(filled({ validMinutes: '0' }))).toEqual({ validMinutes: 'validMinutesRange' });
    expect(errorsOf(filled({ validMinutes: '10081' }))).toEqual({ validMinutes: 'validMinutesRange' });
    expect(errorsOf(filled({ validMinutes: '10080' }))).toEqual({});
    expect(errorsOf(filled({ name: '   ' }))).toEqual({ name: 'required' });
    expect(errorsOf(filled({ name: 'x'.repeat(201) }))).toEqual({ name: 'tooLong' });
  });

  it('shows every mistake at once', () => {
    expect(Object.keys(errorsOf({ ...emptyCouponForm(now), perUserLimit: '' })).sort()).toEqual(['amountOff', 'name', 'perUserLimit', 'totalQuantity']);
  });
});

describe('a coupon in words', () => {
  const coupon = { kind: 'amount' as const, amountOff: 5000, percentOff: null, maxOff: null, threshold: 30000, firstOrderOnly: false };

  it('says 满X减Y, N折 最高减Z, 无门槛 and 首单 in Chinese', () => {
    expect(couponOffWords(coupon, 'zh-CN')).toEqual(['满300减50']);
    expect(couponOffWords({ ...coupon, threshold: 0, amountOff: 1000, firstOrderOnly: true }, 'zh-CN')).toEqual(['立减10', '无门槛', '首单']);
    const percent = { ...coupon, kind: 'percent' as const, amountOff: null, percentOff: 20, maxOff: 2000, threshold: 0 };
    expect(couponOffWords(percent, 'zh-CN')).toEqual(['8折 最高减20', '无门槛']);
    expect(couponOffWords({ ...percent, maxOff: null, percentOff: 15, threshold: 9950 }, 'zh-CN')).toEqual(['满99.5享8.5折']);
  });

  it('says the same in English', () => {
    expect(couponOffWords(coupon, 'en')).toEqual(['¥50 off orders of ¥300+']);
    const percent = { ...coupon, kind: 'percent' as const, amountOff: null, percentOff: 20, maxOff: 2000, threshold: 0, firstOrderOnly: true };
    expect(couponOffWords(percent, 'en')).toEqual(['20% off, at most ¥20', 'No minimum spend', 'First order']);
  });

  it('writes yuan short and 折 exactly', () => {
    expect(shortYuan(30000)).toBe('300');
    expect(shortYuan(4950)).toBe('49.5');
    expect(shortYuan(5)).toBe('0.05');
    expect(shortYuan(123456700)).toBe('1,234,567');
    expect([20, 15, 10, 1, 99].map(zhe)).toEqual(['8', '8.5', '9', '9.9', '0.1']);
  });

  it('names the scope', () => {
    expect(couponScopeWords({ type: 'all' }, 'zh-CN')).toBe('全场通用');
    expect(couponScopeWords({ type: 'category', id: 'books' }, 'zh-CN')).toBe('品类 books');
    expect(couponScopeWords({ type: 'item', id: '42' }, 'en')).toBe('Item 42');
  });

  it('knows where a coupon stands', () => {
    const window = { validFrom: new Date(1000).toISOString(), validTo: new Date(2000).toISOString(), claimed: 0, totalQuantity: 5 };
    expect(couponState(window, 500)).toBe('upcoming');
    expect(couponState(window, 1000)).toBe('claimable');
    expect(couponState({ ...window, claimed: 5 }, 1500)).toBe('gone');
    expect(couponState({ ...window, claimed: 5 }, 2000)).toBe('ended');
  });
});
