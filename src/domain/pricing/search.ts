import { type Candidate, type PreparedCart, applyOffer } from './apply.js';
import { askedDiscount } from './rules.js';
import type { PricingShopper } from './types.js';

/**
 * The legal combination cheapest for the shopper. Legal: at most one offer per stacking group, and an
 * exclusive offer alone. Ties go to fewer offers (no coupon used for nothing), then to the smaller ids
 * compared sorted, so the same cart always gets the same price and explanation.
 *
 * `candidates` come in application order. Each exclusive offer is tried alone. The others are searched
 * depth first in application order, so each step applies one offer to the prices the earlier steps
 * left (thresholds re-tested as they go). A branch is cut when its bound cannot beat the best price
 * found: what it costs now less the most the offers ahead could still take off (see `Bounds`). That
 * most is never an underestimate, so a cut branch never held the optimum: the search is exact.
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

  // Exclusive offers first: they are cheap to try and their prices make the cuts bite sooner.
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
  const bounds = new Bounds(cart, stacking, shopper);
  const used = new Uint8Array(bounds.groupCount);
  const picks: Candidate[] = [];
  // Adding offers never lowers their count, so a tie that already has more offers cannot win.
  const cannotWin = (least: number): boolean => least > bestTotal || (least === bestTotal && picks.length > best.length);

  // Prices after the offers taken so far live in bounds.levels[level]; leaving an offer out keeps the level.
  const visit = (from: number, level: number, total: number): void => {
    // Offers whose group is taken are no decision: pass over them.
    let i = from;
    while (i < n && used[stacking[i].group] !== 0) i++;
    if (i === n) {
      consider(total, picks);
      return;
    }
    const room = total - floorTotal;
    const quick = bounds.fromList(i, used);
    if (cannotWin(total - (quick < room ? quick : room))) return;
    let least = total - bounds.byStore(i, level, used, room);
    if (cannotWin(least)) return;
    least = total - bounds.byLine(level, used, total - least);
    if (cannotWin(least)) return;
    // Only a tie is left: it needs more offers than the best has left to spare, or it cannot win.
    if (least === bestTotal && !bounds.withinOffers(total - bestTotal, best.length - picks.length, used)) return;

    const c = stacking[i];
    // Leave the offer out first when a later one of its group may be worth more, or when only a tie
    // with fewer offers is left to find: either order finds the same optimum, and the sooner a good
    // answer is found the more it cuts.
    const leaveOutFirst = least === bestTotal || bounds.laterInGroup(i) > c.bound;
    if (leaveOutFirst) visit(i + 1, level, total);
    const next = i + 1;
    const given = bounds.apply(c, level, next);
    // An offer that takes nothing prices the cart as leaving it out does, and only uses up its group.
    if (given > 0) {
      used[c.group] = 1;
      picks.push(c);
      visit(i + 1, next, total - given);
      picks.pop();
      used[c.group] = 0;
    }
    if (!leaveOutFirst) visit(i + 1, level, total);
  };
  visit(0, 0, cart.listTotal);
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

/**
 * What the offers ahead can still take off, never underestimated:
 * - each offer at most its ask at its scope's subtotal now (asks only shrink as prices fall), within
 *   its scope's room above the floors now;
 * - one offer per free group, so a group counts its largest;
 * - groups whose offers all sell in one store share that store's room, so a store already at its
 *   floors stops counting; and nothing goes below the cart's floors;
 * - line by line, a line gives at most its room, and only to the groups that reach it (a flash-sale
 *   line's room does not count for coupons).
 * An offer's cap per set of prices is computed once per level and reused down the branch.
 */
