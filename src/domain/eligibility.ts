import type { Eligibility, Item } from './item.js';
import { type MemberTier, memberTiers, tierRank, type Shopper } from './shopper.js';

function regionMatches(rule: string, region: string): boolean {
  return region === rule || region.startsWith(rule + '-');
}

/** Why a shopper may not buy an item, in a form a page can word in its own language. */
export type Ineligibility =
  | { kind: 'tier'; tiers: MemberTier[] }
  | { kind: 'invitation' }
  | { kind: 'realName' }
  | { kind: 'region' };

/**
 * The first rule that keeps this shopper from buying, or null if they may. The web app's buy button
 * uses this same function, so the page and the server never disagree on who may buy.
 */
export function ineligibility(rules: Eligibility, shopper: Pick<Shopper, 'id' | 'tier' | 'region' | 'realNameVerified'>): Ineligibility | null {
  if (rules.tiers && rules.tiers.length > 0 && !rules.tiers.includes(shopper.tier)) return { kind: 'tier', tiers: rules.tiers };
  if (rules.invitedUserIds && rules.invitedUserIds.length > 0 && !rules.invitedUserIds.includes(shopper.id)) return { kind: 'invitation' };
  if (rules.realNameRequired && !shopper.realNameVerified) return { kind: 'realName' };
  const region = shopper.region;
  if (rules.regionsAllowed && rules.regionsAllowed.length > 0) {
    if (!region || !rules.regionsAllowed.some((rule) => regionMatches(rule, region))) return { kind: 'region' };
  }
  if (rules.regionsDenied && region && rules.regionsDenied.some((rule) => regionMatches(rule, region))) return { kind: 'region' };
  return null;
}

const reasons: { [K in Ineligibility['kind']]: (why: Extract<Ineligibility, { kind: K }>) => string } = {
  tier: (why) => `only for members of tier ${why.tiers.join(', ')}`,
  invitation: () => 'invitation only',
  realName: () => 'real-name verification required',
  region: () => 'not on sale in your region',
};

/** Why a shopper may not buy an item, as the API's message, or null if they may. */
export function ineligibilityReason(rules: Eligibility, shopper: Shopper): string | null {
  const why = ineligibility(rules, shopper);
  return why ? reasons[why.kind](why as never) : null;
}

/** When this shopper may start buying: earlier for tiers holding a priority window. */
export function opensAtFor(rules: Eligibility, sessionStartsAt: number, shopper: Pick<Shopper, 'tier'>): number {
  const window = rules.priorityWindow;
  if (window && tierRank(shopper.tier) >= tierRank(window.minTier)) {
    return sessionStartsAt - window.minutes * 60_000;
  }
  return sessionStartsAt;
}

/**
 * The first moment anyone may buy in a session: its start, or earlier for the best tier a priority
 * window lets in. Until then nothing can have sold, so the operator may still change the plan.
 */
export function firstSaleAt(sessionStartsAt: number, items: Pick<Item, 'eligibility'>[]): number {
  let first = sessionStartsAt;
  for (const item of items) first = Math.min(first, opensAtFor(item.eligibility, sessionStartsAt, { tier: memberTiers[memberTiers.length - 1] }));
  return first;
}
