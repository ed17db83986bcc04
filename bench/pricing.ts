// npx tsx bench/pricing.ts — time to price a realistic cart: 20 lines from 4 merchants, 30 offers
// (platform and store spend reductions, a member price, category and item discounts, platform and store
// coupons, one exclusive offer), floors on every line, two flash-sale lines. Seeded, so runs compare.
import { type CartLine, type Offer, type PricingInput, priceCart } from '../src/domain/pricing/index.js';

const distinctCarts = 500;
const warmup = 2_000;
const measured = 5_000;

/** mulberry32: a small seeded generator, so every run prices the same carts. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const merchants = ['m1', 'm2', 'm3', 'm4'];
const categories = ['phones', 'laptops', 'audio', 'food', 'beauty', 'home'];

function cart(random: () => number): PricingInput {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const y = (yuan: number) => Math.round(yuan * 100);

  const lines: CartLine[] = Array.from({ length: 20 }, (_, i) => {
    const unitPrice = y(pick([9.9, 19.9, 39, 59, 99, 129, 199, 299, 499, 899, 1299, 2999]));
    const flashSale = i < 2;
    return {
      lineId: `l${i}`,
      itemId: `i${i}`,
      merchantId: merchants[i % merchants.length],
      categoryId: pick(categories),
      unitPrice,
      quantity: between(1, 3),
      floorPrice: Math.floor((unitPrice * between(60, 90)) / 100),
      flashSale,
      couponsAllowed: flashSale && i === 1,
    };
  });

  const base = (id: string, group: string, priority: number, source: 'promotion' | 'coupon', exclusive = false) => ({
    id,
    label: id,
    source,
    priority,
    stacking: { group, exclusive },
  });
  const cartScope = { kind: 'cart' as const };
  const merchant = (m: string) => ({ kind: 'merchant' as const, merchantId: m });
  const tiers = (...t: [number, number][]) => t.map(([threshold, off]) => ({ threshold: y(threshold), off: y(off) }));

  const offers: Offer[] = [
    // Store prices first, then the member price, then cross-store reductions, then coupons.
    ...[0, 5, 10, 15].map((k): Offer => ({
      ...base(`item-price-i${k + 2}`, `item-price-i${k + 2}`, 5, 'promotion'),
      kind: 'amount-off',
      off: y(between(5, 30)),
      scope: { kind: 'items', itemIds: [`i${k + 2}`] },
    })),
    ...merchants.map((m): Offer => ({
      ...base(`store-reduction-${m}`, `store-reduction-${m}`, 10, 'promotion'),
      kind: 'spend-reduction',
      tiers: tiers([between(2, 4) * 100, between(20, 40)], [between(6, 9) * 100, between(80, 120)]),
      scope: merchant(m),
    })),
    ...['m1', 'm2'].map((m): Offer => ({
      ...base(`store-reduction-alt-${m}`, `store-reduction-${m}`, 10, 'promotion'),
      kind: 'percent-off',
      payPermille: 880,
      minSpend: y(500),
      scope: merchant(m),
    })),
    ...['phones', 'audio', 'beauty'].map((c, k): Offer => ({
      ...base(`category-sale-${c}`, 'category-sale', 12, 'promotion'),
      kind: 'percent-off',
      payPermille: [900, 850, 800][k],
      cap: y(200),
      scope: { kind: 'category', categoryId: c },
    })),
    { ...base('member-price', 'member', 15, 'promotion'), kind: 'member-discount', payPermille: { silver: 980, gold: 950, vip: 900 }, scope: cartScope },
    { ...base('platform-300-30', 'platform-reduction', 20, 'promotion'), kind: 'spend-reduction', tiers: tiers([300, 30]), scope: cartScope },
    { ...base('platform-tiers', 'platform-reduction', 20, 'promotion'), kind: 'spend-reduction', tiers: tiers([300, 50], [600, 150]), scope: cartScope },
    { ...base('platform-big', 'platform-reduction', 20, 'promotion'), kind: 'spend-reduction', tiers: tiers([1000, 200], [2000, 450], [5000, 1200]), scope: cartScope },
    { ...base('coupon-no-threshold-5', 'platform-coupon', 30, 'coupon'), kind: 'amount-off', off: y(5), scope: cartScope },
    { ...base('coupon-200-20', 'platform-coupon', 30, 'coupon'), kind: 'amount-off', off: y(20), minSpend: y(200), scope: cartScope },
    { ...base('coupon-500-60', 'platform-coupon', 30, 'coupon'), kind: 'amount-off', off: y(60), minSpend: y(500), scope: cartScope },
    { ...base('coupon-3000-400', 'platform-coupon', 30, 'coupon'), kind: 'amount-off', off: y(400), minSpend: y(3000), scope: cartScope },
    { ...base('coupon-9-zhe-cap-50', 'platform-coupon', 30, 'coupon'), kind: 'percent-off', payPermille: 900, cap: y(50), scope: cartScope },
    { ...base('coupon-first-order-15', 'platform-coupon', 30, 'coupon'), kind: 'first-order', off: y(15), scope: cartScope },
    ...merchants.map((m): Offer => ({
      ...base(`store-coupon-${m}`, `store-coupon-${m}`, 35, 'coupon'),
      kind: 'amount-off',
      off: y(between(10, 50)),
      minSpend: y(between(1, 5) * 100),
      scope: merchant(m),
    })),
    ...['m3', 'm4'].map((m): Offer => ({
      ...base(`store-coupon-pct-${m}`, `store-coupon-${m}`, 35, 'coupon'),
      kind: 'percent-off',
      payPermille: 920,
      cap: y(80),
      scope: merchant(m),
    })),
    { ...base('clearance-exclusive', 'clearance', 1, 'promotion', true), kind: 'percent-off', payPermille: 750, cap: y(between(300, 1500)), scope: cartScope },
  ];
  if (offers.length !== 30) throw new Error(`expected 30 offers, built ${offers.length}`);
  return { lines, shopper: { tier: pick(['regular', 'silver', 'gold', 'vip'] as const), firstOrder: random() < 0.3 }, offers };
}

const random = seeded(20261111);
const carts = Array.from({ length: distinctCarts }, () => cart(random));

let sink = 0; // keeps the results alive so nothing is optimised away
for (let i = 0; i < warmup; i++) sink += priceCart(carts[i % carts.length]).total;

const micros = new Float64Array(measured);
let applied = 0;
for (let i = 0; i < measured; i++) {
  const input = carts[i % carts.length];
  const start = process.hrtime.bigint();
  const priced = priceCart(input);
  micros[i] = Number(process.hrtime.bigint() - start) / 1000;
  sink += priced.total;
  applied += priced.applied.length;
}
micros.sort();
const mean = micros.reduce((a, b) => a + b, 0) / measured;
const at = (q: number) => micros[Math.min(measured - 1, Math.floor(q * measured))];
const fmt = (us: number) => `${us.toFixed(1)} µs`;
console.log(`pricing: ${measured} carts (${distinctCarts} distinct; 20 lines, 30 offers each) after ${warmup} warm-up, Node ${process.version}`);
console.log(`  mean ${fmt(mean)}  p50 ${fmt(at(0.5))}  p99 ${fmt(at(0.99))}  max ${fmt(micros[measured - 1])}`);
console.log(`  offers applied per cart: ${(applied / measured).toFixed(1)} on average`);
console.log(`  target: mean < 1000 µs — ${mean < 1000 ? 'met' : 'MISSED'}`);
if (sink < 0) console.log(sink);
