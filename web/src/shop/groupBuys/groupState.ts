import type { GroupBuyDeal, GroupPage, Membership } from './types';

/** What the shared link offers a visitor: the button (or note) under the group's progress. */
export type JoinState = 'signIn' | 'join' | 'joining' | 'in' | 'full' | 'closed' | 'succeeded' | 'failed' | 'notActive';

export function joinState(page: GroupPage, mine: Membership | null, signedIn: boolean, busy: boolean, now: number): JoinState {
  const { group, deal } = page;
  if (group.status === 'succeeded') return 'succeeded';
  if (group.status === 'failed') return 'failed';
  if (mine) return 'in';
  if (Date.parse(group.closesAt) <= now) return 'closed';
  if (dealPhase(deal, now) !== 'live') return 'notActive';
  if (group.members >= group.size) return 'full';
  if (!signedIn) return 'signIn';
  return busy ? 'joining' : 'join';
}

/** The shopper's live place in a group, if any (a failed payment holds no place). */
export function placeIn(groupId: string, mine: readonly Membership[] | null): Membership | null {
  return mine?.find((m) => m.groupId === groupId && m.status !== 'failed') ?? null;
}

/** Places that count against a deal's per-shopper limit: held, paid or confirmed (a failed or refunded one is given back). */
export function placesHeld(dealId: string, mine: readonly Membership[] | null): number {
  return mine?.filter((m) => m.dealId === dealId && (m.status === 'paying' || m.status === 'paid' || m.status === 'confirmed')).length ?? 0;
}

export function dealPhase(deal: Pick<GroupBuyDeal, 'startsAt' | 'endsAt'>, now: number): 'upcoming' | 'live' | 'ended' {
  if (now < Date.parse(deal.startsAt)) return 'upcoming';
  return now < Date.parse(deal.endsAt) ? 'live' : 'ended';
}

/** 3.5折-style saving: what a member saves against the original price, in cents. */
export const saving = (deal: Pick<GroupBuyDeal, 'originalPrice' | 'groupPrice'>) => deal.originalPrice - deal.groupPrice;
