export const memberTiers = ['regular', 'silver', 'gold', 'vip'] as const;
export type MemberTier = (typeof memberTiers)[number];

export function tierRank(tier: MemberTier): number {
  return memberTiers.indexOf(tier);
}

/** What the hot path knows of a shopper: the claims of their signed token, no database read. */
export interface Shopper {
  id: string;
  tier: MemberTier;
  region: string | null; // ISO 3166-2, e.g. CN-31
  realNameVerified: boolean;
}

/** Logs never carry a whole phone number: 138****5678. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}
