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
});
