import type { ExchangeOfferInput } from '../../shop/exchange/types';
import { wholeNumber } from '../validation';

export interface ExchangeFormValues {
  templateId: string;
  currency: 'points' | 'energy';
  price: string;
  perUserLimit: string;
}

export type ExchangeField = 'templateId' | 'price' | 'perUserLimit';
export type ExchangeErrorKey = 'required' | 'badId' | 'badPrice' | 'badLimit';
export type ExchangeErrors = Partial<Record<ExchangeField, ExchangeErrorKey>>;

export const emptyExchangeForm = (): ExchangeFormValues => ({ templateId: '', currency: 'energy', price: '', perUserLimit: '1' });

/** The form as typed → the body the server takes (the same ranges as its schema), or the mistakes per field. */
export function checkExchangeOffer(values: ExchangeFormValues): { ok: true; body: ExchangeOfferInput } | { ok: false; errors: ExchangeErrors } {
  const errors: ExchangeErrors = {};
  const templateId = values.templateId.trim();
  if (!/^[1-9]\d{0,17}$/.test(templateId)) errors.templateId = templateId ? 'badId' : 'required';
  const price = wholeNumber(values.price, 1, 1_000_000);
  if (price === null) errors.price = values.price.trim() ? 'badPrice' : 'required';
  const perUserLimit = wholeNumber(values.perUserLimit, 1, 100);
  if (perUserLimit === null) errors.perUserLimit = 'badLimit';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, body: { templateId, currency: values.currency, price: price!, perUserLimit: perUserLimit! } };
}
