import { describe, expect, it } from 'vitest';
import { ineligibilityReason, opensAtFor } from '../../src/domain/eligibility.js';
import { type Eligibility, limitKeyOf } from '../../src/domain/item.js';
import { type MemberTier, type Shopper, memberTiers, tierRank } from '../../src/domain/shopper.js';

const shopper = (fields: Partial<Shopper> = {}): Shopper => ({
  id: '42',
  tier: 'regular',
  region: 'CN-31',
  realNameVerified: false,
  ...fields,
});

const eligible = (rules: Eligibility, who: Shopper) => ineligibilityReason(rules, who) === null;

describe('eligibility', () => {
  it('lets everyone buy when the item has no rules', () => {
    expect(ineligibilityReason({}, shopper())).toBeNull();
    expect(ineligibilityReason({}, shopper({ region: null }))).toBeNull();
    // Empty lists restrict nothing.
    expect(ineligibilityReason({ tiers: [], invitedUserIds: [], regionsAllowed: [], regionsDenied: [] }, shopper())).toBeNull();
  });

  it('limits an item to the listed member tiers', () => {
    const rules: Eligibility = { tiers: ['gold', 'vip'] };
    expect(ineligibilityReason(rules, shopper({ tier: 'regular' }))).toMatch(/tier/);
    expect(eligible(rules, shopper({ tier: 'silver' }))).toBe(false);
    expect(eligible(rules, shopper({ tier: 'gold' }))).toBe(true);
    expect(eligible(rules, shopper({ tier: 'vip' }))).toBe(true);
  });

  it('is invitation only when an invitation list is given', () => {
    const rules: Eligibility = { invitedUserIds: ['7', '42'] };
    expect(eligible(rules, shopper({ id: '42' }))).toBe(true);
    expect(ineligibilityReason(rules, shopper({ id: '43' }))).toBe('invitation only');
    // Ids are compared whole: 4 is not 42.
    expect(eligible(rules, shopper({ id: '4' }))).toBe(false);
  });

  it('requires real-name verification when asked', () => {
    const rules: Eligibility = { realNameRequired: true };
    expect(ineligibilityReason(rules, shopper({ realNameVerified: false }))).toMatch(/real-name/);
    expect(eligible(rules, shopper({ realNameVerified: true }))).toBe(true);
    expect(eligible({ realNameRequired: false }, shopper({ realNameVerified: false }))).toBe(true);
  });

  it('lets a country code in the allow list cover every province of that country', () => {
    const rules: Eligibility = { regionsAllowed: ['CN'] };
    expect(eligible(rules, shopper({ region: 'CN-31' }))).toBe(true);
    expect(eligible(rules, shopper({ region: 'CN-11' }))).toBe(true);
    expect(eligible(rules, shopper({ region: 'CN' }))).toBe(true);
    expect(ineligibilityReason(rules, shopper({ region: 'US-CA' }))).toMatch(/region/);
    // A prefix match is on whole codes: "C" does not cover "CN-31".
    expect(eligible({ regionsAllowed: ['C'] }, shopper({ region: 'CN-31' }))).toBe(false);
  });

  it('matches a province in the allow list exactly', () => {
    const rules: Eligibility = { regionsAllowed: ['CN-31', 'CN-44'] };
    expect(eligible(rules, shopper({ region: 'CN-31' }))).toBe(true);
    expect(eligible(rules, shopper({ region: 'CN-44' }))).toBe(true);
    expect(eligible(rules, shopper({ region: 'CN-11' }))).toBe(false);
    expect(eligible(rules, shopper({ region: 'CN-3' }))).toBe(false);
    expect(eligible(rules, shopper({ region: 'CN' }))).toBe(false);
  });

  it('refuses a shopper with no region when the item has an allow list', () => {
    expect(ineligibilityReason({ regionsAllowed: ['CN'] }, shopper({ region: null }))).toMatch(/region/);
  });

  it('refuses regions on the deny list, country prefixes included', () => {
    expect(eligible({ regionsDenied: ['CN-31'] }, shopper({ region: 'CN-31' }))).toBe(false);
    expect(eligible({ regionsDenied: ['CN-31'] }, shopper({ region: 'CN-11' }))).toBe(true);
    expect(eligible({ regionsDenied: ['US'] }, shopper({ region: 'US-CA' }))).toBe(false);
    expect(eligible({ regionsDenied: ['US'] }, shopper({ region: 'CN-31' }))).toBe(true);
    // A deny list alone does not need a region to be known.
    expect(eligible({ regionsDenied: ['US'] }, shopper({ region: null }))).toBe(true);
  });

  it('applies the deny list inside the allow list', () => {
    const rules: Eligibility = { regionsAllowed: ['CN'], regionsDenied: ['CN-54'] };
    expect(eligible(rules, shopper({ region: 'CN-31' }))).toBe(true);
    expect(eligible(rules, shopper({ region: 'CN-54' }))).toBe(false);
  });

  it('needs every rule to pass at once', () => {
    const rules: Eligibility = { tiers: ['vip'], invitedUserIds: ['42'], realNameRequired: true, regionsAllowed: ['CN'] };
    const ok = shopper({ id: '42', tier: 'vip', realNameVerified: true, region: 'CN-31' });
    expect(eligible(rules, ok)).toBe(true);
    expect(eligible(rules, { ...ok, tier: 'gold' })).toBe(false);
    expect(eligible(rules, { ...ok, id: '41' })).toBe(false);
    expect(eligible(rules, { ...ok, realNameVerified: false })).toBe(false);
    expect(eligible(rules, { ...ok, region: 'JP-13' })).toBe(false);
  });
});

describe('priority window (opensAtFor)', () => {
  const startsAt = 1_700_000_000_000;
  const rules: Eligibility = { priorityWindow: { minTier: 'gold', minutes: 10 } };

  it('opens 10 minutes early for gold and above', () => {
    expect(opensAtFor(rules, startsAt, { tier: 'gold' })).toBe(startsAt - 10 * 60_000);
    expect(opensAtFor(rules, startsAt, { tier: 'vip' })).toBe(startsAt - 10 * 60_000);
  });

  it('opens at the general start for lower tiers', () => {
    expect(opensAtFor(rules, startsAt, { tier: 'regular' })).toBe(startsAt);
    expect(opensAtFor(rules, startsAt, { tier: 'silver' })).toBe(startsAt);
  });

  it('opens at the general start for everyone without a window', () => {
    for (const tier of memberTiers) expect(opensAtFor({}, startsAt, { tier })).toBe(startsAt);
  });

  it('ranks tiers regular < silver < gold < vip', () => {
    const ranks = (['regular', 'silver', 'gold', 'vip'] as MemberTier[]).map(tierRank);
    expect(ranks).toEqual([0, 1, 2, 3]);
  });
});

describe('limitKeyOf', () => {
  it('shares one limit across sessions of a campaign for the same sku', () => {
    expect(limitKeyOf({ id: '1', campaignId: '9', sku: 'phone-16' })).toBe(limitKeyOf({ id: '2', campaignId: '9', sku: 'phone-16' }));
    expect(limitKeyOf({ id: '1', campaignId: '9', sku: 'phone-16' })).not.toBe(limitKeyOf({ id: '1', campaignId: '8', sku: 'phone-16' }));
  });

  it('counts an item without a sku on its own', () => {
    expect(limitKeyOf({ id: '1', campaignId: '9', sku: null })).not.toBe(limitKeyOf({ id: '2', campaignId: '9', sku: null }));
  });
});
