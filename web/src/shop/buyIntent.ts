import { ApiError, call, newIdempotencyKey } from '../api/client';
import type { Reservation } from '../api/types';

/**
 * One buy intent, one Idempotency-Key: kept in sessionStorage until the server gives a definite
 * answer, so a retry after a network error, a 503 or a reload reuses it and never buys twice.
 */
const storageKey = (shopperId: string, itemId: string) => `miaosha.buy.${shopperId}.${itemId}`;

export function pendingBuyKey(shopperId: string, itemId: string): string | null {
  try {
    return sessionStorage.getItem(storageKey(shopperId, itemId));
  } catch {
    return null;
  }
}

function keepKey(shopperId: string, itemId: string): string {
  const existing = pendingBuyKey(shopperId, itemId);
  if (existing) return existing;
  const key = newIdempotencyKey();
  try {
    sessionStorage.setItem(storageKey(shopperId, itemId), key);
  } catch {
    // storage off: the key still lives for this attempt
  }
  return key;
}

function dropKey(shopperId: string, itemId: string): void {
  try {
    sessionStorage.removeItem(storageKey(shopperId, itemId));
  } catch {
    // nothing kept
  }
}

/** No answer, busy, or rate-limited: the attempt may be retried with the same key. */
export function isRetryable(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status === 429 || error.status >= 500);
}

export async function reserveOne(shopper: { id: string; token: string }, sessionId: string, itemId: string): Promise<Reservation> {
  const idempotencyKey = keepKey(shopper.id, itemId);
  try {
    const reservation = await call<Reservation>(
      `/api/sessions/${encodeURIComponent(sessionId)}/items/${encodeURIComponent(itemId)}/reservations`,
      { method: 'POST', body: { quantity: 1 }, token: shopper.token, idempotencyKey },
    );
    dropKey(shopper.id, itemId);
    return reservation;
  } catch (error) {
    if (!isRetryable(error)) dropKey(shopper.id, itemId);
    throw error;
  }
}
