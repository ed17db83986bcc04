import type { Checked } from '../useCheckedForm';

/** Prices typed in yuan (e.g. 199 or 199.5), sent in cents; null when not a price. */
export function yuanToCents(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(trimmed)) return null;
  const [whole, fraction = ''] = trimmed.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

export interface PriceValues {
  price: string;
  floorPrice: string;
  stock: string;
}

export type PriceErrors = Partial<Record<keyof PriceValues, 'badPrice' | 'floorAbovePrice' | 'badStock'>>;

/** Price, floor price (最低成交价) and stock: a price above 0, 0 ≤ floor ≤ price, stock a whole number. */
export function checkPrices(values: PriceValues): Checked<PriceErrors, { price: number; floorPrice: number; stock: number }> {
  const errors: PriceErrors = {};
  const price = yuanToCents(values.price);
  const floorPrice = values.floorPrice.trim() === '' ? 0 : yuanToCents(values.floorPrice);
  const stock = /^\d{1,7}$/.test(values.stock.trim()) ? Number(values.stock.trim()) : null;
  if (price === null || price === 0) errors.price = 'badPrice';
  if (floorPrice === null) errors.floorPrice = 'badPrice';
  else if (price !== null && floorPrice > price) errors.floorPrice = 'floorAbovePrice';
  if (stock === null) errors.stock = 'badStock';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, body: { price: price!, floorPrice: floorPrice!, stock: stock! } };
}
