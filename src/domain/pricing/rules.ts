import type { PricingShopper, Offer, SpendTier } from './types.js';

const wholeCents = (n: unknown): boolean => Number.isSafeInteger(n) && (n as number) >= 0;
const permille = (n: unknown): boolean => wholeCents(n) && (n as number) <= 1000;

/** Throws on an offer no rule can price: money and rates must be whole, non-negative, rates ≤ 1000‰. */
export function checkOffer(offer: Offer): void {
  const bad = (what: string): never => {
    throw new RangeError(`offer ${offer.id}: ${what}`);
  };
  if (!Number.isFinite(offer.priority)) bad('priority must be a number');
  switch (offer.kind) {
    case 'spend-reduction':
      if (offer.tiers.length === 0) bad('a spend reduction needs at least one tier');
      for (const t of offer.tiers) if (!wholeCents(t.threshold) || !wholeCents(t.off)) bad('tiers are whole cents');
      break;
    case 'member-discount':
      for (const rate of Object.values(offer.payPermille)) if (!permille(rate)) bad('payPermille is 0–1000');
      break;
    case 'percent-off':
      if (!permille(offer.payPermille)) bad('payPermille is 0–1000');
      if (offer.cap !== undefined && !wholeCents(offer.cap)) bad('cap is whole cents');
      if (offer.minSpend !== undefined && !wholeCents(offer.minSpend)) bad('minSpend is whole cents');
      break;
    case 'amount-off':
    case 'first-order':
      if (!wholeCents(offer.off)) bad('off is whole cents');
      if (offer.minSpend !== undefined && !wholeCents(offer.minSpend)) bad('minSpend is whole cents');
      break;
  }
}

/** Whether the offer is for this shopper at all, whatever the cart. */
export function isForShopper(offer: Offer, shopper: PricingShopper): boolean {
  if (offer.kind === 'first-order') return shopper.firstOrder;
  if (offer.kind === 'member-discount') {
    const rate = offer.payPermille[shopper.tier];
    return rate !== undefined && rate < 1000;
  }
  return true;
}

/** The least running subtotal at which the offer gives anything. */
export function thresholdOf(offer: Offer): number {
  if (offer.kind === 'spend-reduction') return Math.min(...offer.tiers.map((t) => t.threshold));
  if (offer.kind === 'member-discount') return 0;
  return offer.minSpend ?? 0;
}

/** The best tier a subtotal reaches: the largest reduction among those whose threshold it meets (Saleor's rule). */
export function reachedTier(tiers: readonly SpendTier[], subtotal: number): SpendTier | undefined {
  let best: SpendTier | undefined;
  for (const t of tiers) {
    if (t.threshold <= subtotal && (best === undefined || t.off > best.off || (t.off === best.off && t.threshold < best.threshold))) {
      best = t;
    }
  }
  return best;
}

/** The part of `subtotal` a rate of `payPermille`‰ takes off, rounded down to the cent. */
function offAtRate(subtotal: number, payPermille: number): number {
  return Math.floor((subtotal * (1000 - payPermille)) / 1000);
}

/**
 * What the offer asks to take off a scope whose running subtotal is `subtotal`, before floors: 0 when
 * its threshold is not met there. Never more than the subtotal. It only grows with the subtotal, which
 * is what lets the search bound an offer by its value at list prices.
 */
export function askedDiscount(offer: Offer, subtotal: number, shopper: PricingShopper): number {
  let off: number;
  switch (offer.kind) {
    case 'spend-reduction':
      off = reachedTier(offer.tiers, subtotal)?.off ?? 0;
      break;
    case 'member-discount': {
      const rate = offer.payPermille[shopper.tier];
      off = rate === undefined ? 0 : offAtRate(subtotal, rate);
      break;
    }
    case 'percent-off':
      if (subtotal < (offer.minSpend ?? 0)) return 0;
      off = offAtRate(subtotal, offer.payPermille);
      if (offer.cap !== undefined && off > offer.cap) off = offer.cap;
      break;
    case 'amount-off':
    case 'first-order':
      if (subtotal < (offer.minSpend ?? 0)) return 0;
      if (offer.kind === 'first-order' && !shopper.firstOrder) return 0;
      off = offer.off;
      break;
  }
  return off < subtotal ? off : subtotal;
}
