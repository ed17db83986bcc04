import { type Candidate, type PreparedCart, subtotalOf, applyOffer } from './apply.js';
import { askedDiscount, reachedTier } from './rules.js';
import type { AppliedOffer, LineDiscount, Offer, PricedCart, PricingShopper, SkipReason, SkippedOffer } from './types.js';

/**
 * Replays the chosen offers in application order, recording what each took off each line, and says
 * why every other offer is not in the price. Every figure is a sum of the same cents, so the lines,
 * the offers and the totals agree exactly.
 */
export function explain(
  cart: PreparedCart,
  chosen: readonly Candidate[],
  shopper: PricingShopper,
  offers: readonly Offer[],
  reasons: ReadonlyMap<string, SkipReason>,
): PricedCart {
  const n = cart.lines.length;
  const totals = Float64Array.from(cart.listTotals);
  const perLine: LineDiscount[][] = Array.from({ length: n }, () => []);
  const applied: AppliedOffer[] = [];
  const taken = new Float64Array(n);

  for (const c of chosen) {
    const offer = c.offer;
    const base = subtotalOf(c.scope, totals);
    const asked = askedDiscount(offer, base, shopper);
    taken.fill(0);
    const amount = applyOffer(c, totals, cart.floors, shopper, taken);
    for (const i of c.scope) if (taken[i] > 0) perLine[i].push({ offerId: offer.id, amount: taken[i] });
    const entry: AppliedOffer = {
      offerId: offer.id,
      kind: offer.kind,
      source: offer.source,
      label: offer.label,
      amount,
      base,
      limitedByFloor: amount < asked,
    };
    if (offer.kind === 'spend-reduction') entry.tier = reachedTier(offer.tiers, base);
    applied.push(entry);
  }

  const chosenIds = new Set(chosen.map((c) => c.offer.id));
  const skipped: SkippedOffer[] = [];
  for (const offer of offers) {
    if (chosenIds.has(offer.id)) continue;
    const reason = reasons.get(offer.id) ?? 'not-chosen';
    skipped.push({ offerId: offer.id, kind: offer.kind, source: offer.source, label: offer.label, reason });
  }

  let total = 0;
  const lines = cart.lines.map((line, i) => {
    total += totals[i];
    return { lineId: line.lineId, listTotal: cart.listTotals[i], discounts: perLine[i], total: totals[i] };
  });
  return { lines, applied, skipped, listTotal: cart.listTotal, discountTotal: cart.listTotal - total, total };
}
