import { type Candidate, prepareCart, subtotalOf } from './apply.js';
import { explain } from './explain.js';
import { askedDiscount, checkOffer, isForShopper, thresholdOf } from './rules.js';
import { linesInScope } from './scope.js';
import { bestCombination } from './search.js';
import type { Offer, PricedCart, PricingInput, SkipReason } from './types.js';

export type * from './types.js';

/** Application order: ascending priority, then id, so equal priorities still apply in a fixed order. */
export function byApplicationOrder(a: Offer, b: Offer): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Prices a cart at the best legal price for the shopper and explains it line by line. Pure: the same
 * input always gives the same output. Throws RangeError on malformed prices, offers or duplicate ids.
 */
export function priceCart(input: PricingInput): PricedCart {
  const { shopper } = input;
  const cart = prepareCart(input.lines);
  const seen = new Set<string>();
  for (const offer of input.offers) {
    checkOffer(offer);
    if (seen.has(offer.id)) throw new RangeError(`offer ${offer.id} given twice`);
    seen.add(offer.id);
  }

  const reasons = new Map<string, SkipReason>();
  const groups = new Map<string, number>();
  const candidates: Candidate[] = [];
  for (const offer of [...input.offers].sort(byApplicationOrder)) {
    const scope = linesInScope(offer, cart.lines);
    const subtotal = subtotalOf(scope, cart.listTotals);
    let room = 0;
    for (const i of scope) room += cart.listTotals[i] - cart.floors[i];
    const reason: SkipReason | undefined = !isForShopper(offer, shopper)
      ? 'not-eligible'
      : scope.length === 0
        ? 'out-of-scope'
        : subtotal < thresholdOf(offer)
          ? 'threshold-not-met'
          : room === 0
            ? 'at-floor'
            : undefined;
    if (reason) {
      reasons.set(offer.id, reason);
      continue;
    }
    let group = groups.get(offer.stacking.group);
    if (group === undefined) groups.set(offer.stacking.group, (group = groups.size));
    const asked = askedDiscount(offer, subtotal, shopper);
    candidates.push({ offer, scope, group, exclusive: offer.stacking.exclusive, bound: asked < room ? asked : room });
  }

  return explain(cart, bestCombination(cart, candidates, shopper), shopper, input.offers, reasons);
}
