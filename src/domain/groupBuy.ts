/** Group buy (拼团, P5): the rules, without I/O. Money in integer cents, times in epoch milliseconds. */

export const groupSizeRange = { min: 2, max: 50 } as const;

export interface GroupBuyDealInput {
  title: string;
  merchant: string;
  originalPrice: number;
  /** What each member pays: below the original price. */
  groupPrice: number;
  /** N: the group succeeds when this many members have paid. */
  groupSize: number;
  /** How long a group stays open after its leader opens it (never past the deal's end). */
  hoursOpen: number;
  /** Units for the whole deal: one per member, across all its groups. */
  stock: number;
  /** Groups one shopper may be in at once (opened or joined). */
  perUserLimit: number;
  startsAt: number;
  endsAt: number;
  /** Each member of the top `top` succeeded groups gets one coupon of this template (handout 'grant'). */
  reward?: { templateId: string; top: number };
}

export type DealState = 'upcoming' | 'live' | 'ended';
export type GroupStatus = 'open' | 'succeeded' | 'failed';
export type MemberStatus = 'paying' | 'paid' | 'confirmed' | 'failed' | 'cancelled' | 'refunded';

/** The first rule a deal breaks, or null when it is sound. */
export function dealProblem(input: GroupBuyDealInput): string | null {
  if (input.groupPrice >= input.originalPrice) return 'the group price must be below the original price';
  if (input.groupSize < groupSizeRange.min || input.groupSize > groupSizeRange.max) return `a group has ${groupSizeRange.min} to ${groupSizeRange.max} members`;
  if (input.endsAt <= input.startsAt) return 'the deal must end after it starts';
  if (input.stock < input.groupSize) return 'the stock must fill at least one group';
  return null;
}

export function dealState(deal: { startsAt: number; endsAt: number }, now: number): DealState {
  if (now < deal.startsAt) return 'upcoming';
  return now < deal.endsAt ? 'live' : 'ended';
}

/** A group closes `hoursOpen` after it opens, or when the deal ends if that comes first. */
export function groupClosesAt(deal: { hoursOpen: number; endsAt: number }, openedAt: number): number {
  return Math.min(openedAt + deal.hoursOpen * 3_600_000, deal.endsAt);
}

/** Places still to be paid before the group succeeds (还差 N 人). */
export function stillNeeded(group: { size: number; paid: number }): number {
  return Math.max(0, group.size - group.paid);
}

export interface RankedGroup {
  id: string;
  status: GroupStatus;
  paid: number;
  openedAt: number;
  succeededAt: number | null;
}

/**
 * The leaderboard: succeeded groups first, the fastest to fill first; then the rest by members paid,
 * earlier opened first. Ties go to the lower (earlier) id, so the order is the same on every node.
 */
export function rankGroups<G extends RankedGroup>(groups: readonly G[]): G[] {
  const fillTime = (g: G) => (g.succeededAt ?? Infinity) - g.openedAt;
  return [...groups].sort((a, b) => {
    const sa = a.status === 'succeeded' ? 0 : 1;
    const sb = b.status === 'succeeded' ? 0 : 1;
    if (sa !== sb) return sa - sb;
    if (sa === 0 && fillTime(a) !== fillTime(b)) return fillTime(a) - fillTime(b);
    if (sa === 1 && a.paid !== b.paid) return b.paid - a.paid;
    if (a.openedAt !== b.openedAt) return a.openedAt - b.openedAt;
    return BigInt(a.id) < BigInt(b.id) ? -1 : 1;
  });
}

/** The groups rewarded when the deal ends: the top `top` of the leaderboard, succeeded ones only. */
export function rewardedGroups<G extends RankedGroup>(groups: readonly G[], top: number): G[] {
  return rankGroups(groups)
    .filter((g) => g.status === 'succeeded')
    .slice(0, top);
}

/** The coupon grant's cause: one coupon per rank and member, however often the reward runs. */
export const rewardRef = (dealId: string, rank: number, userId: string) => `group-buy:${dealId}:rank:${rank}:${userId}`;
