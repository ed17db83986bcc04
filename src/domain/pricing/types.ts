import type { MemberTier } from '../shopper.js';

/**
 * The pricing engine's contract. Money is integer cents everywhere; rates are per mille so that
 * 95折 is exactly 950 and no float ever reaches a price.
 */

/** One line of a cart: an item of one merchant, at the price it sells for now. */
export interface CartLine {
  lineId: string;
  itemId: string;
  merchantId: string;
  categoryId: string;
  unitPrice: number; // cents
  quantity: number; // whole units, ≥ 1
  /** 最低成交价: the least one unit may sell for after every discount; 0 ≤ floorPrice ≤ unitPrice. */
  floorPrice: number; // cents
  flashSale: boolean;
  /** A flash-sale line takes no coupon unless its merchant allows it here. */
  couponsAllowed: boolean;
}

/** What pricing needs to know of a shopper. */
export interface PricingShopper {
  tier: MemberTier;
  /** No paid order yet: 首单 coupons apply. */
  firstOrder: boolean;
}

/** Which lines an offer reaches. `cart` crosses stores (跨店). */
export type OfferScope =
  | { kind: 'cart' }
  | { kind: 'merchant'; merchantId: string }
  | { kind: 'category'; categoryId: string }
  | { kind: 'items'; itemIds: string[] };

/**
 * At most one offer of a group applies to a cart; an exclusive offer applies alone.
 * Give an offer a group of its own to let it stack with everything not exclusive.
 */
export interface Stacking {
  group: string;
  exclusive: boolean;
}

/** A promotion the operator or a merchant runs, or a coupon from the shopper's wallet. */
export type OfferSource = 'promotion' | 'coupon';

interface OfferCommon {
  id: string;
  /** Shown as is in the explanation, e.g. "满300减50". */
  label: string;
  source: OfferSource;
  /** Offers apply in ascending priority (ties by id); each sees the prices the earlier ones left. */
  priority: number;
  stacking: Stacking;
  scope: OfferScope;
}

/** One step of a spend reduction: spend at least `threshold` in scope, get `off` off. */
export interface SpendTier {
  threshold: number; // cents
  off: number; // cents
}

/** 满减: the best tier the scope's running subtotal reaches applies (满300减50 / 满600减150). */
export interface SpendReduction extends OfferCommon {
  kind: 'spend-reduction';
  tiers: SpendTier[];
}

/** 会员折扣: the share of the price a tier pays, per mille (gold: 950 is 95折). Tiers not listed get nothing. */
export interface MemberDiscount extends OfferCommon {
  kind: 'member-discount';
  payPermille: Partial<Record<MemberTier, number>>;
}

/** 折扣: pay `payPermille`‰ of the scope's subtotal (900 is 9折), at most `cap` off, from `minSpend` up. */
export interface PercentOff extends OfferCommon {
  kind: 'percent-off';
  payPermille: number;
  cap?: number; // cents
  minSpend?: number; // cents
}

/** 立减 / 满X减Y coupon: a fixed amount off, from `minSpend` up (none: a no-threshold coupon). */
export interface AmountOff extends OfferCommon {
  kind: 'amount-off';
  off: number; // cents
  minSpend?: number; // cents
}

/** 首单立减: a fixed amount off the shopper's first order only. */
export interface FirstOrderOff extends OfferCommon {
  kind: 'first-order';
  off: number; // cents
  minSpend?: number; // cents
}

export type Offer = SpendReduction | MemberDiscount | PercentOff | AmountOff | FirstOrderOff;
export type OfferKind = Offer['kind'];

export interface PricingInput {
  lines: CartLine[];
  shopper: PricingShopper;
  /** Every promotion that runs and every coupon the shopper holds; the engine picks among them. */
  offers: Offer[];
}

/** What one offer took off one line. */
export interface LineDiscount {
  offerId: string;
  amount: number; // cents, > 0
}

export interface PricedLine {
  lineId: string;
  listTotal: number; // unitPrice × quantity
  /** In application order; only offers that took something off this line. */
  discounts: LineDiscount[];
  total: number; // listTotal − Σ discounts, never below floorPrice × quantity
}

export interface AppliedOffer {
  offerId: string;
  kind: OfferKind;
  source: OfferSource;
  label: string;
  amount: number; // cents, > 0: the sum of this offer's line discounts
  /** The running subtotal of its scope when its turn came: what its threshold was tested against. */
  base: number;
  /** For a spend reduction, the tier it reached. */
  tier?: SpendTier;
  /** Floors kept part of what the offer would give. */
  limitedByFloor: boolean;
}

/**
 * Why an offer is not in the price:
 * - not-eligible: not for this shopper (a 首单 coupon on a later order, a tier without a member rate);
 * - out-of-scope: no line of the cart is in its scope (a flash-sale line takes no coupon);
 * - threshold-not-met: the cart does not reach its threshold even at list prices;
 * - at-floor: every line in scope is already at its minimum price;
 * - not-chosen: it could apply, but the best price does without it (stacking rules or a better combination).
 */
export type SkipReason = 'not-eligible' | 'out-of-scope' | 'threshold-not-met' | 'at-floor' | 'not-chosen';

export interface SkippedOffer {
  offerId: string;
  kind: OfferKind;
  source: OfferSource;
  label: string;
  reason: SkipReason;
}

/** A priced cart: listTotal − discountTotal = total, and every line and offer adds up to the cent. */
export interface PricedCart {
  lines: PricedLine[];
  /** In application order. */
  applied: AppliedOffer[];
  /** In the order the offers were given. */
  skipped: SkippedOffer[];
  listTotal: number;
  discountTotal: number;
  total: number;
}
