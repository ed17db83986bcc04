import { describe, expect, it } from 'vitest';
import { exchangeOfferInput } from '../../../../src/http/routes/exchangeSchemas';
import { checkExchangeOffer, emptyExchangeForm } from '../../../../web/src/console/exchange/exchangeRules';

describe('the exchange offer form', () => {
  it('turns the form into the body the server takes', () => {
    const checked = checkExchangeOffer({ ...emptyExchangeForm(), templateId: ' 12 ', currency: 'points', price: '300', perUserLimit: '2' });
    expect(checked).toEqual({ ok: true, body: { templateId: '12', currency: 'points', price: 300, perUserLimit: 2 } });
    expect(exchangeOfferInput.safeParse((checked as { body: unknown }).body).success).toBe(true);
  });

  it('names each mistake by its field, in the ranges the server keeps', () => {
    expect(checkExchangeOffer(emptyExchangeForm())).toEqual({ ok: false, errors: { templateId: 'required', price: 'required' } });
    expect(checkExchangeOffer({ ...emptyExchangeForm(), templateId: 'x1', price: '0', perUserLimit: '101' })).toEqual({
      ok: false,
      errors: { templateId: 'badId', price: 'badPrice', perUserLimit: 'badLimit' },
    });
    expect(checkExchangeOffer({ ...emptyExchangeForm(), templateId: '3', price: '1.5' })).toEqual({ ok: false, errors: { price: 'badPrice' } });
  });

  it('offers goods: a name and a quantity instead of a coupon', () => {
    const checked = checkExchangeOffer({ ...emptyExchangeForm(), kind: 'goods', templateId: 'ignored', goodsName: ' 定制保温杯 ', quantity: '5', price: '800' });
    expect(checked).toEqual({ ok: true, body: { kind: 'goods', goodsName: '定制保温杯', quantity: 5, currency: 'energy', price: 800, perUserLimit: 1 } });
    expect(exchangeOfferInput.safeParse((checked as { body: unknown }).body).success).toBe(true);
    expect(checkExchangeOffer({ ...emptyExchangeForm(), kind: 'goods', price: '1' })).toEqual({ ok: false, errors: { goodsName: 'required', quantity: 'required' } });
    expect(checkExchangeOffer({ ...emptyExchangeForm(), kind: 'goods', goodsName: '杯'.repeat(61), quantity: '0', price: '1' })).toEqual({
      ok: false,
      errors: { goodsName: 'badName', quantity: 'badQuantity' },
    });
  });
});
