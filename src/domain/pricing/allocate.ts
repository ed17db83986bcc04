/**
 * Splits a discount over the lines of its scope in proportion to what each still costs, to the cent
 * (largest remainder: shares are rounded down, then the cents left go one each to the largest
 * remainders, the earlier line first on a tie). A line never goes below its floor: a line whose share
 * would break its floor gives only down to its floor and the rest is split again over the lines that
 * still have room; when no line has room the discount shrinks.
 *
 * `totals` (what each line costs now) is lowered in place; `taken`, when given, receives what each line
 * gave. Returns the amount actually given, ≤ `amount`.
 */
export function allocate(
  amount: number,
  scope: readonly number[],
  totals: Float64Array,
  floors: Float64Array,
  taken?: Float64Array,
): number {
  if (amount <= 0) return 0;
  if (active.length < scope.length) grow(scope.length);
  let count = 0;
  let room = 0;
  for (const i of scope) {
    const r = totals[i] - floors[i];
    if (r > 0) {
      active[count++] = i;
      room += r;
    }
  }
  if (room === 0) return 0;
  if (amount >= room) {
    // Every line in scope ends at its floor whatever the split.
    for (let k = 0; k < count; k++) give(active[k], totals[active[k]] - floors[active[k]], totals, taken);
    return room;
  }

  let remaining = amount;
  for (;;) {
    split(remaining, count, totals);
    // Lines whose share breaks their floor give their whole room; the others wait for the next split.
    let capped = false;
    for (let k = 0; k < count; k++) {
      const i = active[k];
      const r = totals[i] - floors[i];
      if (shares[k] > r) {
        give(i, r, totals, taken);
        remaining -= r;
        capped = true;
      }
    }
    if (!capped) {
      for (let k = 0; k < count; k++) give(active[k], shares[k], totals, taken);
      return amount;
    }
    // remaining < the room left, so some line still has room.
    let kept = 0;
    for (let k = 0; k < count; k++) if (totals[active[k]] > floors[active[k]]) active[kept++] = active[k];
    count = kept;
  }
}

// Scratch space reused by every call: pricing runs synchronously, one allocation at a time.
let active = new Int32Array(32);
let shares = new Float64Array(32);
let remainders = new Float64Array(32);

function grow(size: number): void {
  active = new Int32Array(size);
  shares = new Float64Array(size);
  remainders = new Float64Array(size);
}

function give(line: number, cents: number, totals: Float64Array, taken: Float64Array | undefined): void {
  totals[line] -= cents;
  if (taken) taken[line] += cents;
}

/** Largest-remainder split of `amount` over the first `n` active lines, weighted by their current totals. */
function split(amount: number, n: number, totals: Float64Array): void {
  let weight = 0;
  for (let k = 0; k < n; k++) weight += totals[active[k]];
  let given = 0;
  if (amount * weight <= Number.MAX_SAFE_INTEGER) {
    for (let k = 0; k < n; k++) {
      const product = amount * totals[active[k]];
      const share = Math.floor(product / weight);
      shares[k] = share;
      remainders[k] = product - share * weight;
      given += share;
    }
  } else {
    // Carts beyond ~90 million yuan: exact in big integers, rare enough not to matter for speed.
    const a = BigInt(amount);
    const w = BigInt(weight);
    for (let k = 0; k < n; k++) {
      const product = a * BigInt(totals[active[k]]);
      const share = product / w;
      shares[k] = Number(share);
      remainders[k] = Number(product - share * w);
      given += shares[k];
    }
  }
  let left = amount - given; // < n
  while (left > 0) {
    let pick = 0;
    for (let k = 1; k < n; k++) if (remainders[k] > remainders[pick]) pick = k;
    shares[pick] += 1;
    remainders[pick] = -1;
    left--;
  }
}
