import type { ExchangeOfferInput } from '../../shop/exchange/types';
import { wholeNumber } from '../validation';

export interface ExchangeFormValues {
  /** A coupon the platform grants, or goods shipped by hand. */
  kind: 'coupon' | 'goods';
  templateId: string;
  goodsName: string;
  quantity: string;
  currency: 'points' | 'energy';
  price: string;
  perUserLimit: string;
}

export type ExchangeField = 'templateId' | 'goodsName' | 'quantity' | 'price' | 'perUserLimit';
export type ExchangeErrorKey = 'required' | 'badId' | 'badName' | 'badQuantity' | 'badPrice' | 'badLimit';
export type ExchangeErrors = Partial<Record<ExchangeField, ExchangeErrorKey>>;

export const emptyExchangeForm = (): ExchangeFormValues => ({
  kind: 'coupon',
  templateId: '',
  goodsName: '',
  quantity: '',
  currency: 'energy',
  price: '',
  perUserLimit: '1',
});

/** The form as typed → the body the server takes (the same ranges as its schema), or the mistakes per field. */
export function checkExchangeOffer(values: ExchangeFormValues): { ok: true; body: ExchangeOfferInput } | { ok: false; errors: ExchangeErrors } {
  const errors: ExchangeErrors = {};
  const templateId = values.templateId.trim();
  const goodsName = values.goodsName.trim();
  const quantity = wholeNumber(values.quantity, 1, 1_000_000);
  if (values.kind === 'coupon') {
    if (!/^[1-9]\d{0,17}$/.test(templateId)) errors.templateId = templateId ? 'badId' : 'required';
  } else {
    if (!goodsName) errors.goodsName = 'required';
    else if (goodsName.length > 60) errors.goodsName = 'badName';
    if (quantity === null) errors.quantity = values.quantity.trim() ? 'badQuantity' : 'required';
  }
  const price = wholeNumber(values.price, 1, 1_000_000);
  if (price === null) errors.price = values.price.trim() ? 'badPrice' : 'required';
  const perUserLimit = wholeNumber(values.perUserLimit, 1, 100);
  if (perUserLimit === null) errors.perUserLimit = 'badLimit';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const terms = { currency: values.currency, price: price!, perUserLimit: perUserLimit! };
  return values.kind === 'coupon'
    ? { ok: true, body: { templateId, ...terms } }
    : { ok: true, body: { kind: 'goods', goodsName, quantity: quantity!, ...terms } };
}
