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
  const active: number[] = [];
  let room = 0;
  for (const i of scope) {
    const r = totals[i] - floors[i];
    if (r > 0) {
      active.push(i);
      room += r;
    }
  }
  if (room === 0) return 0;
  if (amount >= room) {
    // Every line in scope ends at its floor whatever the split.
    for (const i of active) give(i, totals[i] - floors[i], totals, taken);
    return room;
  }

  let remaining = amount;
  const shares: number[] = [];
  while (remaining > 0) {
    split(remaining, active, totals, shares);
    // Lines whose share breaks their floor give their whole room; the others wait for the next split.
    let capped = false;
    for (let k = 0; k < active.length; k++) {
      const i = active[k];
      const r = totals[i] - floors[i];
      if (shares[k] > r) {
        give(i, r, totals, taken);
        remaining -= r;
        capped = true;
      }
    }
    if (!capped) {
      for (let k = 0; k < active.length; k++) give(active[k], shares[k], totals, taken);
      return amount;
    }
    let kept = 0;
    for (const i of active) if (totals[i] > floors[i]) active[kept++] = i;
    active.length = kept;
  }
  return amount;
}

function give(line: number, cents: number, totals: Float64Array, taken: Float64Array | undefined): void {
  totals[line] -= cents;
  if (taken) taken[line] += cents;
}

/** Largest-remainder split of `amount` over `lines` weighted by their current totals, into `shares`. */
function split(amount: number, lines: readonly number[], totals: Float64Array, shares: number[]): void {
  const n = lines.length;
  shares.length = n;
  let weight = 0;
  for (const i of lines) weight += totals[i];
  const remainders: number[] = new Array(n);
  let given = 0;
  if (amount * weight <= Number.MAX_SAFE_INTEGER) {
    for (let k = 0; k < n; k++) {
      const product = amount * totals[lines[k]];
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
      const product = a * BigInt(totals[lines[k]]);
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
