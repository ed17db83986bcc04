import type {
  AmountOff,
  CartLine,
  FirstOrderOff,
  MemberDiscount,
  OfferScope,
  PercentOff,
  PricingShopper,
  SpendReduction,
  Stacking,
} from '../../../src/domain/pricing/index.js';

export const yuan = (y: number): number => Math.round(y * 100);

export const line = (lineId: string, fields: Partial<CartLine> = {}): CartLine => ({
  lineId,
  itemId: `item-${lineId}`,
  merchantId: 'm1',
  categoryId: 'phones',
  unitPrice: yuan(100),
  quantity: 1,
  floorPrice: 0,
  flashSale: false,
  couponsAllowed: false,
  ...fields,
});

export const shopper = (fields: Partial<PricingShopper> = {}): PricingShopper => ({ tier: 'regular', firstOrder: false, ...fields });

interface Common {
  label?: string;
  source?: 'promotion' | 'coupon';
  priority?: number;
  stacking?: Partial<Stacking>;
  scope?: OfferScope;
}

const common = (id: string, defaults: { priority: number; source: 'promotion' | 'coupon' }, o: Common) => ({
  id,
  label: o.label ?? id,
  source: o.source ?? defaults.source,
  priority: o.priority ?? defaults.priority,
  stacking: { group: id, exclusive: false, ...o.stacking },
  scope: o.scope ?? { kind: 'cart' as const },
});

// Usual order: member price first, then spend reductions, then coupons.
export const memberDiscount = (id: string, payPermille: MemberDiscount['payPermille'], o: Common = {}): MemberDiscount => ({
  ...common(id, { priority: 10, source: 'promotion' }, o),
  kind: 'member-discount',
  payPermille,
});

export const spendReduction = (id: string, tiers: [number, number][], o: Common = {}): SpendReduction => ({
  ...common(id, { priority: 20, source: 'promotion' }, o),
  kind: 'spend-reduction',
  tiers: tiers.map(([threshold, off]) => ({ threshold: yuan(threshold), off: yuan(off) })),
});

export const percentOff = (
  id: string,
  payPermille: number,
  o: Common & { cap?: number; minSpend?: number } = {},
): PercentOff => ({
  ...common(id, { priority: 30, source: 'coupon' }, o),
  kind: 'percent-off',
  payPermille,
  ...(o.cap === undefined ? {} : { cap: yuan(o.cap) }),
  ...(o.minSpend === undefined ? {} : { minSpend: yuan(o.minSpend) }),
});

export const amountOff = (id: string, off: number, o: Common & { minSpend?: number } = {}): AmountOff => ({
  ...common(id, { priority: 30, source: 'coupon' }, o),
  kind: 'amount-off',
  off: yuan(off),
  ...(o.minSpend === undefined ? {} : { minSpend: yuan(o.minSpend) }),
});

export const firstOrderOff = (id: string, off: number, o: Common = {}): FirstOrderOff => ({
  ...common(id, { priority: 30, source: 'coupon' }, o),
  kind: 'first-order',
  off: yuan(off),
});
