import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { OrderStatus } from '../domain/order.js';
import { MiaoshaError } from '../errors.js';
import type { PaymentRouter } from '../payments/index.js';
import { parseOrderId } from './orders.js';
import { finishRefund } from './refunds.js';

export interface OperatorOrder {
  id: string;
  userId: string;
  itemId: string;
  quantity: number;
  amount: number;
  status: OrderStatus;
  createdAt: number;
  paidAt: number | null;
}

type Row = { id: string; user_id: string; item_id: string; quantity: number; unit_price: number; status: OrderStatus; created_at: Date; paid_at: Date | null };

const columns = `id::text, user_id::text, item_id::text, quantity, unit_price, status, created_at, paid_at`;

function present(row: Row): OperatorOrder {
  return {
    id: row.id,
    userId: row.user_id,
    itemId: row.item_id,
    quantity: row.quantity,
    amount: row.quantity * row.unit_price,
    status: row.status,
    createdAt: new Date(row.created_at).getTime(),
    paidAt: row.paid_at ? new Date(row.paid_at).getTime() : null,
  };
}

/**
 * The operator's side of an order after payment: ship, complete, refund. Each move is one conditional
 * update from the state the machine allows, so two operators clicking at once move it once.
 */
export class Fulfilment {
  constructor(
    private readonly db: Database,
    private readonly payments: PaymentRouter,
    private readonly clock: Clock,
    /** Scaled deployment: write the reservations the order pipeline holds, so a fresh order has its row. */
    private readonly catchUp?: () => Promise<unknown>,
  ) {}

  async list(sessionId: string, status: OrderStatus | undefined, limit: number, before?: string): Promise<OperatorOrder[]> {
    const rows = await this.db.query<Row>(
      `select ${columns} from orders
        where session_id = $1 and ($2::text is null or status = $2) and ($3::bigint is null or id < $3)
        order by id desc limit $4`,
      [sessionId, status ?? null, before ?? null, limit],
    );
    return rows.map(present);
  }

  ship(orderId: string): Promise<OperatorOrder> {
    return this.move(orderId, 'paid', 'shipped');
  }

  complete(orderId: string): Promise<OperatorOrder> {
    return this.move(orderId, 'shipped', 'completed');
  }

  /**
   * Refunds a paid order. The order and its payment change together (the payment becomes
   * refund_pending), then the channel returns the money, then the payment is marked refunded.
   * A crash in between leaves refund_pending, which the deadline sweeper drives to the end.
   */
  async refund(orderId: string): Promise<OperatorOrder> {
    parseOrderId(orderId);
    // One statement: the order leaves 'paid' and its payment becomes refund_pending together.
    const [result] = await this.db.query<{ moved: number; payment_id: string | null }>(
      `with moved as (
         update orders set status = 'refunded' where id = $1 and status = 'paid' returning id
       ), payment as (
         update payments set status = 'refund_pending', updated_at = $2
          where order_id = $1 and status = 'succeeded' and exists (select 1 from moved)
         returning id
       )
       select (select count(*) from moved)::int as moved, (select id from payment limit 1) as payment_id`,
      [orderId, new Date(this.clock.now())],
    );
    const payment = result.moved > 0 ? { id: result.payment_id } : null;
    if (!payment) {
      const order = await this.find(orderId);
      if (order.status === 'refunded') return order; // a repeat: same answer
      throw new MiaoshaError('ORDER_STATE_CONFLICT', `an order that is ${order.status} cannot be refunded`);
    }
    if (payment.id) await finishRefund(this.db, this.payments, payment.id, this.clock);
    return this.find(orderId);
  }

  private async move(orderId: string, from: OrderStatus, to: OrderStatus): Promise<OperatorOrder> {
    parseOrderId(orderId);
    const rows = await this.db.query<Row>(
      `update orders set status = $3 where id = $1 and status = $2 returning ${columns}`,
      [orderId, from, to],
    );
    if (rows.length > 0) return present(rows[0]);
    const order = await this.find(orderId);
    if (order.status === to) return order; // a repeat: same answer
    throw new MiaoshaError('ORDER_STATE_CONFLICT', `an order that is ${order.status} cannot become ${to}`);
  }

  private async find(orderId: string): Promise<OperatorOrder> {
    parseOrderId(orderId);
    const read = () => this.db.query<Row>(`select ${columns} from orders where id = $1`, [orderId]);
    let [row] = await read();
    if (!row && this.catchUp) {
      await this.catchUp();
      [row] = await read();
    }
    if (!row) throw new MiaoshaError('NOT_FOUND', 'no such order');
    return present(row);
  }
}
