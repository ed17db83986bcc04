import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Candidate, applyOffer, prepareCart } from '../../../src/domain/pricing/apply.js';
import {
  type CartLine,
  type Offer,
  type OfferScope,
  type PricedCart,
  type PricingInput,
  byApplicationOrder,
  priceCart,
} from '../../../src/domain/pricing/index.js';
import { reachedTier } from '../../../src/domain/pricing/rules.js';
import { memberTiers } from '../../../src/domain/shopper.js';

const merchants = ['m1', 'm2', 'm3'];
const categories = ['phones', 'food'];

const lineArb = (i: number): fc.Arbitrary<CartLine> =>
  fc
    .record({
      merchantId: fc.constantFrom(...merchants),
      categoryId: fc.constantFrom(...categories),
      unitPrice: fc.integer({ min: 1, max: 60_000 }),
      floorShare: fc.constantFrom(0, 0, 30, 50, 80, 95, 100),
      quantity: fc.integer({ min: 1, max: 3 }),
      flashSale: fc.boolean(),
      couponsAllowed: fc.boolean(),
    })
    .map(({ floorShare, ...l }) => ({
      ...l,
      lineId: `l${i}`,
      itemId: `i${i}`,
      floorPrice: Math.floor((l.unitPrice * floorShare) / 100),
    }));

const linesArb = (max: number) =>
  fc.integer({ min: 0, max }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => lineArb(i))).map((t): CartLine[] => [...t]));

const scopeArb: fc.Arbitrary<OfferScope> = fc.oneof(
  fc.constant({ kind: 'cart' as const }),
  fc.constantFrom(...merchants).map((merchantId) => ({ kind: 'merchant' as const, merchantId })),
  fc.constantFrom(...categories).map((categoryId) => ({ kind: 'category' as const, categoryId })),
  fc.subarray(['i0', 'i1', 'i2', 'i3', 'i4', 'i5'], { minLength: 1 }).map((itemIds) => ({ kind: 'items' as const, itemIds })),
);

const cents = (max: number) => fc.integer({ min: 0, max });
const minSpend = fc.option(cents(80_000), { nil: undefined });

/** An offer of any kind; its id is given by the caller so ids are unique. */
const offerArb = (id: string): fc.Arbitrary<Offer> =>
  fc
    .record({
      source: fc.constantFrom('promotion' as const, 'coupon' as const),
      priority: fc.integer({ min: 0, max: 4 }),
      group: fc.constantFrom('a', 'b', 'c', id),
      exclusive: fc.integer({ min: 0, max: 6 }).map((x) => x === 0),
      scope: scopeArb,
      rule: fc.oneof(
        fc
          .array(fc.tuple(cents(100_000), cents(20_000)), { minLength: 1, maxLength: 3 })
          .map((tiers) => ({ kind: 'spend-reduction' as const, tiers: tiers.map(([threshold, off]) => ({ threshold, off })) })),
        fc
          .dictionary(fc.constantFrom(...memberTiers), fc.integer({ min: 500, max: 1000 }))
          .map((payPermille) => ({ kind: 'member-discount' as const, payPermille })),
        fc
          .record({ payPermille: fc.integer({ min: 0, max: 1000 }), cap: fc.option(cents(20_000), { nil: undefined }), minSpend })
          .map((r) => ({ kind: 'percent-off' as const, ...r })),
        fc.record({ off: cents(30_000), minSpend }).map((r) => ({ kind: 'amount-off' as const, ...r })),
        fc.record({ off: cents(30_000), minSpend }).map((r) => ({ kind: 'first-order' as const, ...r })),
      ),
    })
    .map(({ group, exclusive, rule, ...rest }) => {
      const clean = Object.fromEntries(Object.entries(rule).filter(([, v]) => v !== undefined));
      return { id, label: id, ...rest, stacking: { group, exclusive }, ...clean } as Offer;
    });

const offersArb = (max: number) =>
  fc.integer({ min: 0, max }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => offerArb(`o${i}`))).map((t): Offer[] => [...t]));

const shopperArb = fc.record({ tier: fc.constantFrom(...memberTiers), firstOrder: fc.boolean() });

const inputArb = (maxLines: number, maxOffers: number): fc.Arbitrary<PricingInput> =>
  fc.record({ lines: linesArb(maxLines), shopper: shopperArb, offers: offersArb(maxOffers) });

/** Every legal subset of the offers, each applied in order: the definition the search must meet. */
function bruteForce(input: PricingInput): { total: number; ids: string[] } {
  const cart = prepareCart(input.lines);
  const offers = [...input.offers].sort(byApplicationOrder);
  const candidates: Candidate[] = offers.map((offer) => ({
    offer,
    scope: input.lines.flatMap((l, i) => (inScope(offer, l) ? [i] : [])),
    group: 0,
    exclusive: offer.stacking.exclusive,
    bound: 0,
  }));
  let best = { total: cart.listTotal, ids: [] as string[] };
  for (let mask = 1; mask < 1 << offers.length; mask++) {
    const chosen = candidates.filter((_, k) => mask & (1 << k));
    const groups = new Set(chosen.map((c) => c.offer.stacking.group));
    if (groups.size < chosen.length) continue;
    if (chosen.length > 1 && chosen.some((c) => c.exclusive)) continue;
    const totals = Float64Array.from(cart.listTotals);
    const ids: string[] = [];
    let total = cart.listTotal;
    for (const c of chosen) {
      const given = applyOffer(c, totals, cart.floors, input.shopper);
      if (given > 0) ids.push(c.offer.id);
      total -= given;
    }
    ids.sort();
    if (total < best.total || (total === best.total && before(ids, best.ids))) best = { total, ids };
  }
  return best;
}

