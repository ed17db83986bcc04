import { type Candidate, type PreparedCart, applyOffer } from './apply.js';
import type { PricingShopper } from './types.js';

/**
 * The legal combination cheapest for the shopper. Legal: at most one offer per stacking group, and an
 * exclusive offer alone. Ties go to fewer offers, then to the smaller ids (compared sorted), so the
 * same cart always gets the same price and explanation.
 *
 * `candidates` come in application order. Each exclusive offer is tried alone; the others are searched
 * depth first in application order, so each step applies one offer to the prices the earlier steps left
 * (thresholds re-tested as they go), taking an offer before leaving it out so a good price is found
 * early. A branch is cut when even its bound cannot beat the best price found: what it costs now, less,
 * for every group still free, the largest bound of that group's offers still ahead, and never below the
 * floors. An offer's bound is its ask at list prices within the room above the floors; asks only shrink
 * as prices fall, so the bound is never too low and the cut never loses the optimum.
 * Returns the chosen offers in application order, each of which takes something off.
 */
export function bestCombination(cart: PreparedCart, candidates: readonly Candidate[], shopper: PricingShopper): Candidate[] {
  const { floors, floorTotal } = cart;
  let bestTotal = cart.listTotal;
  let best: Candidate[] = [];

  const consider = (total: number, picks: readonly Candidate[]): void => {
    if (total < bestTotal || (total === bestTotal && fewerOrSmaller(picks, best))) {
      bestTotal = total;
      best = picks.slice();
    }
  };

  // Exclusive offers first: they are cheap to try and their prices make the bound bite sooner.
  const alone = new Float64Array(cart.listTotals.length);
  for (const c of candidates) {
    if (!c.exclusive) continue;
    alone.set(cart.listTotals);
    const given = applyOffer(c, alone, floors, shopper);
    if (given > 0) consider(cart.listTotal - given, [c]);
  }

  const stacking = candidates.filter((c) => !c.exclusive);
  const n = stacking.length;
  if (n === 0) return best;
  let groupCount = 0;
  for (const c of stacking) if (c.group >= groupCount) groupCount = c.group + 1;

  // ahead[i·G + g]: the largest bound among the offers of group g at positions ≥ i.
  const ahead = new Float64Array((n + 1) * groupCount);
  for (let i = n - 1; i >= 0; i--) {
    const row = i * groupCount;
    ahead.copyWithin(row, row + groupCount, row + 2 * groupCount);
    const c = stacking[i];
    if (c.bound > ahead[row + c.group]) ahead[row + c.group] = c.bound;
  }

  const levels = Array.from({ length: n + 1 }, () => new Float64Array(cart.listTotals.length));
  const used = new Uint8Array(groupCount);
  const picks: Candidate[] = [];

  const visit = (i: number, totals: Float64Array, total: number): void => {
    if (i === n) {
      consider(total, picks);
      return;
    }
    let reach = 0;
    const row = i * groupCount;
    for (let g = 0; g < groupCount; g++) if (used[g] === 0) reach += ahead[row + g];
    const room = total - floorTotal;
    const least = total - (reach < room ? reach : room);
    // Adding offers never lowers their count, so a tie that already has more offers cannot win.
    if (least > bestTotal || (least === bestTotal && picks.length > best.length)) return;

    const c = stacking[i];
    if (used[c.group] === 0) {
      const next = levels[i + 1];
      next.set(totals);
      const given = applyOffer(c, next, floors, shopper);
      // An offer that takes nothing prices the cart as leaving it out does, and only uses up its group.
      if (given > 0) {
        used[c.group] = 1;
        picks.push(c);
        visit(i + 1, next, total - given);
        picks.pop();
        used[c.group] = 0;
      }
    }
    visit(i + 1, totals, total);
  };
  visit(0, cart.listTotals, cart.listTotal);
  return best;
}

/** Whether combination a wins a tie on price against b: fewer offers, then smaller ids compared sorted. */
export function fewerOrSmaller(a: readonly Candidate[], b: readonly Candidate[]): boolean {
  if (a.length !== b.length) return a.length < b.length;
  const ia = a.map((c) => c.offer.id).sort();
  const ib = b.map((c) => c.offer.id).sort();
  for (let k = 0; k < ia.length; k++) if (ia[k] !== ib[k]) return ia[k] < ib[k];
  return false;
}
