import { describe, expect, it } from 'vitest';
import { type PricedCart, priceCart } from '../../../src/domain/pricing/index.js';
import { amountOff, firstOrderOff, line, memberDiscount, percentOff, shopper, spendReduction, yuan } from './fixtures.js';

const appliedIds = (priced: PricedCart) => priced.applied.map((a) => a.offerId);
const reasonOf = (priced: PricedCart, id: string) => priced.skipped.find((s) => s.offerId === id)?.reason;
const lineTotal = (priced: PricedCart, id: string) => priced.lines.find((l) => l.lineId === id)?.total;

describe('spend reductions (满减)', () => {
  const tiers = spendReduction('full-reduction', [
    [300, 50],
    [600, 150],
  ]);

  it('applies the best tier the cart reaches', () => {
    const at350 = priceCart({ lines: [line('a', { unitPrice: yuan(350) })], shopper: shopper(), offers: [tiers] });
    expect(at350.total).toBe(yuan(300));
    expect(at350.applied[0]).toMatchObject({ offerId: 'full-reduction', amount: yuan(50), tier: { threshold: yuan(300) } });

    const at650 = priceCart({ lines: [line('a', { unitPrice: yuan(650) })], shopper: shopper(), offers: [tiers] });
    expect(at650.total).toBe(yuan(500));
    expect(at650.applied[0].tier).toEqual({ threshold: yuan(600), off: yuan(150) });
  });

  it('gives nothing below the lowest tier, and says why', () => {
    const priced = priceCart({ lines: [line('a', { unitPrice: yuan(299.99) })], shopper: shopper(), offers: [tiers] });
    expect(priced.total).toBe(yuan(299.99));
    expect(priced.applied).toEqual([]);
    expect(reasonOf(priced, 'full-reduction')).toBe('threshold-not-met');
  });

  it('counts the whole cart across stores, or one merchant only', () => {
    const lines = [line('a', { merchantId: 'm1', unitPrice: yuan(200) }), line('b', { merchantId: 'm2', unitPrice: yuan(200) })];
    const crossStore = spendReduction('cross-store', [[300, 50]], { stacking: { group: 'platform' } });
    // The store's own reduction applies before the platform's.
    const storeM1 = spendReduction('store-m1', [[300, 40]], { priority: 15, scope: { kind: 'merchant', merchantId: 'm1' } });

    const priced = priceCart({ lines, shopper: shopper(), offers: [crossStore, storeM1] });
    expect(appliedIds(priced)).toEqual(['cross-store']);
    expect(reasonOf(priced, 'store-m1')).toBe('threshold-not-met'); // m1 alone is 200
    expect(priced.total).toBe(yuan(350));
    // Split in proportion to the two lines: 25 each.
    expect(priced.lines.map((l) => l.discounts)).toEqual([
      [{ offerId: 'cross-store', amount: yuan(25) }],
      [{ offerId: 'cross-store', amount: yuan(25) }],
    ]);

    const bigger = [line('a', { merchantId: 'm1', unitPrice: yuan(350) }), line('b', { merchantId: 'm2', unitPrice: yuan(50) })];
    const both = priceCart({ lines: bigger, shopper: shopper(), offers: [crossStore, storeM1] });
    // m1 reaches its own tier (350), and after it the cart (360) still reaches the cross-store one.
    expect(appliedIds(both)).toEqual(['store-m1', 'cross-store']);
    expect(both.applied[1].base).toBe(yuan(360));
    expect(both.total).toBe(yuan(310));
  });
});

describe('thresholds re-tested after earlier discounts', () => {
  const gold = shopper({ tier: 'gold' });
  const member = memberDiscount('gold-95', { gold: 950, vip: 900 });
  const reduction = spendReduction('600-off-100', [[600, 100]]);

  it('loses a spend reduction the member price drops below its threshold, and picks the better of the two', () => {
    const lines = [line('a', { unitPrice: yuan(600) })];
    // 95折 first: 570, below 600, so the reduction would give nothing; the reduction alone gives 500.
    const priced = priceCart({ lines, shopper: gold, offers: [member, reduction] });
    expect(appliedIds(priced)).toEqual(['600-off-100']);
    expect(priced.total).toBe(yuan(500));
    expect(reasonOf(priced, 'gold-95')).toBe('not-chosen');

    // Without the reduction the member price is all there is.
    expect(priceCart({ lines, shopper: gold, offers: [member] }).total).toBe(yuan(570));
  });

  it('stacks both when the threshold survives the member price', () => {
    const priced = priceCart({ lines: [line('a', { unitPrice: yuan(700) })], shopper: gold, offers: [member, reduction] });
    expect(appliedIds(priced)).toEqual(['gold-95', '600-off-100']);
    expect(priced.applied[1].base).toBe(yuan(665));
    expect(priced.total).toBe(yuan(565));
  });

  it('gives the member price only to the tiers that have one', () => {
    const priced = priceCart({ lines: [line('a', { unitPrice: yuan(700) })], shopper: shopper({ tier: 'silver' }), offers: [member] });
    expect(priced.total).toBe(yuan(700));
    expect(reasonOf(priced, 'gold-95')).toBe('not-eligible');
  });
});

