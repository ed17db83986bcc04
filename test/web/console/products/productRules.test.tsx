import { describe, expect, it } from 'vitest';
import { checkPrices, yuanToCents } from '../../../../web/src/console/products/productRules';

describe('product prices typed in yuan', () => {
  it('reads yuan into cents', () => {
    expect(yuanToCents('199')).toBe(19_900);
    expect(yuanToCents('199.5')).toBe(19_950);
    expect(yuanToCents(' 0.01 ')).toBe(1);
    expect(yuanToCents('1.234')).toBeNull();
    expect(yuanToCents('-1')).toBeNull();
    expect(yuanToCents('')).toBeNull();
  });

  it('keeps the floor price (最低成交价) between 0 and the price, and stock whole', () => {
    expect(checkPrices({ price: '199', floorPrice: '159', stock: '20' })).toEqual({ ok: true, body: { price: 19_900, floorPrice: 15_900, stock: 20 } });
    expect(checkPrices({ price: '199', floorPrice: '', stock: '0' })).toEqual({ ok: true, body: { price: 19_900, floorPrice: 0, stock: 0 } });
    expect(checkPrices({ price: '100', floorPrice: '100.01', stock: '1' })).toEqual({ ok: false, errors: { floorPrice: 'floorAbovePrice' } });
    expect(checkPrices({ price: '0', floorPrice: 'x', stock: '1.5' })).toEqual({ ok: false, errors: { price: 'badPrice', floorPrice: 'badPrice', stock: 'badStock' } });
  });
});
