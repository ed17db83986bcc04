import type { Eligibility, Me, MemberTier } from '../api/types';

/**
 * The server's eligibility rules (src/domain/eligibility.ts), mirrored so the buy button is right
 * before the shopper taps. The server stays the judge; these only decide what the page shows.
 */
export const memberTiers: readonly MemberTier[] = ['regular', 'silver', 'gold', 'vip'];

export function tierRank(tier: MemberTier): number {
  return memberTiers.indexOf(tier);
}

export type Ineligibility =
  | { kind: 'tier'; tiers: MemberTier[] }
  | { kind: 'invitation' }
  | { kind: 'realName' }
  | { kind: 'region' };

export type ShopperClaims = Pick<Me, 'id' | 'tier' | 'region' | 'realNameVerified'>;

function regionMatches(rule: string, region: string): boolean {
  return region === rule || region.startsWith(rule + '-');
}

/** Why a shopper may not buy an item, or null if they may (same order of checks as the server). */
export function ineligibility(rules: Eligibility, shopper: ShopperClaims): Ineligibility | null {
  if (rules.tiers && rules.tiers.length > 0 && !rules.tiers.includes(shopper.tier)) {
    return { kind: 'tier', tiers: rules.tiers };
  }
  if (rules.invitedUserIds && rules.invitedUserIds.length > 0 && !rules.invitedUserIds.includes(shopper.id)) {
    return { kind: 'invitation' };
  }
  if (rules.realNameRequired && !shopper.realNameVerified) return { kind: 'realName' };
  const region = shopper.region;
  if (rules.regionsAllowed && rules.regionsAllowed.length > 0) {
    if (!region || !rules.regionsAllowed.some((rule) => regionMatches(rule, region))) return { kind: 'region' };
  }
  if (rules.regionsDenied && region && rules.regionsDenied.some((rule) => regionMatches(rule, region))) {
    return { kind: 'region' };
  }
  return null;
}

/** When this shopper may start buying: earlier for tiers holding a priority window. */
export function opensAtFor(rules: Eligibility, sessionStartsAt: number, tier: MemberTier | null): number {
  const window = rules.priorityWindow;
  if (window && tier && tierRank(tier) >= tierRank(window.minTier)) return sessionStartsAt - window.minutes * 60_000;
  return sessionStartsAt;
}
