import { describe, expect, it } from 'vitest';
import { checkAttempt } from '../../src/domain/attempt.js';
import type { Item } from '../../src/domain/item.js';
import type { Session } from '../../src/domain/session.js';
import type { Shopper } from '../../src/domain/shopper.js';

const startsAt = 1_700_000_000_000;
const session: Session = { id: '1', campaignId: '1', startsAt, endsAt: startsAt + 30 * 60_000, paymentWindowSeconds: 900 };
const item = (fields: Partial<Item> = {}): Item => ({
  id: '10',
  sessionId: '1',
  campaignId: '1',
  title: 'Phone',
  originalPrice: 500_000,
  flashPrice: 100,
  stock: 10,
  perUserLimit: 1,
  sku: null,
  eligibility: {},
  paused: false,
  ...fields,
});
const regular: Shopper = { id: '5', tier: 'regular', region: 'CN-31', realNameVerified: false };
const vip: Shopper = { ...regular, tier: 'vip' };
const code = (i: Item, s: Shopper, now: number) => checkAttempt(session, i, s, now)?.code ?? null;

describe('checkAttempt', () => {
  it('lets an eligible shopper buy a live item', () => {
    expect(checkAttempt(session, item(), regular, startsAt)).toBeNull();
    expect(checkAttempt(session, item(), regular, session.endsAt - 1)).toBeNull();
  });

  it('refuses before the start and after the end, to the millisecond', () => {
    expect(code(item(), regular, startsAt - 1)).toBe('NOT_STARTED');
    expect(code(item(), regular, session.endsAt)).toBe('ENDED');
  });

  it('says ENDED first, even to an ineligible shopper of a paused item', () => {
    const worst = item({ paused: true, eligibility: { tiers: ['vip'] } });
    expect(code(worst, regular, session.endsAt)).toBe('ENDED');
  });

  it('says NOT_ELIGIBLE before NOT_STARTED and ITEM_PAUSED', () => {
    const rules = item({ paused: true, eligibility: { realNameRequired: true } });
    expect(code(rules, regular, startsAt - 60_000)).toBe('NOT_ELIGIBLE');
    expect(checkAttempt(session, rules, regular, startsAt)?.message).toMatch(/real-name/);
  });

  it('says NOT_STARTED before ITEM_PAUSED', () => {
    expect(code(item({ paused: true }), regular, startsAt - 1)).toBe('NOT_STARTED');
  });

  it('says ITEM_PAUSED for a paused item of a live session', () => {
    expect(code(item({ paused: true }), regular, startsAt + 1)).toBe('ITEM_PAUSED');
  });

  it('opens early for a shopper inside the priority window, and only for them', () => {
    const early = item({ eligibility: { priorityWindow: { minTier: 'gold', minutes: 10 } } });
    const windowOpens = startsAt - 10 * 60_000;
    expect(code(early, vip, windowOpens)).toBeNull();
    expect(code(early, vip, windowOpens - 1)).toBe('NOT_STARTED');
    expect(code(early, regular, windowOpens)).toBe('NOT_STARTED');
    expect(code(early, regular, startsAt)).toBeNull();
  });

  it('never lets a priority window reach past the end', () => {
    const early = item({ eligibility: { priorityWindow: { minTier: 'gold', minutes: 10 } } });
    expect(code(early, vip, session.endsAt)).toBe('ENDED');
  });
});
