import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { translate } from '../../../../web/src/i18n/locale';
import { CouponCard } from '../../../../web/src/shop/coupons/CouponCard';
import { couponWords, fold, yuan } from '../../../../web/src/shop/coupons/couponWords';
import { couponMessages } from '../../../../web/src/shop/coupons/messages';
import { renderPage } from '../../render';
import { template } from './fixtures';

const zh = translate(couponMessages, 'zh-CN');
const en = translate(couponMessages, 'en');

describe('what a coupon takes off, in words', () => {
  it('says 满300减50 / ¥50 off orders over ¥300', () => {
    const coupon = template();
    expect(couponWords(zh, 'zh-CN', coupon)).toEqual({ figure: '¥50', headline: '满300减50', minimum: '满300可用', scope: '全场通用', cap: '每人限领 1 张' });
    expect(couponWords(en, 'en', coupon)).toEqual({
      figure: '¥50',
      headline: '¥50 off orders over ¥300',
      minimum: 'Over ¥300',
      scope: 'Any item',
      cap: 'Limit 1 per shopper',
    });
  });

  it('says 8折 最高减20 / 20% off, up to ¥20 off', () => {
    const coupon = template({ kind: 'percent', amountOff: null, percentOff: 20, maxOff: 2_000, threshold: 0, perUserLimit: 3 });
    expect(couponWords(zh, 'zh-CN', coupon)).toMatchObject({ figure: '8折', headline: '8折 最高减20', minimum: '无门槛', cap: '每人限领 3 张' });
    expect(couponWords(en, 'en', coupon)).toMatchObject({ figure: '20%', headline: '20% off, up to ¥20 off', minimum: 'No minimum', cap: 'Limit 3 per shopper' });
  });

  it('says 无门槛减5 / ¥5 off, no minimum spend', () => {
    const coupon = template({ amountOff: 500, threshold: 0 });
    expect(couponWords(zh, 'zh-CN', coupon).headline).toBe('无门槛减5');
    expect(couponWords(en, 'en', coupon).headline).toBe('¥5 off, no minimum spend');
  });

  it('says 首单立减 for a first-order coupon', () => {
    expect(couponWords(zh, 'zh-CN', template({ amountOff: 1_000, threshold: 0, firstOrderOnly: true })).headline).toBe('首单立减10');
    expect(couponWords(en, 'en', template({ amountOff: 1_000, threshold: 0, firstOrderOnly: true })).headline).toBe('¥10 off your first order');
    expect(couponWords(zh, 'zh-CN', template({ firstOrderOnly: true })).headline).toBe('首单满300减50');
    const percent = template({ kind: 'percent', amountOff: null, percentOff: 15, threshold: 10_000, firstOrderOnly: true });
    expect(couponWords(zh, 'zh-CN', percent).headline).toBe('首单满100享8.5折');
    expect(couponWords(en, 'en', percent).headline).toBe('15% off a first order over ¥100');
  });

  it('says where it applies', () => {
    expect(couponWords(zh, 'zh-CN', template({ scope: { type: 'category', id: '数码' } })).scope).toBe('限品类 数码 使用');
    expect(couponWords(en, 'en', template({ scope: { type: 'merchant', id: 'acme' } })).scope).toBe('Store acme only');
    expect(couponWords(zh, 'zh-CN', template({ scope: { type: 'item', id: '11' } })).scope).toBe('限指定商品使用');
  });

  it('writes yuan the way a shopper says them', () => {
    expect(yuan(30_000, 'zh-CN')).toBe('300');
    expect(yuan(1_990, 'zh-CN')).toBe('19.9');
    expect(yuan(1_999, 'en')).toBe('¥19.99');
    expect(fold(20)).toBe('8');
    expect(fold(5)).toBe('9.5');
    expect(fold(12)).toBe('8.8');
  });

  it('shows the words on a coupon card in both languages', () => {
    const coupon = template({ kind: 'percent', amountOff: null, percentOff: 20, maxOff: 2_000, threshold: 0 });
    const a = renderPage(<CouponCard coupon={coupon} state="claim" held={0} onClaim={() => {}} />);
    expect(screen.getByText('8折 最高减20')).toBeTruthy();
    expect(screen.getByText('剩 88/100 张')).toBeTruthy();
    expect(screen.getByText(/全场通用 · 每人限领 1 张/)).toBeTruthy();
    a.unmount();
    renderPage(<CouponCard coupon={coupon} state="claim" held={0} onClaim={() => {}} />, { locale: 'en' });
    expect(screen.getByText('20% off, up to ¥20 off')).toBeTruthy();
    expect(screen.getByText('88 of 100 left')).toBeTruthy();
    expect(screen.getByText(/Valid until/)).toBeTruthy();
  });
});