describe('stacking', () => {
  const lines = [line('a', { unitPrice: yuan(500) })];

  it('applies an exclusive offer alone when it is the best price', () => {
    const clearance = percentOff('clearance-7', 700, { source: 'promotion', stacking: { exclusive: true } });
    const reduction = spendReduction('300-off-50', [[300, 50]]);
    const coupon = amountOff('coupon-20', 20);
    const priced = priceCart({ lines, shopper: shopper(), offers: [reduction, coupon, clearance] });
    expect(appliedIds(priced)).toEqual(['clearance-7']);
    expect(priced.total).toBe(yuan(350));
    expect(reasonOf(priced, '300-off-50')).toBe('not-chosen');
    expect(reasonOf(priced, 'coupon-20')).toBe('not-chosen');
  });

  it('leaves an exclusive offer out when the stack beats it', () => {
    const exclusive = amountOff('exclusive-60', 60, { stacking: { exclusive: true } });
    const reduction = spendReduction('300-off-50', [[300, 50]]);
    const coupon = amountOff('coupon-20', 20);
    const priced = priceCart({ lines, shopper: shopper(), offers: [exclusive, reduction, coupon] });
    expect(appliedIds(priced)).toEqual(['300-off-50', 'coupon-20']);
    expect(priced.total).toBe(yuan(430));
    expect(reasonOf(priced, 'exclusive-60')).toBe('not-chosen');
  });

  it('applies at most one offer of a group: the one worth most', () => {
    const small = amountOff('platform-10', 10, { stacking: { group: 'platform-coupon' } });
    const big = amountOff('platform-30', 30, { stacking: { group: 'platform-coupon' }, minSpend: 400 });
    const store = amountOff('store-5', 5, { stacking: { group: 'store-coupon' } });
    const priced = priceCart({ lines, shopper: shopper(), offers: [small, big, store] });
    expect(appliedIds(priced).sort()).toEqual(['platform-30', 'store-5']);
    expect(priced.total).toBe(yuan(465));
    expect(reasonOf(priced, 'platform-10')).toBe('not-chosen');
  });

  it('breaks a tie on price by fewer offers, then by id', () => {
    const a = amountOff('b-coupon', 30, { stacking: { exclusive: true } });
    const b = amountOff('a-coupon', 30, { stacking: { exclusive: true } });
    const c1 = amountOff('c1', 10);
    const c2 = amountOff('c2', 20);
    const priced = priceCart({ lines, shopper: shopper(), offers: [c1, c2, a, b] });
    expect(appliedIds(priced)).toEqual(['a-coupon']);
  });
});

describe('coupons', () => {
  it('takes a first-order coupon only on a first order', () => {
    const lines = [line('a', { unitPrice: yuan(80) })];
    const welcome = firstOrderOff('welcome-15', 15);
    expect(priceCart({ lines, shopper: shopper({ firstOrder: true }), offers: [welcome] }).total).toBe(yuan(65));
    const later = priceCart({ lines, shopper: shopper({ firstOrder: false }), offers: [welcome] });
    expect(later.total).toBe(yuan(80));
    expect(reasonOf(later, 'welcome-15')).toBe('not-eligible');
  });

  it('keeps coupons off a flash-sale line unless the line allows them', () => {
    const flash = line('flash', { unitPrice: yuan(1), flashSale: true });
    const normal = line('normal', { unitPrice: yuan(300) });
    const coupon = amountOff('300-off-40', 40, { minSpend: 300 });
    const priced = priceCart({ lines: [flash, normal], shopper: shopper(), offers: [coupon] });
    // The threshold counts the 300 of the normal line only, and the discount lands there only.
    expect(priced.applied[0]).toMatchObject({ offerId: '300-off-40', base: yuan(300) });
    expect(lineTotal(priced, 'flash')).toBe(yuan(1));
    expect(lineTotal(priced, 'normal')).toBe(yuan(260));

    const alone = priceCart({ lines: [flash], shopper: shopper(), offers: [amountOff('no-threshold-5', 5)] });
    expect(reasonOf(alone, 'no-threshold-5')).toBe('out-of-scope');
    const allowed = priceCart({
      lines: [line('flash', { unitPrice: yuan(10), flashSale: true, couponsAllowed: true })],
      shopper: shopper(),
      offers: [amountOff('no-threshold-5', 5)],
    });
    expect(allowed.total).toBe(yuan(5));
  });

  it('caps a percentage coupon', () => {
    const lines = [line('a', { unitPrice: yuan(500) })];
    const capped = percentOff('8-zhe-cap-30', 800, { cap: 30 });
    expect(priceCart({ lines, shopper: shopper(), offers: [capped] }).total).toBe(yuan(470));
    expect(priceCart({ lines, shopper: shopper(), offers: [percentOff('8-zhe', 800)] }).total).toBe(yuan(400));
  });

  it('scopes a coupon to a category', () => {
    const lines = [line('phone', { categoryId: 'phones', unitPrice: yuan(200) }), line('tea', { categoryId: 'food', unitPrice: yuan(50) })];
    const priced = priceCart({ lines, shopper: shopper(), offers: [amountOff('phones-20', 20, { scope: { kind: 'category', categoryId: 'phones' } })] });
    expect(lineTotal(priced, 'phone')).toBe(yuan(180));
    expect(lineTotal(priced, 'tea')).toBe(yuan(50));
  });
});

