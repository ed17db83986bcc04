import { allocate } from './allocate.js';
import { askedDiscount } from './rules.js';
import type { CartLine, Offer, PricingShopper } from './types.js';

/** A cart as the engine works on it: list totals and floor totals per line, in cents. */
export interface PreparedCart {
  lines: readonly CartLine[];
  listTotals: Float64Array;
  floors: Float64Array; // floorPrice × quantity
  listTotal: number;
  floorTotal: number;
}

/** An offer that may take part in the price, with what the search needs to know of it. */
export interface Candidate {
  offer: Offer;
  /** Positions of the lines it reaches. */
  scope: number[];
  /** Its stacking group, numbered. */
  group: number;
  exclusive: boolean;
  /** The most it can ever take off this cart: its ask at list prices, within the room above the floors. */
  bound: number;
}

const wholeCents = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

/** Throws on a line no price can be given for; otherwise the cart in the engine's terms. */
export function prepareCart(lines: readonly CartLine[]): PreparedCart {
  const listTotals = new Float64Array(lines.length);
  const floors = new Float64Array(lines.length);
  let listTotal = 0;
  let floorTotal = 0;
  lines.forEach((line, i) => {
    if (!wholeCents(line.unitPrice) || !wholeCents(line.floorPrice) || line.floorPrice > line.unitPrice) {
      throw new RangeError(`line ${line.lineId}: prices are whole cents with 0 ≤ floorPrice ≤ unitPrice`);
    }
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) throw new RangeError(`line ${line.lineId}: quantity must be ≥ 1`);
    listTotals[i] = line.unitPrice * line.quantity;
    floors[i] = line.floorPrice * line.quantity;
    listTotal += listTotals[i];
    floorTotal += floors[i];
  });
  // Rates multiply a subtotal by 1000: keep that exact.
  if (listTotal * 1000 > Number.MAX_SAFE_INTEGER) throw new RangeError('cart total too large to price exactly');
  return { lines, listTotals, floors, listTotal, floorTotal };
}

/** The running subtotal of a scope. */
export function subtotalOf(scope: readonly number[], totals: Float64Array): number {
  let sum = 0;
  for (const i of scope) sum += totals[i];
  return sum;
}

/**
 * Applies one offer to the running line totals (lowered in place): its threshold is tested against
 * its scope's subtotal now, after the offers before it. Returns what it took off; 0 when its threshold
 * is no longer met or its lines are at their floors.
 */
export function applyOffer(
  c: Candidate,
  totals: Float64Array,
  floors: Float64Array,
  shopper: PricingShopper,
  taken?: Float64Array,
): number {
  const asked = askedDiscount(c.offer, subtotalOf(c.scope, totals), shopper);
  return asked > 0 ? allocate(asked, c.scope, totals, floors, taken) : 0;
}
