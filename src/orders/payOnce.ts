import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { MiaoshaError } from '../errors.js';
import { PaymentFailedError, type PaymentRouter } from '../payments/index.js';
import { finishRefund } from './refunds.js';

export interface PayOnce {
  /** The table of the order: its row becomes paid only while it is still reserved. */
  table: 'orders' | 'checkout_orders';
  orderId: string;
  amount: number;
  channel?: string;
  /** Told when the charge was refused or lost its race with a cancel (for the payment metrics). */
  onFailed?: () => void;
}

/** A shopper may name the channel to pay through; one this shop does not have is bad input. */
export function checkChannel(payments: PaymentRouter, channel: string | undefined): void {
  if (channel !== undefined && !payments.hasChannel(channel)) {
    throw new MiaoshaError('INVALID_REQUEST', `unknown payment channel ${channel}`);
  }
}

/**
 * Pays a reserved order at most once. A partial unique index allows one pending-or-succeeded payment per
 * order, so a double click or a retry finds the first payment instead of charging again (false: the
 * caller waits for that one). The charge runs with no lock held; afterwards one conditional update
 * settles the race with cancel and the deadline, and a charge that lost it is refunded.
 */
export async function payOnce(db: Database, payments: PaymentRouter, clock: Clock, order: PayOnce): Promise<boolean> {
  const { table, orderId, amount, channel } = order;
  const paymentId = randomUUID();
  const claimed = await db.query(
    `insert into payments (id, order_id, amount, status, created_at, updated_at)
     values ($1, $2, $3, 'pending', $4, $4)
     on conflict (order_id) where status in ('pending', 'succeeded') do nothing
     returning id`,
    [paymentId, orderId, amount, new Date(clock.now())],
  );
  if (claimed.length === 0) return false;

  let receipt;
  try {
    receipt = await payments.pay({ paymentId, orderId, amount }, channel);
  } catch (error) {
    const reason = error instanceof PaymentFailedError ? error.causes.join('; ') : String(error);
    await db.query(`update payments set status = 'failed', failure = $2, updated_at = $3 where id = $1`, [paymentId, reason.slice(0, 500), new Date(clock.now())]);
    order.onFailed?.();
    throw new MiaoshaError('PAYMENT_FAILED', 'no payment channel accepted the payment; nothing was charged');
  }

  // One statement settles both rows: the order becomes paid only if it is still reserved, and the
  // payment records whether it won. The conditional update decides the race with cancel/deadline.
  const [settled] = await db.query<{ status: string }>(
    `with paid as (
       update ${table} set status = 'paid', paid_at = $2 where id = $1 and status = 'reserved' returning id
     )
     update payments
        set status = case when exists (select 1 from paid) then 'succeeded' else 'refund_pending' end,
            channel = $3, reference = $4, updated_at = $2
      where id = $5
     returning status`,
    [orderId, new Date(clock.now()), receipt.channel, receipt.reference, paymentId],
  );
  if (settled?.status !== 'succeeded') {
    // The deadline (or the shopper) cancelled the order while the charge was in flight. If the
    // channel cannot refund right now, the payment stays refund_pending and the sweeper finishes it.
    await finishRefund(db, payments, paymentId, clock).catch(() => {});
    order.onFailed?.();
    throw new MiaoshaError('ORDER_CANCELLED', 'the order was cancelled before the payment completed; the charge was refunded');
  }
  return true;
}

/** A payment for this order is already under way (a double click): waits for its outcome. */
export async function awaitOtherPayment<O extends { status: string; payment: { status: string } | null }>(read: () => Promise<O>): Promise<O> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    const order = await read();
    if (order.status === 'cancelled') throw new MiaoshaError('ORDER_CANCELLED', 'this order was cancelled');
    if (order.status !== 'reserved' || order.payment?.status !== 'pending') return order;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new MiaoshaError('PAYMENT_IN_PROGRESS', 'a payment for this order is already in progress; retry shortly');
}
