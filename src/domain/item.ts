import type { MemberTier } from './shopper.js';

/** Who may buy an item. Every rule is optional; an empty object lets everyone buy. */
export interface Eligibility {
  /** Only these member tiers may buy. */
  tiers?: MemberTier[];
  /** Invitation-only: only these shopper ids may buy. */
  invitedUserIds?: string[];
  realNameRequired?: boolean;
  /** ISO 3166-2 codes or country prefixes: "CN" covers "CN-31". */
  regionsAllowed?: string[];
  regionsDenied?: string[];
  /** Shoppers of minTier or above may buy this many minutes before the general start (优先购买权). */
  priorityWindow?: { minTier: MemberTier; minutes: number };
}

export interface Item {
  id: string;
  sessionId: string;
  campaignId: string;
  title: string;
  originalPrice: number; // cents
  flashPrice: number; // cents, strictly below originalPrice
  stock: number; // units loaded for the sale
  perUserLimit: number; // units per shopper across the campaign
  /** The same product offered in several sessions of a campaign shares one per-user limit. */
  sku: string | null;
  eligibility: Eligibility;
  paused: boolean;
}

/** The per-user limit is counted per campaign and product, not per session. */
export function limitKeyOf(item: Pick<Item, 'id' | 'campaignId' | 'sku'>): string {
  return item.sku ? `${item.campaignId}:${item.sku}` : `item:${item.id}`;
}
