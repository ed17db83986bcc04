import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import * as t from '../db/schema.js';
import type { Order, OrderStatus } from '../domain/order.js';
import { MiaoshaError } from '../errors.js';
import type { HotStore, ReservationRecord } from '../hotstore/hotstore.js';
import type { PaymentRouter } from '../payments/index.js';
import { insertReservations } from './groupCommit.js';
import { awaitOtherPayment, checkChannel, payOnce } from './payOnce.js';

export interface PaymentView {
  id: string;
  status: string;
  channel: string | null;
  amount: number;
}

export interface OrderView extends Order {
  amount: number;
  payment: PaymentView | null;
}

type ReleasedRow = { id: string; user_id: string; item_id: string; limit_key: string; quantity: number };

/** After the deadline or a shopper's cancel: the row decides, then the units go back exactly once. */
export function releaseCancelled(hot: HotStore, rows: ReleasedRow[]): Promise<unknown> {
  return Promise.all(
    rows.map((r) =>
      hot.release({ itemId: String(r.item_id), userId: String(r.user_id), limitKey: r.limit_key, quantity: r.quantity }),
    ),
  );
}

/** A shopper's orders after the reservation: reading, paying and cancelling them. */
export class Orders {
  constructor(
    private readonly db: Database,
    private readonly hot: HotStore,
    private readonly payments: PaymentRouter,
    private readonly clock: Clock,
    private readonly onPayment: (outcome: 'paid' | 'failed') => void = () => {},
    /**
     * Scaled deployment: the shopper's reservations as the hot store granted them, some perhaps not
     * yet written by the order pipeline. Those are written on the spot (the pipeline's later insert of
     * the same id does nothing), so an order can be read, paid and cancelled the moment it is acknowledged.
     */
    private readonly granted?: (userId: string) => Promise<ReservationRecord[]>,
  ) {}

  /** Another shopper's order is reported as missing, never as forbidden: ids leak nothing. */
  async get(orderId: string, userId: string): Promise<OrderView> {
    const id = parseOrderId(orderId);
    const row = (await this.row(id, userId)) ?? (await this.writeUnwritten(orderId, userId));
    if (!row) throw new MiaoshaError('NOT_FOUND', 'no such order');
    const [payment] = await this.db.orm
      .select()
      .from(t.payments)
      .where(eq(t.payments.orderId, id))
      .orderBy(desc(t.payments.createdAt))
      .limit(1);
    return view(row, payment ?? null);
  }

  private async row(id: bigint, userId: string): Promise<t.OrderRow | undefined> {
    const [row] = await this.db.orm
      .select()
      .from(t.orders)
      .where(and(eq(t.orders.id, id), eq(t.orders.userId, Number(userId))));
    return row;
  }

  private async writeUnwritten(orderId: string, userId: string): Promise<t.OrderRow | undefined> {
    const record = (await this.granted?.(userId))?.find((r) => r.orderId === orderId);
    if (!record) return undefined;
    await insertReservations(this.db, [record]);
    return this.row(BigInt(orderId), userId);
  }

  async list(userId: string, limit = 50): Promise<OrderView[]> {
    if (this.granted) {
      const records = await this.granted(userId);
      if (records.length > 0) await insertReservations(this.db, records); // the written ones are left as they are
    }
    const rows = await this.db.orm
      .select()
      .from(t.orders)
      .where(eq(t.orders.userId, Number(userId)))
      .orderBy(desc(t.orders.id))
      .limit(limit);
    if (rows.length === 0) return [];
    // The latest payment of each order, in one query.
    const payments = await this.db.orm
      .select()
      .from(t.payments)
      .where(inArray(t.payments.orderId, rows.map((r) => r.id)))
      .orderBy(t.payments.createdAt);
    const latest = new Map(payments.map((p) => [p.orderId, p]));
    return rows.map((row) => view(row, latest.get(row.id) ?? null));
  }

  /** Cancelling twice gives the same answer and returns the unit once: the conditional update decides. */
  async cancel(orderId: string, userId: string): Promise<OrderView> {
    const id = parseOrderId(orderId);
    if (this.granted && !(await this.row(id, userId))) await this.writeUnwritten(orderId, userId);
    const now = new Date(this.clock.now());
    const released = await this.db.query<ReleasedRow>(
      `update orders set status = 'cancelled', cancelled_at = $3, cancel_reason = 'cancelled by shopper'
        where id = $1 and user_id = $2 and status = 'reserved'
        returning id::text, user_id::text, item_id::text, limit_key, quantity`,
      [id.toString(), userId, now],
    );
    await releaseCancelled(this.hot, released);
    const order = await this.get(orderId, userId);
    if (order.status !== 'cancelled') {
      throw new MiaoshaError('ORDER_NOT_CANCELLABLE', `an order that is ${order.status} cannot be cancelled`);
    }
    return order;
  }

  /**
   * Pays an order at most once (see payOnce): a double click or a retry waits for the first payment
   * instead of charging again, and the deadline's race with the charge is settled in one statement.
   */
  async pay(orderId: string, userId: string, channel?: string, retried = false): Promise<OrderView> {
    checkChannel(this.payments, channel);
    const order = await this.get(orderId, userId);
    if (order.status === 'paid' || order.status === 'shipped' || order.status === 'completed') return order;
    if (order.status === 'cancelled') throw new MiaoshaError('ORDER_CANCELLED', 'this order was cancelled');
    if (order.status === 'refunded') throw new MiaoshaError('ORDER_CANCELLED', 'this order was refunded');
    if (this.clock.now() >= order.payBefore) throw new MiaoshaError('PAYMENT_EXPIRED', 'the payment deadline has passed');

    const paid = await payOnce(this.db, this.payments, this.clock, { table: 'orders', orderId, amount: order.amount, channel, onFailed: () => this.onPayment('failed') });
    if (!paid) {
      const settled = await awaitOtherPayment(() => this.get(orderId, userId));
      // The other payment failed and left the order unpaid: try once more ourselves.
      if (settled.status === 'reserved' && !retried) return this.pay(orderId, userId, channel, true);
      if (settled.status === 'reserved') throw new MiaoshaError('PAYMENT_IN_PROGRESS', 'another payment for this order is under way; retry shortly');
      return settled;
    }
    this.onPayment('paid');
    return this.get(orderId, userId);
  }
}

/** An id that cannot exist (not a positive bigint) is simply not found. */
export function parseOrderId(orderId: string): bigint {
  if (!/^[1-9][0-9]{0,18}$/.test(orderId)) throw new MiaoshaError('NOT_FOUND', 'no such order');
  const id = BigInt(orderId);
  if (id > 9223372036854775807n) throw new MiaoshaError('NOT_FOUND', 'no such order');
  return id;
}

function view(row: t.OrderRow, payment: t.PaymentRow | null): OrderView {
  return {
    id: row.id.toString(),
    userId: String(row.userId),
    sessionId: String(row.sessionId),
    itemId: String(row.itemId),
    quantity: row.quantity,
    unitPrice: row.unitPrice,
    amount: row.unitPrice * row.quantity,
    status: row.status as OrderStatus,
    payBefore: row.payBefore.getTime(),
    createdAt: row.createdAt.getTime(),
    paidAt: row.paidAt?.getTime() ?? null,
    cancelledAt: row.cancelledAt?.getTime() ?? null,
    cancelReason: row.cancelReason,
    payment: payment
      ? { id: payment.id, status: payment.status, channel: payment.channel, amount: payment.amount }
      : null,
  };
}
