import type { Refusal } from '../errors.js';
import { ineligibilityReason, opensAtFor } from './eligibility.js';
import type { Item } from './item.js';
import type { Session } from './session.js';
import type { Shopper } from './shopper.js';

/** Buy-attempt outcomes the dashboard always shows (others appear once they happen). */
export const attemptOutcomes = [
  'reserved',
  'replayed',
  'sold_out',
  'limit_reached',
  'not_started',
  'ended',
  'not_eligible',
  'paused',
  'rate_limited',
  'unavailable',
] as const;

/**
 * The cheap gates of a buy attempt, checked before the hot store is touched:
 * no I/O, only the session, the item's rules, the token's claims and the clock.
 */
export function checkAttempt(session: Session, item: Item, shopper: Shopper, now: number): Refusal | null {
  if (now >= session.endsAt) return { code: 'ENDED', message: 'this session has ended' };
  const reason = ineligibilityReason(item.eligibility, shopper);
  if (reason) return { code: 'NOT_ELIGIBLE', message: reason };
  if (now < opensAtFor(item.eligibility, session.startsAt, shopper)) {
    return { code: 'NOT_STARTED', message: 'the sale has not started yet' };
  }
  if (item.paused) return { code: 'ITEM_PAUSED', message: 'this item is paused by the operator' };
  return null;
}
