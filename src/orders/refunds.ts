import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { PaymentRouter } from '../payments/index.js';

/** Returns the money of a refund_pending payment; safe to repeat (channel refunds are idempotent). */
export async function finishRefund(db: Database, payments: PaymentRouter, paymentId: string, clock: Clock): Promise<void> {
  const [row] = await db.query<{ channel: string | null }>(`select channel from payments where id = $1`, [paymentId]);
  if (row?.channel) await payments.refund(row.channel, paymentId);
  await db.query(`update payments set status = 'refunded', updated_at = $2 where id = $1 and status = 'refund_pending'`, [
    paymentId,
    new Date(clock.now()),
  ]);
}