const before = (a: string[], b: string[]): boolean => {
  if (a.length !== b.length) return a.length < b.length;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] < b[k];
  return false;
};

/** Written out again here, not taken from the engine, so the properties check its scope too. */
function inScope(offer: Offer, line: CartLine): boolean {
  if (offer.source === 'coupon' && line.flashSale && !line.couponsAllowed) return false;
  const s = offer.scope;
  if (s.kind === 'merchant') return line.merchantId === s.merchantId;
  if (s.kind === 'category') return line.categoryId === s.categoryId;
  if (s.kind === 'items') return s.itemIds.includes(line.itemId);
  return true;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function expectConsistent(input: PricingInput, priced: PricedCart): void {
  const floors = input.lines.map((l) => l.floorPrice * l.quantity);
  expect(priced.total).toBeGreaterThanOrEqual(sum(floors));
  expect(priced.total).toBeGreaterThanOrEqual(0);
  expect(priced.listTotal - priced.discountTotal).toBe(priced.total);
  expect(sum(priced.lines.map((l) => l.total))).toBe(priced.total);
  expect(sum(priced.applied.map((a) => a.amount))).toBe(priced.discountTotal);
  priced.lines.forEach((l, i) => {
    expect(l.listTotal).toBe(input.lines[i].unitPrice * input.lines[i].quantity);
    expect(l.total).toBe(l.listTotal - sum(l.discounts.map((d) => d.amount)));
    expect(l.total).toBeGreaterThanOrEqual(floors[i]);
    for (const d of l.discounts) {
      expect(Number.isInteger(d.amount) && d.amount > 0).toBe(true);
      expect(inScope(input.offers.find((o) => o.id === d.offerId)!, input.lines[i])).toBe(true);
    }
  });
  for (const a of priced.applied) {
    expect(Number.isInteger(a.amount) && a.amount > 0).toBe(true);
    expect(sum(priced.lines.flatMap((l) => l.discounts.filter((d) => d.offerId === a.offerId).map((d) => d.amount)))).toBe(a.amount);
  }
  // Every offer is either applied or skipped, once.
  expect([...priced.applied.map((a) => a.offerId), ...priced.skipped.map((s) => s.offerId)].sort()).toEqual(
    input.offers.map((o) => o.id).sort(),
  );
  // Legal: one per group, an exclusive offer alone.
  const chosen = priced.applied.map((a) => input.offers.find((o) => o.id === a.offerId)!);
  expect(new Set(chosen.map((o) => o.stacking.group)).size).toBe(chosen.length);
  if (chosen.length > 1) expect(chosen.some((o) => o.stacking.exclusive)).toBe(false);
}

const runs = { numRuns: 400 };

describe('pricing properties', () => {
  it('never goes below the floors or zero, and the explanation adds up to the cent', () => {
    fc.assert(
      fc.property(inputArb(8, 10), (input) => {
        expectConsistent(input, priceCart(input));
      }),
      runs,
    );
  });

  it('finds the same best price as trying every legal combination', () => {
    fc.assert(
      fc.property(inputArb(5, 7), (input) => {
        const priced = priceCart(input);
        const reference = bruteForce(input);
        expect(priced.total).toBe(reference.total);
        expect(priced.applied.map((a) => a.offerId).sort()).toEqual(reference.ids);
      }),
      { numRuns: 1000 },
    );
  });

  it('never charges more when the shopper holds one more coupon', () => {
    fc.assert(
      fc.property(inputArb(6, 8), offerArb('extra'), (input, extra) => {
        const coupon = { ...extra, source: 'coupon' as const };
        const more = priceCart({ ...input, offers: [...input.offers, coupon] });
        expect(more.total).toBeLessThanOrEqual(priceCart(input).total);
        expectConsistent({ ...input, offers: [...input.offers, coupon] }, more);
      }),
      runs,
    );
  });

  it('applies a threshold offer only when its scope, as priced at its turn, meets the threshold', () => {
    fc.assert(
      fc.property(inputArb(8, 10), (input) => {
        const priced = priceCart(input);
        const order = priced.applied.map((a) => a.offerId);
        for (const a of priced.applied) {
          const offer = input.offers.find((o) => o.id === a.offerId)!;
          let base = 0;
          input.lines.forEach((l, i) => {
            if (!inScope(offer, l)) return;
            const earlier = priced.lines[i].discounts.filter((d) => order.indexOf(d.offerId) < order.indexOf(a.offerId));
            base += l.unitPrice * l.quantity - sum(earlier.map((d) => d.amount));
          });
          expect(a.base).toBe(base);
          if (offer.kind === 'spend-reduction') {
            expect(a.tier).toEqual(reachedTier(offer.tiers, base));
            expect(a.tier!.threshold).toBeLessThanOrEqual(base);
          } else if (offer.kind !== 'member-discount') {
            expect(offer.minSpend ?? 0).toBeLessThanOrEqual(base);
          }
        }
      }),
      runs,
    );
  });

  it('gives the same answer for the same cart, whatever the order the offers come in', () => {
    fc.assert(
      fc.property(inputArb(8, 10), fc.infiniteStream(fc.nat()), (input, randoms) => {
        const first = priceCart(input);
        expect(priceCart(structuredClone(input))).toEqual(first);
        const shuffled = input.offers
          .map((o) => ({ o, r: randoms.next().value as number }))
          .sort((x, y) => x.r - y.r)
          .map(({ o }) => o);
        const again = priceCart({ ...input, offers: shuffled });
        const bySkipId = (p: PricedCart) => ({ ...p, skipped: [...p.skipped].sort((x, y) => (x.offerId < y.offerId ? -1 : 1)) });
        expect(bySkipId(again)).toEqual(bySkipId(first));
      }),
      runs,
    );
  });
});
