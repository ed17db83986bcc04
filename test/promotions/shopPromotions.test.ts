import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import type { Database } from '../../src/db/database.js';
import { type CartLine, priceCart } from '../../src/domain/pricing/index.js';
import { type PromotionInput, ShopPromotions } from '../../src/promotions/shopPromotions.js';
import { refusal } from '../support/outcomes.js';
import { openTestDatabase } from '../support/platform.js';

const hour = 3_600_000;
const start = Date.UTC(2026, 10, 11, 0, 0, 0);

const line = (lineId: string, merchantId: string, unitPrice: number, quantity = 1, over: Partial<CartLine> = {}): CartLine => ({
  lineId,
  itemId: `item-${lineId}`,
  merchantId,
  categoryId: 'shoes',
  unitPrice,
  quantity,
  floorPrice: 0,
  flashSale: false,
  couponsAllowed: true,
  ...over,
});

describe.each(['pglite', 'postgres'] as const)('stored promotions on %s', (kind) => {
  let db: Database;
  let close: () => Promise<void>;
  const clock = new ManualClock(start);
  let promotions: ShopPromotions;

  beforeAll(async () => {
    ({ db, close } = await openTestDatabase(kind));
    promotions = new ShopPromotions(db, clock);
  });
  afterAll(() => close());

  const spend = (over: Partial<PromotionInput> = {}): PromotionInput => ({
    label: '满300减50/满600减150',
    rule: { kind: 'spend-reduction', tiers: [{ threshold: 30_000, off: 5_000 }, { threshold: 60_000, off: 15_000 }] },
    scope: { kind: 'cart' },
    startsAt: start - hour,
    endsAt: start + hour,
    ...over,
  });

  it('runs only inside its window and while enabled, and its state says so', async () => {
    const running = await promotions.create(spend());
    const later = await promotions.create(spend({ label: 'later', startsAt: start + hour, endsAt: start + 2 * hour }));
    const over = await promotions.create(spend({ label: 'over', startsAt: start - 2 * hour, endsAt: start - hour }));
    const off = await promotions.create(spend({ label: 'off', enabled: false }));
    const states = Object.fromEntries((await promotions.list()).map((p) => [p.id, p.state]));
    expect(states).toMatchObject({ [running.id]: 'running', [later.id]: 'scheduled', [over.id]: 'ended', [off.id]: 'disabled' });

    const ids = (await promotions.active(start)).map((o) => o.id);
    expect(ids).toContain(`promotion:${running.id}`);
    expect(ids).not.toContain(`promotion:${later.id}`);
    expect(ids).not.toContain(`promotion:${over.id}`);
    expect(ids).not.toContain(`promotion:${off.id}`);
    // The window is [start, end): running at its start, over at its end.
    expect((await promotions.active(start + hour)).map((o) => o.id)).toContain(`promotion:${later.id}`);
    expect((await promotions.active(start + hour)).map((o) => o.id)).not.toContain(`promotion:${running.id}`);

    await promotions.update(running.id, { enabled: false });
    expect((await promotions.active(start)).map((o) => o.id)).not.toContain(`promotion:${running.id}`);
    expect((await promotions.get(running.id)).state).toBe('disabled');
    await promotions.update(off.id, { enabled: true });
    expect((await promotions.get(off.id)).state).toBe('running');
    await promotions.update(off.id, { enabled: false });
  });

  it('gives the engine offers that price a cart across stores as the shop promises', async () => {
    const tiers = await promotions.create(spend({ label: '满300减50/满600减150', priority: 10 }));
    const gold = await promotions.create({
      label: '金卡95折',
      rule: { kind: 'member-discount', payPermille: { gold: 950, vip: 900 } },
      scope: { kind: 'merchant', merchantId: 'm-2' },
      priority: 1,
      startsAt: start - hour,
      endsAt: start + hour,
    });
    const offers = (await promotions.active(start)).filter((o) => o.id === `promotion:${tiers.id}` || o.id === `promotion:${gold.id}`);
    expect(offers.find((o) => o.id === `promotion:${tiers.id}`)).toEqual({
      id: `promotion:${tiers.id}`,
      label: '满300减50/满600减150',
      source: 'promotion',
      kind: 'spend-reduction',
      tiers: [{ threshold: 30_000, off: 5_000 }, { threshold: 60_000, off: 15_000 }],
      priority: 10,
      stacking: { group: `promotion:${tiers.id}`, exclusive: false },
      scope: { kind: 'cart' },
    });

    // ¥400 at one store, ¥300 at another: the gold member pays 95折 on the second store (¥285), then
    // the cart (¥685) reaches 满600减150 across stores.
    const cart = [line('a', 'm-1', 40_000), line('b', 'm-2', 15_000, 2)];
    const gold$ = priceCart({ lines: cart, shopper: { tier: 'gold', firstOrder: false }, offers });
    expect(gold$.total).toBe(70_000 - 1_500 - 15_000);
    expect(gold$.applied.map((a) => a.label)).toEqual(['金卡95折', '满300减50/满600减150']);
    expect(gold$.applied[1].tier).toEqual({ threshold: 60_000, off: 15_000 });

    // A regular shopper has no member rate; ¥350 reaches only 满300减50.
    const regular = priceCart({ lines: [line('a', 'm-1', 35_000)], shopper: { tier: 'regular', firstOrder: false }, offers });
    expect(regular.total).toBe(30_000);
    expect(regular.skipped).toContainEqual(expect.objectContaining({ offerId: `promotion:${gold.id}`, reason: 'not-eligible' }));

    // The service's own preview prices with the same offers (and whatever else runs).
    await promotions.update(tiers.id, { enabled: false });
    await promotions.update(gold.id, { enabled: false });
  });

  it('lets exclusive promotions and shared stacking groups choose, as the engine does', async () => {
    const a = await promotions.create({ label: '9折', rule: { kind: 'percent-off', payPermille: 900, cap: 5_000 }, scope: { kind: 'category', categoryId: 'bags' }, stackingGroup: 'store-sale', startsAt: start - hour, endsAt: start + hour });
    const b = await promotions.create({ label: '立减30', rule: { kind: 'amount-off', off: 3_000, minSpend: 10_000 }, scope: { kind: 'items', itemIds: ['item-x'] }, stackingGroup: 'store-sale', startsAt: start - hour, endsAt: start + hour });
    const offers = (await promotions.active(start)).filter((o) => [`promotion:${a.id}`, `promotion:${b.id}`].includes(o.id));
    expect(offers.map((o) => o.stacking.group)).toEqual(['store-sale', 'store-sale']);
    // ¥200 bag, item-x: 9折 is ¥20 off, 立减30 is ¥30 off; one group → only the better one.
    const priced = priceCart({ lines: [line('x', 'm-1', 20_000, 1, { itemId: 'item-x', categoryId: 'bags' })], shopper: { tier: 'regular', firstOrder: false }, offers });
    expect(priced.total).toBe(17_000);
    expect(priced.skipped).toContainEqual(expect.objectContaining({ offerId: `promotion:${a.id}`, reason: 'not-chosen' }));

    const quote = await promotions.quote([line('x', 'm-1', 20_000, 1, { itemId: 'item-x', categoryId: 'bags' })], { tier: 'regular', firstOrder: false });
    expect(quote.total).toBe(17_000);
    await promotions.update(a.id, { enabled: false });
    await promotions.update(b.id, { enabled: false });
  });

  it('refuses a promotion that cannot run, with PROMOTION_INVALID, and stores nothing', async () => {
    const before = (await promotions.list()).length;
    const bad: PromotionInput[] = [
      spend({ rule: { kind: 'spend-reduction', tiers: [] } }),
      spend({ rule: { kind: 'spend-reduction', tiers: [{ threshold: 60_000, off: 15_000 }, { threshold: 30_000, off: 5_000 }] } }),
      spend({ rule: { kind: 'spend-reduction', tiers: [{ threshold: 30_000, off: 30_000 }] } }),
      spend({ rule: { kind: 'spend-reduction', tiers: [{ threshold: 30_000, off: 5_000 }, { threshold: 60_000, off: 5_000 }] } }),
      spend({ rule: { kind: 'spend-reduction', tiers: [{ threshold: 300.5, off: 50 }] } }),
      spend({ rule: { kind: 'member-discount', payPermille: {} } }),
      spend({ rule: { kind: 'member-discount', payPermille: { gold: 1000 } } }),
      spend({ rule: { kind: 'percent-off', payPermille: 0 } }),
      spend({ rule: { kind: 'amount-off', off: 5_000, minSpend: 5_000 } }),
      spend({ scope: { kind: 'items', itemIds: [] } }),
      spend({ scope: { kind: 'merchant', merchantId: ' ' } }),
      spend({ label: '' }),
      spend({ endsAt: start - hour }),
      spend({ priority: 5000 }),
    ];
    for (const input of bad) expect(await refusal(promotions.create(input)), JSON.stringify(input)).toBe('PROMOTION_INVALID');
    expect(await promotions.list()).toHaveLength(before);
  });

  it('changes terms only before the start; once started it can be disabled or ended early', async () => {
    const soon = await promotions.create(spend({ startsAt: start + hour, endsAt: start + 2 * hour }));
    const edited = await promotions.update(soon.id, { label: '满300减60', rule: { kind: 'spend-reduction', tiers: [{ threshold: 30_000, off: 6_000 }] } });
    expect(edited).toMatchObject({ label: '满300减60', version: 2, state: 'scheduled' });
    expect(await refusal(promotions.update(soon.id, { rule: { kind: 'spend-reduction', tiers: [{ threshold: 100, off: 200 }] } }))).toBe('PROMOTION_INVALID');

    clock.set(start + hour + 1);
    try {
      expect(await refusal(promotions.update(soon.id, { label: 'too late' }))).toBe('PROMOTION_STARTED');
      expect(await refusal(promotions.update(soon.id, { endsAt: start + 3 * hour }))).toBe('PROMOTION_STARTED');
      expect((await promotions.get(soon.id)).state).toBe('running');
      // An end in the past ends it now.
      const ended = await promotions.update(soon.id, { endsAt: start });
      expect(ended.endsAt).toBe(start + hour + 1);
      expect(ended.state).toBe('ended');
      expect((await promotions.active(clock.now())).map((o) => o.id)).not.toContain(`promotion:${soon.id}`);
    } finally {
      clock.set(start);
    }
    expect(await refusal(promotions.update('987654', { enabled: false }))).toBe('NOT_FOUND');
  });

  it('keeps every one of many concurrent edits: none overwrites another', async () => {
    const p = await promotions.create(spend({ startsAt: start + hour, endsAt: start + 2 * hour }));
    await Promise.all([
      promotions.update(p.id, { label: 'one' }),
      promotions.update(p.id, { priority: 7 }),
      promotions.update(p.id, { exclusive: true }),
    ]);
    expect(await promotions.get(p.id)).toMatchObject({ label: 'one', priority: 7, exclusive: true, version: 4 });
  });
});
