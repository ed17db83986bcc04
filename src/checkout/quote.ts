import { couponOfOffer } from '../domain/checkout.js';
import type { OfferKind, OfferSource, PricedCart, SkipReason } from '../domain/pricing/index.js';
import type { CartLine } from './cart.js';

/** One discount on one line, named as the shopper sees it. */
export interface QuoteDiscount {
  offerId: string;
  label: string;
  source: OfferSource;
  amount: number;
}

export interface QuoteLine {
  productId: string;
  merchantId: string;
  merchantName: string;
  category: string;
  title: string;
  unitPrice: number;
  floorPrice: number;
  quantity: number;
  /** Units the product has now; fewer than `quantity` and the cart cannot be ordered as it is. */
  stock: number;
  listTotal: number;
  discounts: QuoteDiscount[];
  total: number;
}

export interface QuoteOffer {
  offerId: string;
  kind: OfferKind;
  source: OfferSource;
  label: string;
  /** The wallet coupon behind a coupon offer. */
  couponId: string | null;
}

/**
 * The best price of a cart with its explanation, line by line: what each offer took off each line,
 * the offers applied, the ones left out and why. Lines add up to the total, to the cent.
 */
export interface Quote {
  lines: QuoteLine[];
  applied: (QuoteOffer & { amount: number; limitedByFloor: boolean })[];
  skipped: (QuoteOffer & { reason: SkipReason })[];
  listTotal: number;
  discountTotal: number;
  total: number;
}

export const emptyQuote: Quote = { lines: [], applied: [], skipped: [], listTotal: 0, discountTotal: 0, total: 0 };

/** The engine's priced cart in the shopper's words: labels beside amounts, the coupon behind each coupon offer. */
export function quoteOf(lines: CartLine[], priced: PricedCart): Quote {
  const labels = new Map<string, { label: string; source: OfferSource }>();
  for (const offer of [...priced.applied, ...priced.skipped]) labels.set(offer.offerId, { label: offer.label, source: offer.source });
  const byLine = new Map(priced.lines.map((line) => [line.lineId, line]));
  return {
    lines: lines.map(({ product, quantity }) => {
      const line = byLine.get(product.id)!;
      return {
        productId: product.id,
        merchantId: product.merchantId,
        merchantName: product.merchantName,
        category: product.category,
        title: product.title,
        unitPrice: product.price,
        floorPrice: product.floorPrice,
        quantity,
        stock: product.stock,
        listTotal: line.listTotal,
        discounts: line.discounts.map((d) => ({ offerId: d.offerId, amount: d.amount, ...labels.get(d.offerId)! })),
        total: line.total,
      };
    }),
    applied: priced.applied.map((a) => ({
      offerId: a.offerId,
      kind: a.kind,
      source: a.source,
      label: a.label,
      couponId: couponOfOffer(a.offerId),
      amount: a.amount,
      limitedByFloor: a.limitedByFloor,
    })),
    skipped: priced.skipped.map((s) => ({ offerId: s.offerId, kind: s.kind, source: s.source, label: s.label, couponId: couponOfOffer(s.offerId), reason: s.reason })),
    listTotal: priced.listTotal,
    discountTotal: priced.discountTotal,
    total: priced.total,
  };
}

/** The coupons a quote uses: only applied ones (a coupon the engine skipped stays in the wallet). */
export function couponsUsed(quote: Quote): string[] {
  return quote.applied.flatMap((offer) => (offer.source === 'coupon' && offer.couponId ? [offer.couponId] : []));
}