class Bounds {
  readonly groupCount: number;
  readonly levels: Float64Array[];
  private readonly cart: PreparedCart;
  private readonly stacking: readonly Candidate[];
  private readonly shopper: PricingShopper;
  /** ahead[i·G + g]: the largest list-price bound of group g's offers at positions ≥ i. */
  private readonly ahead: Float64Array;
  /** capAt[level][j]: offer j's most at that level's prices, valid for j ≥ computedFrom[level]. */
  private readonly capAt: Float64Array[];
  private readonly computedFrom: Int32Array;
  private readonly storeOfLine: Int32Array;
  private readonly storeOfGroup: Int32Array;
  private readonly storeRoomAt: Float64Array[];
  private readonly groupMax: Float64Array;
  private readonly storeReach: Float64Array;
  private readonly picked: Uint8Array;
  /** Offers with the same lines share one scope: its subtotal and room are summed once per level. */
  private readonly scopeOf: Int32Array;
  private readonly scopeSubtotal: Float64Array;
  private readonly scopeRoom: Float64Array;
  private readonly scopeSeen: Uint8Array;
  /** The lines any offer of the group reaches. */
  private readonly linesOfGroup: number[][];
  private readonly lineReach: Float64Array;

  constructor(cart: PreparedCart, stacking: readonly Candidate[], shopper: PricingShopper) {
    this.cart = cart;
    this.stacking = stacking;
    this.shopper = shopper;
    const n = stacking.length;
    let groups = 0;
    for (const c of stacking) if (c.group >= groups) groups = c.group + 1;
    this.groupCount = groups;

    this.ahead = new Float64Array((n + 1) * groups);
    for (let i = n - 1; i >= 0; i--) {
      const row = i * groups;
      this.ahead.copyWithin(row, row + groups, row + 2 * groups);
      const c = stacking[i];
      if (c.bound > this.ahead[row + c.group]) this.ahead[row + c.group] = c.bound;
    }

    const stores = new Map<string, number>();
    this.storeOfLine = Int32Array.from(cart.lines, (l) => {
      let s = stores.get(l.merchantId);
      if (s === undefined) stores.set(l.merchantId, (s = stores.size));
      return s;
    });
    // A group's store, or -1 when its offers reach more than one store (-2: not seen yet).
    this.storeOfGroup = new Int32Array(groups).fill(-2);
    for (const c of stacking) {
      let store = this.storeOfLine[c.scope[0]];
      for (const l of c.scope) if (this.storeOfLine[l] !== store) store = -1;
      const was = this.storeOfGroup[c.group];
      this.storeOfGroup[c.group] = was === -2 || was === store ? store : -1;
    }

    const lineCount = cart.lines.length;
    const reached = Array.from({ length: groups }, () => new Uint8Array(lineCount));
    for (const c of stacking) for (const l of c.scope) reached[c.group][l] = 1;
    this.linesOfGroup = reached.map((lines) => [...lines.keys()].filter((l) => lines[l] === 1));
    this.lineReach = new Float64Array(lineCount);
    this.levels = Array.from({ length: n + 1 }, () => new Float64Array(lineCount));
    this.levels[0].set(cart.listTotals);
    this.capAt = Array.from({ length: n + 1 }, () => new Float64Array(n));
    this.storeRoomAt = Array.from({ length: n + 1 }, () => new Float64Array(stores.size));
    this.computedFrom = new Int32Array(n + 1).fill(n + 1);
    this.groupMax = new Float64Array(groups);
    this.picked = new Uint8Array(groups);
    const scopes = new Map<string, number>();
    this.scopeOf = Int32Array.from(stacking, (c) => {
      const key = c.scope.join(',');
      let k = scopes.get(key);
      if (k === undefined) scopes.set(key, (k = scopes.size));
      return k;
    });
    this.scopeSubtotal = new Float64Array(scopes.size);
    this.scopeRoom = new Float64Array(scopes.size);
    this.scopeSeen = new Uint8Array(scopes.size);
    this.storeReach = new Float64Array(stores.size);
  }

  /** The cheap bound from list prices: the sum of each free group's largest bound ahead. */
  fromList(i: number, used: Uint8Array): number {
    const row = i * this.groupCount;
    let most = 0;
    for (let g = 0; g < this.groupCount; g++) if (used[g] === 0) most += this.ahead[row + g];
    return most;
  }

  /** The largest list-price bound among the later offers of offer i's group. */
  laterInGroup(i: number): number {
    return this.ahead[(i + 1) * this.groupCount + this.stacking[i].group];
  }

  /** Copies the prices of `from` into level `to` and applies the offer there. */
  apply(c: Candidate, from: number, to: number): number {
    const next = this.levels[to];
    next.set(this.levels[from]);
    this.computedFrom[to] = this.stacking.length + 1;
    return applyOffer(c, next, this.cart.floors, this.shopper);
  }

