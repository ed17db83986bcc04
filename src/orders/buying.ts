import type { Catalog } from '../campaigns/catalog.js';
import type { Clock } from '../clock.js';
import { checkAttempt } from '../domain/attempt.js';
import type { OrderIdGenerator } from '../domain/ids.js';
import { limitKeyOf } from '../domain/item.js';
import type { Shopper } from '../domain/shopper.js';
import type { ErrorCode, Refusal } from '../errors.js';
import type { HotStore, ReserveOutcome } from '../hotstore/hotstore.js';

export interface Reservation {
  orderId: string;
  payBefore: number;
  replay: boolean;
}

export type AttemptOutcome = 'reserved' | 'replayed' | 'sold_out' | 'limit_reached' | 'refused' | 'failed';

/**
 * A buy attempt, the hot path: cheap local gates, then one atomic step in the hot store, then
 * wait until the reservation is durable. No SQL runs here.
 */
export class Buying {
  constructor(
    private readonly catalog: Catalog,
    private readonly hot: HotStore,
    private readonly ids: OrderIdGenerator,
    private readonly clock: Clock,
    /** Every attempt's outcome, with its session and, for a refusal, the code it was refused with. */
    private readonly onOutcome: (outcome: AttemptOutcome, sessionId: string, code?: ErrorCode) => void = () => {},
  ) {}

  /**
   * The refusals that need no request body — the sale has not started, the item is sold out, … —
   * answered before the body is read or validated, so a crowd pressing "buy" on a sold-out item costs
   * little. A key that already has an answer is left to `reserve`, which repeats that answer.
   */
  async refuseEarly(shopper: Shopper, sessionId: string, itemId: string, idempotencyKey: string): Promise<Refusal | null> {
    const session = this.catalog.sessions.get(sessionId);
    const item = this.catalog.items.get(itemId);
    if (!session || !item || item.sessionId !== sessionId) return null; // `reserve` looks harder
    const refusal = checkAttempt(session, item, shopper, this.clock.now());
    const soldOut = !refusal && this.hot.remaining(itemId) === 0;
    if (!refusal && !soldOut) return null;
    // Only a refusal asks for the key's history (a hot store trip), and a sold-out one only of a
    // shopper who may hold units: a retry gets its first answer, the crowd a local SOLD_OUT.
    const mayReplay = refusal !== null || (this.hot.mayHold?.(itemId, limitKeyOf(item), shopper.id) ?? true);
    if (mayReplay && (await this.hot.recall(shopper.id, idempotencyKey))) return null;
    if (refusal) {
      this.onOutcome('refused', sessionId, refusal.code);
      return refusal;
    }
    return this.refuse(sessionId, 'sold_out', 'SOLD_OUT', 'sold out');
  }

  async reserve(
    shopper: Shopper,
    sessionId: string,
    itemId: string,
    quantity: number,
    idempotencyKey: string,
  ): Promise<Reservation | Refusal> {
    let session = this.catalog.sessions.get(sessionId);
    let item = this.catalog.items.get(itemId);
    if ((!session || !item) && (await this.catalog.reloadAfterMiss())) {
      session = this.catalog.sessions.get(sessionId);
      item = this.catalog.items.get(itemId);
    }
    if (!session || !item || item.sessionId !== sessionId) {
      return this.refuse(sessionId, 'refused', 'NOT_FOUND', 'no such item in this session');
    }
    const now = this.clock.now();
    const refusal = checkAttempt(session, item, shopper, now);
    if (refusal) {
      // A retry whose first answer was lost gets that answer, even if the sale has closed since.
      const first = await this.hot.recall(shopper.id, idempotencyKey);
      if (first && first.itemId === itemId && first.quantity === quantity) {
        return this.answer(sessionId, this.hot.reserve({ record: first, perUserLimit: item.perUserLimit }));
      }
      this.onOutcome('refused', sessionId, refusal.code);
      return refusal;
    }
    // Past the gates the hot store's one step replays a key it has answered: no need to ask first.
    return this.answer(
      sessionId,
      this.hot.reserve({
        perUserLimit: item.perUserLimit,
        record: {
          orderId: this.ids.next(),
          userId: shopper.id,
          sessionId,
          itemId,
          limitKey: limitKeyOf(item),
          quantity,
          unitPrice: item.flashPrice,
          idempotencyKey,
          payBefore: now + session.paymentWindowSeconds * 1000,
          createdAt: now,
        },
      }),
      item.perUserLimit,
    );
  }

  private async answer(sessionId: string, pending: ReserveOutcome | Promise<ReserveOutcome>, perUserLimit = 0): Promise<Reservation | Refusal> {
    const outcome = await pending;
    if (!outcome.ok) {
      switch (outcome.code) {
        case 'SOLD_OUT':
          return this.refuse(sessionId, 'sold_out', 'SOLD_OUT', outcome.remaining > 0 ? `only ${outcome.remaining} left` : 'sold out');
        case 'LIMIT_REACHED':
          return this.refuse(sessionId, 'limit_reached', 'LIMIT_REACHED', `at most ${perUserLimit} per shopper`);
        case 'IDEMPOTENCY_KEY_REUSED':
          return this.refuse(sessionId, 'refused', 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different request');
      }
    }
    try {
      await outcome.durable;
    } catch {
      return this.refuse(sessionId, 'failed', 'UNAVAILABLE', 'the reservation could not be confirmed yet; retry with the same Idempotency-Key');
    }
    this.onOutcome(outcome.replay ? 'replayed' : 'reserved', sessionId);
    return { orderId: outcome.record.orderId, payBefore: outcome.record.payBefore, replay: outcome.replay };
  }

  private refuse(sessionId: string, outcome: AttemptOutcome, code: Refusal['code'], message: string): Refusal {
    this.onOutcome(outcome, sessionId, code);
    return { code, message };
  }
}
