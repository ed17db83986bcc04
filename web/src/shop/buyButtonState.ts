import type { Item, SessionState } from '../api/types';
import { type Ineligibility, ineligibility, opensAtFor, type ShopperClaims } from './eligibility';

export type BuyState =
  /** Not open yet for this shopper; `priority` when their tier opens before the general start. */
  | { kind: 'countdown'; opensAt: number; priority: boolean }
  | { kind: 'buy' }
  | { kind: 'soldOut' }
  | { kind: 'paused' }
  | { kind: 'ended' }
  | { kind: 'limitReached'; limit: number }
  | { kind: 'notEligible'; reason: Ineligibility }
  | { kind: 'signIn' };

export interface BuyInput {
  item: Pick<Item, 'stock' | 'soldOut' | 'paused' | 'perUserLimit' | 'eligibility'>;
  session: { startsAt: string; endsAt: string; state: SessionState };
  /** The server's now (serverNow()), never the device's. */
  now: number;
  shopper: ShopperClaims | null;
  /** Units the shopper holds in non-cancelled orders of this item. */
  myUnits: number;
}

/**
 * What the buy button says, in the order the server checks a buy attempt (src/domain/attempt.ts,
 * then the hot store): ended, eligibility, opening time, paused, the shopper's limit, stock.
 */
export function buyButtonState({ item, session, now, shopper, myUnits }: BuyInput): BuyState {
  const startsAt = Date.parse(session.startsAt);
  if (session.state === 'ended' || now >= Date.parse(session.endsAt)) return { kind: 'ended' };
  const reason = shopper ? ineligibility(item.eligibility, shopper) : null;
  if (reason) return { kind: 'notEligible', reason };
  const opensAt = shopper ? opensAtFor(item.eligibility, startsAt, shopper) : startsAt;
  // A 'live' state comes from the server's own clock: the general start has passed there, and every
  // shopper's opening (a priority window only opens earlier) with it.
  const open = now >= opensAt || session.state === 'live';
  if (!open) return { kind: 'countdown', opensAt, priority: opensAt < startsAt };
  if (item.paused) return { kind: 'paused' };
  if (shopper && myUnits >= item.perUserLimit) return { kind: 'limitReached', limit: item.perUserLimit };
  if (item.soldOut || item.stock <= 0) return { kind: 'soldOut' };
  return shopper ? { kind: 'buy' } : { kind: 'signIn' };
}
