import type { Eligibility, Item } from './item.js';
import { memberTiers, tierRank, type Shopper } from './shopper.js';

function regionMatches(rule: string, region: string): boolean {
  return region === rule || region.startsWith(rule + '-');
}

/** Why a shopper may not buy an item, or null if they may. */
export function ineligibilityReason(rules: Eligibility, shopper: Shopper): string | null {
  if (rules.tiers && rules.tiers.length > 0 && !rules.tiers.includes(shopper.tier)) {
    return `only for members of tier ${rules.tiers.join(', ')}`;
  }
  if (rules.invitedUserIds && rules.invitedUserIds.length > 0 && !rules.invitedUserIds.includes(shopper.id)) {
    return 'invitation only';
  }
  if (rules.realNameRequired && !shopper.realNameVerified) {
    return 'real-name verification required';
  }
  const region = shopper.region;
  if (rules.regionsAllowed && rules.regionsAllowed.length > 0) {
    if (!region || !rules.regionsAllowed.some((rule) => regionMatches(rule, region))) {
      return 'not on sale in your region';
    }
  }
  if (rules.regionsDenied && region && rules.regionsDenied.some((rule) => regionMatches(rule, region))) {
    return 'not on sale in your region';
  }
  return null;
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
