import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { HotStore } from '../hotstore/hotstore.js';
import type { PaymentRouter } from '../payments/index.js';
import { Repeating } from '../repeating.js';
import { finishRefund } from './refunds.js';
import { releaseCancelled } from './orders.js';

export interface DeadlineSweeperOptions {
  intervalMs?: number;
  batch?: number;
  /** A payment still pending after this long was interrupted (e.g. a crash): it is reversed. */
  stalePaymentMs?: number;
  /** Scaled deployment: write what the order pipeline holds first, so no order due is left unseen. */
  catchUp?: () => Promise<void>;
  onCancelled?: (count: number) => void;
  onError?: (error: unknown) => void;
}

/**
 * Cancels reserved orders whose payment deadline has passed and puts their units back on sale.
 * The conditional update (status = 'reserved') makes each cancellation happen once, even with a
 * payment racing it or several sweepers running; SKIP LOCKED keeps sweepers out of each other's way.
 */
export class DeadlineSweeper extends Repeating {
  constructor(
    private readonly db: Database,
    private readonly hot: HotStore,
    private readonly payments: PaymentRouter,
    private readonly clock: Clock,
    private readonly options: DeadlineSweeperOptions = {},
  ) {
    super(() => this.sweep(), options.intervalMs ?? 1000, options.onError);
  }

  /** One pass; returns how many orders it cancelled. */
  async sweep(): Promise<number> {
    const now = new Date(this.clock.now());
    await this.options.catchUp?.();
    let total = 0;
    for (;;) {
      const released = await this.db.query<{ id: string; user_id: string; item_id: string; limit_key: string; quantity: number }>(
        `update orders set status = 'cancelled', cancelled_at = $1, cancel_reason = 'payment deadline passed'
          where id in (select id from orders where status = 'reserved' and pay_before <= $1
                        order by pay_before limit $2 for update skip locked)
            and status = 'reserved'
          returning id::text, user_id::text, item_id::text, limit_key, quantity`,
        [now, this.options.batch ?? 1000],
      );
      await releaseCancelled(this.hot, released);
      total += released.length;
      if (released.length < (this.options.batch ?? 1000)) break;
    }
    if (total > 0) this.options.onCancelled?.(total);
    await this.reverseStalePayments(now);
    return total;
  }

  private async reverseStalePayments(now: Date): Promise<void> {
    const staleBefore = new Date(now.getTime() - (this.options.stalePaymentMs ?? 120_000));
    const stale = await this.db.query<{ id: string; channel: string | null }>(
      `update payments set status = 'failed', failure = 'interrupted; reversed', updated_at = $1
        where status = 'pending' and created_at < $2
        returning id, channel`,
      [now, staleBefore],
    );
    for (const payment of stale) {
      // The channel that was tried is unknown after a crash: ask every channel to reverse it.
      for (const channel of this.payments.channelNames()) {
        await this.payments.refund(channel, payment.id).catch(() => {});
      }
    }
    // Refunds interrupted between the database and the channel are finished here.
    const unfinished = await this.db.query<{ id: string }>(
      `select id from payments where status = 'refund_pending' and updated_at < $1 limit 100`,
      [new Date(now.getTime() - 60_000)],
    );
    for (const payment of unfinished) await finishRefund(this.db, this.payments, payment.id, this.clock);
  }
}