  /** The bound for the offers from position i on at the prices of `level`, store by store; fills groupMax. */
  byStore(i: number, level: number, used: Uint8Array, room: number): number {
    const { stacking, groupMax, storeReach } = this;
    const caps = this.capAt[level];
    const storeRoom = this.storeRoomAt[level];
    if (this.computedFrom[level] > i) this.computeCaps(i, level, used);
    groupMax.fill(0);
    for (let j = i; j < stacking.length; j++) {
      const g = stacking[j].group;
      if (used[g] === 0 && caps[j] > groupMax[g]) groupMax[g] = caps[j];
    }
    storeReach.fill(0);
    let most = 0;
    for (let g = 0; g < this.groupCount; g++) {
      if (used[g] !== 0) continue;
      const store = this.storeOfGroup[g];
      if (store >= 0) storeReach[store] += groupMax[g];
      else most += groupMax[g];
    }
    for (let s = 0; s < storeReach.length; s++) most += storeReach[s] < storeRoom[s] ? storeReach[s] : storeRoom[s];
    return most < room ? most : room;
  }

  /** After byStore, line by line: a line gives at most its room, and only to free groups that reach it. */
  byLine(level: number, used: Uint8Array, most: number): number {
    const { lineReach, linesOfGroup, groupMax } = this;
    const totals = this.levels[level];
    const floors = this.cart.floors;
    lineReach.fill(0);
    for (let g = 0; g < this.groupCount; g++) {
      const m = groupMax[g];
      if (used[g] !== 0 || m === 0) continue;
      for (const l of linesOfGroup[g]) lineReach[l] += m;
    }
    let byLine = 0;
    for (let l = 0; l < totals.length; l++) {
      const lineRoom = totals[l] - floors[l];
      byLine += lineReach[l] < lineRoom ? lineReach[l] : lineRoom;
    }
    return byLine < most ? byLine : most;
  }

  /** After byStore: whether at most `offers` free groups, each at its most, can take `amount` off. */
  withinOffers(amount: number, offers: number, used: Uint8Array): boolean {
    if (amount <= 0) return true;
    const { groupMax, picked } = this;
    picked.fill(0);
    let taken = 0;
    for (let k = 0; k < offers; k++) {
      let top = -1;
      for (let g = 0; g < this.groupCount; g++) {
        if (used[g] === 0 && picked[g] === 0 && groupMax[g] > 0 && (top < 0 || groupMax[g] > groupMax[top])) top = g;
      }
      if (top < 0) return false;
      picked[top] = 1;
      taken += groupMax[top];
      if (taken >= amount) return true;
    }
    return false;
  }

  private computeCaps(i: number, level: number, used: Uint8Array): void {
    const { stacking, shopper, scopeOf, scopeSubtotal, scopeRoom, scopeSeen } = this;
    const { floors } = this.cart;
    const totals = this.levels[level];
    const caps = this.capAt[level];
    const until = Math.min(this.computedFrom[level], stacking.length);
    // Offers of a taken group are never asked about at these prices: the group stays taken below.
    scopeSeen.fill(0);
    for (let j = i; j < until; j++) {
      const c = stacking[j];
      if (used[c.group] !== 0 || c.bound === 0) {
        caps[j] = 0;
        continue;
      }
      const k = scopeOf[j];
      if (scopeSeen[k] === 0) {
        let subtotal = 0;
        let room = 0;
        for (const l of c.scope) {
          subtotal += totals[l];
          room += totals[l] - floors[l];
        }
        scopeSubtotal[k] = subtotal;
        scopeRoom[k] = room;
        scopeSeen[k] = 1;
      }
      const asked = askedDiscount(c.offer, scopeSubtotal[k], shopper);
      caps[j] = asked < scopeRoom[k] ? asked : scopeRoom[k];
    }
    if (this.computedFrom[level] > stacking.length) {
      const storeRoom = this.storeRoomAt[level];
      storeRoom.fill(0);
      for (let l = 0; l < totals.length; l++) storeRoom[this.storeOfLine[l]] += totals[l] - floors[l];
    }
    this.computedFrom[level] = i;
  }
}
