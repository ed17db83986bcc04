import { describe, expect, it } from 'vitest';
import type { Eligibility } from '../../../web/src/api/types';
import { buyButtonState, type BuyInput } from '../../../web/src/shop/buyButtonState';
import { limitKeyOf } from '../../../web/src/shop/orderedItems';
import { unitsHeld } from '../../../web/src/shop/useMyOrders';
import { item, order, session, shopper, t0 } from './fixtures';

const minute = 60_000;
const upcoming = { startsAt: new Date(t0).toISOString(), endsAt: new Date(t0 + 30 * minute).toISOString(), state: 'upcoming' as const };
const live = { ...upcoming, state: 'live' as const };

function state(overrides: Partial<BuyInput>) {
  return buyButtonState({ item: item(), session: live, now: t0 + minute, shopper: shopper(), myUnits: 0, ...overrides });
}

describe('buyButtonState', () => {
  it('lets an eligible shopper buy while the session is live', () => {
    expect(state({})).toEqual({ kind: 'buy' });
  });

  it('asks a visitor to sign in, but still tells them when it is sold out, paused, ended or not yet open', () => {
    expect(state({ shopper: null })).toEqual({ kind: 'signIn' });
    expect(state({ shopper: null, item: item({ stock: 0, soldOut: true }) })).toEqual({ kind: 'soldOut' });
    expect(state({ shopper: null, item: item({ paused: true }) })).toEqual({ kind: 'paused' });
    expect(state({ shopper: null, now: t0 + 31 * minute })).toEqual({ kind: 'ended' });
    expect(state({ shopper: null, session: upcoming, now: t0 - minute })).toEqual({ kind: 'countdown', opensAt: t0, priority: false });
  });

  it('counts down to the start, and the server clock decides, not the device', () => {
    // The device may be minutes ahead; `now` is the server's and the sale has not opened there.
    expect(state({ session: upcoming, now: t0 - 5_000 })).toEqual({ kind: 'countdown', opensAt: t0, priority: false });
    expect(state({ session: upcoming, now: t0 })).toEqual({ kind: 'buy' });
    // A session the server already calls live is open even if our clock estimate lags a moment.
    expect(state({ session: live, now: t0 - 300 })).toEqual({ kind: 'buy' });
  });

  it('opens early for tiers holding a priority window, and only for them', () => {
    const rules = { priorityWindow: { minTier: 'gold' as const, minutes: 5 } };
    const now = t0 - 2 * minute;
    const vip = state({ item: item({ eligibility: rules }), session: upcoming, now: now - 10 * minute, shopper: shopper({ tier: 'vip' }) });
    expect(vip).toEqual({ kind: 'countdown', opensAt: t0 - 5 * minute, priority: true });
    expect(state({ item: item({ eligibility: rules }), session: upcoming, now, shopper: shopper({ tier: 'gold' }) })).toEqual({ kind: 'buy' });
    expect(state({ item: item({ eligibility: rules }), session: upcoming, now, shopper: shopper({ tier: 'silver' }) })).toEqual({
      kind: 'countdown',
      opensAt: t0,
      priority: false,
    });
    expect(state({ item: item({ eligibility: rules }), session: upcoming, now, shopper: null })).toEqual({ kind: 'countdown', opensAt: t0, priority: false });
    // Once the server calls the session live, a priority shopper is open too, whatever our clock estimate says.
    expect(state({ item: item({ eligibility: rules }), session: live, now: now - 10 * minute, shopper: shopper({ tier: 'vip' }) })).toEqual({ kind: 'buy' });
  });

  it('names each reason a shopper may not buy, in the server order', () => {
    const reason = (eligibility: Eligibility, who = shopper()) =>
      state({ item: item({ eligibility }), shopper: who });
    expect(reason({ tiers: ['gold', 'vip'] })).toEqual({ kind: 'notEligible', reason: { kind: 'tier', tiers: ['gold', 'vip'] } });
    expect(reason({ tiers: ['gold', 'vip'] }, shopper({ tier: 'gold' }))).toEqual({ kind: 'buy' });
    expect(reason({ invitedUserIds: ['777'] })).toEqual({ kind: 'notEligible', reason: { kind: 'invitation' } });
    expect(reason({ invitedUserIds: ['501'] })).toEqual({ kind: 'buy' });
    expect(reason({ realNameRequired: true }, shopper({ realNameVerified: false }))).toEqual({ kind: 'notEligible', reason: { kind: 'realName' } });
    expect(reason({ regionsAllowed: ['CN-11'] })).toEqual({ kind: 'notEligible', reason: { kind: 'region' } });
    expect(reason({ regionsAllowed: ['CN'] })).toEqual({ kind: 'buy' });
    expect(reason({ regionsAllowed: ['CN-31'] }, shopper({ region: null }))).toEqual({ kind: 'notEligible', reason: { kind: 'region' } });
    expect(reason({ regionsDenied: ['CN-31'] })).toEqual({ kind: 'notEligible', reason: { kind: 'region' } });
    expect(reason({ regionsDenied: ['CN-3'] })).toEqual({ kind: 'buy' });
    // The tier is checked first, as the server does.
    expect(reason({ tiers: ['vip'], realNameRequired: true }, shopper({ realNameVerified: false }))).toEqual({
      kind: 'notEligible',
      reason: { kind: 'tier', tiers: ['vip'] },
    });
    // Ineligibility shows even before the start: no point counting down for someone who cannot buy.
    expect(state({ item: item({ eligibility: { tiers: ['vip'] } }), session: upcoming, now: t0 - minute })).toMatchObject({ kind: 'notEligible' });
  });

  it('stops at the limit: units held in non-cancelled orders count', () => {
    expect(state({ myUnits: 1 })).toEqual({ kind: 'limitReached', limit: 1 });
    expect(state({ item: item({ perUserLimit: 2 }), myUnits: 1 })).toEqual({ kind: 'buy' });
    expect(state({ item: item({ perUserLimit: 2 }), myUnits: 2 })).toEqual({ kind: 'limitReached', limit: 2 });
  });

  it('counts held units by the limit key: a SKU shares its limit across the campaign\'s sessions', () => {
    const phone = { id: '11', limitKey: limitKeyOf(item({ sku: 'PHONE-16' }), '7') };
    const orders = [
      order({ id: '1', itemId: '11' }),
      order({ id: '2', sessionId: '2', itemId: '21' }), // the same SKU in a later session
      order({ id: '3', sessionId: '2', itemId: '22' }), // another product
      order({ id: '4', itemId: '11', status: 'cancelled' }),
    ];
    const known = new Map([
      ['21', { title: 'phone', limitKey: '7:PHONE-16' }],
      ['22', { title: 'earbuds', limitKey: 'item:22' }],
    ]);
    expect(unitsHeld(orders, phone, known)).toBe(2);
    expect(unitsHeld(orders, phone)).toBe(1); // before the other sessions are known
    expect(unitsHeld(orders, { id: '11', limitKey: limitKeyOf(item(), '7') }, known)).toBe(1);
    expect(unitsHeld(null, phone, known)).toBe(0);
  });

  it('shows sold out, paused and ended', () => {
    expect(state({ item: item({ stock: 0, soldOut: true }) })).toEqual({ kind: 'soldOut' });
    expect(state({ item: item({ stock: 0, soldOut: false }) })).toEqual({ kind: 'soldOut' });
    expect(state({ item: item({ paused: true }) })).toEqual({ kind: 'paused' });
    expect(state({ now: t0 + 30 * minute })).toEqual({ kind: 'ended' });
    expect(state({ session: { ...live, state: 'ended' } })).toEqual({ kind: 'ended' });
  });

  it('takes the session times from a real session answer', () => {
    const s = session();
    expect(buyButtonState({ item: s.items[0], session: s, now: Date.parse(s.serverTime), shopper: shopper(), myUnits: 0 })).toEqual({ kind: 'buy' });
  });
});