describe('floors (最低成交价) and splitting', () => {
  it('holds every floor against a big coupon, which shrinks to what is left', () => {
    const lines = [
      line('a', { unitPrice: yuan(100), floorPrice: yuan(90) }),
      line('b', { unitPrice: yuan(50), floorPrice: yuan(10) }),
    ];
    const priced = priceCart({ lines, shopper: shopper(), offers: [amountOff('big-100', 100)] });
    expect(priced.total).toBe(yuan(100));
    expect(priced.lines.map((l) => l.total)).toEqual([yuan(90), yuan(10)]);
    expect(priced.applied[0]).toMatchObject({ amount: yuan(50), limitedByFloor: true });
  });

  it('moves what a floor blocks to lines with room', () => {
    const lines = [
      line('a', { unitPrice: yuan(100), floorPrice: yuan(90) }),
      line('b', { unitPrice: yuan(50), floorPrice: yuan(10) }),
    ];
    // In proportion a would give 20 and b 10; a can give only 10, so b gives the other 20.
    const priced = priceCart({ lines, shopper: shopper(), offers: [amountOff('coupon-30', 30)] });
    expect(priced.lines.map((l) => l.total)).toEqual([yuan(90), yuan(30)]);
    expect(priced.applied[0].limitedByFloor).toBe(false);
  });

  it('counts floors per unit times quantity', () => {
    const lines = [line('a', { unitPrice: yuan(100), floorPrice: yuan(80), quantity: 3 })];
    expect(priceCart({ lines, shopper: shopper(), offers: [amountOff('c', 100)] }).total).toBe(yuan(240));
  });

  it('splits the cents exactly, the largest remainders first', () => {
    const lines = [line('a', { unitPrice: 1000 }), line('b', { unitPrice: 1000 }), line('c', { unitPrice: 1000 })];
    const priced = priceCart({ lines, shopper: shopper(), offers: [{ ...amountOff('c100', 0), off: 100 }] });
    expect(priced.lines.map((l) => l.discounts[0].amount)).toEqual([34, 33, 33]);
  });

  it('rounds a percentage down to the cent', () => {
    const priced = priceCart({ lines: [line('a', { unitPrice: 999 })], shopper: shopper({ tier: 'gold' }), offers: [memberDiscount('m', { gold: 950 })] });
    expect(priced.discountTotal).toBe(49); // 5% of 9.99 is 49.95 cents
    expect(priced.total).toBe(950);
  });
});

describe('input', () => {
  it('prices an empty cart at zero', () => {
    const priced = priceCart({ lines: [], shopper: shopper(), offers: [amountOff('c', 5)] });
    expect(priced).toMatchObject({ total: 0, listTotal: 0, discountTotal: 0, applied: [] });
  });

  it('refuses a floor above the price, fractional cents and duplicate offer ids', () => {
    expect(() => priceCart({ lines: [line('a', { floorPrice: yuan(101) })], shopper: shopper(), offers: [] })).toThrow(RangeError);
    expect(() => priceCart({ lines: [line('a', { unitPrice: 10.5 })], shopper: shopper(), offers: [] })).toThrow(RangeError);
    expect(() => priceCart({ lines: [line('a')], shopper: shopper(), offers: [amountOff('c', 1), amountOff('c', 2)] })).toThrow(RangeError);
    expect(() => priceCart({ lines: [line('a')], shopper: shopper(), offers: [percentOff('p', 1200)] })).toThrow(RangeError);
  });
});
