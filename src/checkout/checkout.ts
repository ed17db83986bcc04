import type { Clock } from '../clock.js';
import { type Database, isCheckViolation, isUniqueViolation } from '../db/database.js';
import { checkoutPaymentWindowMs, couponOffer, pointsForPayment } from '../domain/checkout.js';
import type { OrderIdGenerator } from '../domain/ids.js';
import { type CartLine as PricedLine, type Offer, priceCart } from '../domain/pricing/index.js';
import type { MemberTier } from '../domain/shopper.js';
import { MiaoshaError } from '../errors.js';
import { parseOrderId } from '../orders/orders.js';
import { awaitOtherPayment, checkChannel, payOnce } from '../orders/payOnce.js';
import type { PaymentRouter } from '../payments/index.js';
import type { Coupons } from '../promotions/coupons.js';
import type { PointsLedger } from '../promotions/points.js';
import { Repeating } from '../repeating.js';
import type { Carts } from './cart.js';
import { type Quote, couponsUsed, emptyQuote, quoteOf } from './quote.js';

export type CheckoutStatus = 'reserved' | 'paid' | 'cancelled';

export interface CheckoutOrderLine {
  productId: string;
  merchantId: string;
  title: string;
  quantity: number;
  unitPrice: number;
  total: number;
}

export interface CheckoutOrder {
  id: string;
  status: CheckoutStatus;
  listTotal: number;
  discountTotal: number;
  total: number;
  couponIds: string[];
  lines: CheckoutOrderLine[];
  /** The price explanation as it was when the order was placed. */
  explanation: Quote;
  payBefore: number;
  createdAt: number;
  paidAt: number | null;
  cancelledAt: number | null;
  cancelReason: string | null;
  payment: { id: string; status: string; channel: string | null; amount: number } | null;
}

/** Where the running promotions come from, and the points multiplier in force. */
export interface CheckoutSources {
  promotions: (at: number) => Promise<Offer[]>;
  pointsMultiplier: (at: number) => number;
}

interface OrderRow {
  id: string;
  status: CheckoutStatus;
  list_total: number;
  discount_total: number;
  total: number;
  coupon_ids: (string | number)[];
  explanation: Quote;
  pay_before: Date;
  created_at: Date;
  paid_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
}

const orderColumns = `id::text, status, list_total, discount_total, total, coupon_ids, explanation, pay_before, created_at, paid_at, cancelled_at, cancel_reason`;
const ms = (time: Date | string) => new Date(time).getTime();

/** PostgreSQL's deadlock_detected: the server aborted one of two statements; it is safe to run again. */
const isDeadlock = (error: unknown) => (error as { code?: string } | null)?.code === '40P01';

async function again<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isDeadlock(error) || attempt >= 5) throw error;
    }
  }
}

// Cancelling an order and putting back what it took, in one statement, so both happen once or not at
// all: the conditional UPDATE on the order decides (a payment, a second cancel or a second sweeper
// finds it no longer reserved); its products are locked in id order like a checkout's, then their
// stock comes back and the coupons it used return to their holders' wallets.
const cancelStatement = (which: string) => `
  with cancelled as (
    update checkout_orders set status = 'cancelled', cancelled_at = $1, cancel_reason = $2
     where id in (${which}) and status = 'reserved'
    returning id
  ), returned as (
    select l.product_id, sum(l.quantity)::int as quantity
      from checkout_order_lines l where l.order_id in (select id from cancelled) group by l.product_id
  ), locked as (
    select id from products where id in (select product_id from returned) order by id for no key update
  ), restocked as (
    update products p set stock = p.stock + r.quantity
      from returned r where p.id = r.product_id and p.id in (select id from locked)
    returning p.id
  ), given_back as (
    update coupons set status = 'available', order_id = null, used_at = null
     where order_id in (select id::text from cancelled) and status = 'used'
    returning id
  )
  select id::text, (select count(*) from restocked)::int as restocked, (select count(*) from given_back)::int as coupons
    from cancelled`;

/**
 * Checkout for ordinary orders: a cart is priced at the shopper's best price, placed as an order in
 * one statement (stock, coupons, order, cart together), paid at most once through the payment
 * channels, and cancelled by the shopper or by its deadline with stock and coupons returned once.
 */
export class Checkout {
  constructor(
    private readonly db: Database,
    private readonly carts: Carts,
    private readonly coupons: Coupons,
    private readonly points: PointsLedger,
    private readonly payments: PaymentRouter,
    private readonly ids: OrderIdGenerator,
    private readonly clock: Clock,
    private readonly sources: CheckoutSources,
  ) {}

  /** The cart at its best price now, with the explanation. Every running promotion and usable coupon is offered. */
  async quote(userId: string): Promise<Quote> {
    const lines = await this.carts.lines(userId);
    if (lines.length === 0) return emptyQuote;
    const now = this.clock.now();
    const [shopper, wallet, promotions] = await Promise.all([this.shopper(userId), this.coupons.wallet(userId), this.sources.promotions(now)]);
    const offers = [...promotions, ...wallet.filter((c) => c.state === 'available').map((c) => couponOffer({ ...c.template, id: c.id }))];
    const priced = priceCart({
      lines: lines.map(
        ({ product, quantity }): PricedLine => ({
          lineId: product.id,
          itemId: product.id,
          merchantId: product.merchantId,
          categoryId: product.category,
          unitPrice: product.price,
          quantity,
          floorPrice: product.floorPrice,
          flashSale: false,
          couponsAllowed: product.couponsAllowed,
        }),
      ),
      shopper,
      offers,
    });
    return quoteOf(lines, priced);
  }

  /** Tier from the users table; a first order until one checkout order is paid. */
  private async shopper(userId: string): Promise<{ tier: MemberTier; firstOrder: boolean }> {
    const [row] = await this.db.query<{ tier: MemberTier | null; paid: boolean }>(
      `select (select tier from users where id = $1) as tier,
              exists (select 1 from checkout_orders where user_id = $1 and status = 'paid') as paid`,
      [userId],
    );
    return { tier: row?.tier ?? 'regular', firstOrder: !row?.paid };
  }

  /**
   * Places the cart as an order, priced again here (never from the page). One statement takes the
   * stock of every line (the products' CHECK (stock >= 0) fails it whole if any line lacks units),
   * marks the chosen coupons used (the orders' CHECK fails it whole if one was used meanwhile), empties
   * the bought lines from the cart (a CHECK fails it whole if a line changed or was already ordered
   * since the price was worked out), and writes the order and its lines. The same idempotency key
   * always answers with the same order. `expectedTotal`: the total the shopper saw; a different
   * price now is refused (QUOTE_CHANGED) rather than charged.
   */
  async place(userId: string, idempotencyKey: string, expectedTotal?: number): Promise<CheckoutOrder> {
    const earlier = await this.byKey(userId, idempotencyKey);
    if (earlier) return earlier;
    try {
      return await this.placeNew(userId, idempotencyKey, expectedTotal);
    } catch (error) {
      // A retry racing its first try finds the cart already bought (CART_EMPTY) or the key taken:
      // the first try's order is the answer.
      if (!(error instanceof MiaoshaError) && !isUniqueViolation(error)) throw error;
      const same = await this.byKey(userId, idempotencyKey);
      if (same) return same;
      throw error;
    }
  }

  private async placeNew(userId: string, idempotencyKey: string, expectedTotal?: number): Promise<CheckoutOrder> {
    const quote = await this.quote(userId);
    if (quote.lines.length === 0) throw new MiaoshaError('CART_EMPTY', 'the cart is empty');
    const short = quote.lines.find((line) => line.quantity > line.stock);
    if (short) throw new MiaoshaError('OUT_OF_STOCK', `only ${short.stock} of ${short.title} left`);
    if (expectedTotal !== undefined && expectedTotal !== quote.total) {
      throw new MiaoshaError('QUOTE_CHANGED', 'the price has changed since it was shown; look at the cart again');
    }
    const orderId = this.ids.next();
    const now = this.clock.now();
    const couponIds = couponsUsed(quote);
    const wanted = quote.lines.map((line) => ({
      product_id: line.productId,
      merchant_id: line.merchantId,
      title: line.title,
      quantity: line.quantity,
      unit_price: line.unitPrice,
      total: line.total,
    }));
    try {
      await again(() =>
        this.db.query(
          `with wanted as (
             select * from jsonb_to_recordset($3::jsonb)
               as w(product_id bigint, merchant_id bigint, title text, quantity int, unit_price int, total int)
           ), locked as (
             select id from products where id in (select product_id from wanted) order by id for no key update
           ), taken as (
             update products p set stock = p.stock - w.quantity
               from wanted w where p.id = w.product_id and p.id in (select id from locked)
             returning p.id
           ), used as (
             update coupons set status = 'used', order_id = $1::bigint::text, used_at = $9
              where id = any($4::bigint[]) and user_id = $2 and status = 'available' and expires_at > $9
                and exists (select 1 from taken)
             returning id
           ), bought as (
             delete from cart_lines c using wanted w
              where c.user_id = $2 and c.product_id = w.product_id and c.quantity = w.quantity and exists (select 1 from taken)
             returning c.product_id
           ), placed as (
             insert into checkout_orders (id, user_id, status, idempotency_key, list_total, discount_total, total,
                                          coupon_ids, coupons_used, explanation, lines_bought, pay_before, created_at)
             values ($1::bigint, $2, 'reserved', $5, $6, $7, $8, $4::bigint[], (select count(*) from used), $10::jsonb,
                     (select count(*) from bought), $11, $9)
             returning id
           )
           insert into checkout_order_lines (order_id, product_id, merchant_id, title, quantity, unit_price, total, unit_paid)
           select (select id from placed), product_id, merchant_id, title, quantity, unit_price, total, total / quantity from wanted`,
          [
            orderId,
            userId,
            JSON.stringify(wanted),
            couponIds,
            idempotencyKey,
            quote.listTotal,
            quote.discountTotal,
            quote.total,
            new Date(now),
            JSON.stringify(quote),
            new Date(now + checkoutPaymentWindowMs),
          ],
        ),
      );
    } catch (error) {
      if (isCheckViolation(error, 'products_stock_never_negative')) {
        throw new MiaoshaError('OUT_OF_STOCK', 'a product in the cart sold out meanwhile; nothing was ordered');
      }
      if (isCheckViolation(error, 'checkout_orders_cart_as_priced')) {
        throw new MiaoshaError('QUOTE_CHANGED', 'the cart changed while it was being ordered; look at the cart again');
      }
      if (isCheckViolation(error, 'checkout_orders_coupons_all_used')) {
        throw new MiaoshaError('COUPON_NOT_USABLE', 'a coupon of this price was used meanwhile; look at the cart again');
      }
      throw error;
    }
    return this.get(orderId, userId);
  }

  private async byKey(userId: string, key: string): Promise<CheckoutOrder | null> {
    const [row] = await this.db.query<{ id: string }>('select id::text from checkout_orders where user_id = $1 and idempotency_key = $2', [userId, key]);
    return row ? this.get(row.id, userId) : null;
  }

  /** Another shopper's order is reported as missing, never as forbidden. */
  async get(orderId: string, userId: string): Promise<CheckoutOrder> {
    const id = parseOrderId(orderId).toString();
    const [row] = await this.db.query<OrderRow>(`select ${orderColumns} from checkout_orders where id = $1 and user_id = $2`, [id, userId]);
    if (!row) throw new MiaoshaError('NOT_FOUND', 'no such order');
    return (await this.present([row]))[0];
  }

  async list(userId: string, limit = 50): Promise<CheckoutOrder[]> {
    const rows = await this.db.query<OrderRow>(`select ${orderColumns} from checkout_orders where user_id = $1 order by id desc limit $2`, [userId, limit]);
    return this.present(rows);
  }

  private async present(rows: OrderRow[]): Promise<CheckoutOrder[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const [lines, payments] = await Promise.all([
      this.db.query<{ order_id: string; product_id: string; merchant_id: string; title: string; quantity: number; unit_price: number; total: number }>(
        `select order_id::text, product_id::text, merchant_id::text, title, quantity, unit_price, total
           from checkout_order_lines where order_id = any($1::bigint[]) order by merchant_id, product_id`,
        [ids],
      ),
      this.db.query<{ id: string; order_id: string; status: string; channel: string | null; amount: number }>(
        `select id, order_id::text, status, channel, amount from payments where order_id = any($1::bigint[]) order by created_at`,
        [ids],
      ),
    ]);
    const latest = new Map(payments.map((p) => [p.order_id, p]));
    return rows.map((row) => {
      const payment = latest.get(row.id);
      return {
        id: row.id,
        status: row.status,
        listTotal: row.list_total,
        discountTotal: row.discount_total,
        total: row.total,
        couponIds: row.coupon_ids.map(String),
        lines: lines
          .filter((line) => line.order_id === row.id)
          .map((line) => ({
            productId: line.product_id,
            merchantId: line.merchant_id,
            title: line.title,
            quantity: line.quantity,
            unitPrice: line.unit_price,
            total: line.total,
          })),
        explanation: row.explanation,
        payBefore: ms(row.pay_before),
        createdAt: ms(row.created_at),
        paidAt: row.paid_at ? ms(row.paid_at) : null,
        cancelledAt: row.cancelled_at ? ms(row.cancelled_at) : null,
        cancelReason: row.cancel_reason,
        payment: payment ? { id: payment.id, status: payment.status, channel: payment.channel, amount: payment.amount } : null,
      };
    });
  }

  /**
   * Pays an order at most once, as a flash-sale order is paid (see payOnce). Points are earned once per order.
   */
  async pay(orderId: string, userId: string, channel?: string, retried = false): Promise<CheckoutOrder> {
    checkChannel(this.payments, channel);
    const order = await this.get(orderId, userId);
    if (order.status === 'paid') return this.earnPoints(order, userId);
    if (order.status === 'cancelled') throw new MiaoshaError('ORDER_CANCELLED', 'this order was cancelled');
    if (this.clock.now() >= order.payBefore) throw new MiaoshaError('PAYMENT_EXPIRED', 'the payment deadline has passed');

    if (order.total === 0) {
      // Nothing to charge (free-order coupon down to zero floors): the order is simply paid.
      await this.db.query(`update checkout_orders set status = 'paid', paid_at = $2 where id = $1 and status = 'reserved'`, [order.id, new Date(this.clock.now())]);
      const settled = await this.get(orderId, userId);
      if (settled.status !== 'paid') throw new MiaoshaError('ORDER_CANCELLED', 'this order was cancelled');
      return this.earnPoints(settled, userId);
    }

    const paid = await payOnce(this.db, this.payments, this.clock, { table: 'checkout_orders', orderId: order.id, amount: order.total, channel });
    if (!paid) {
      const settled = await awaitOtherPayment(() => this.get(orderId, userId));
      if (settled.status === 'reserved' && !retried) return this.pay(orderId, userId, channel, true);
      if (settled.status === 'reserved') throw new MiaoshaError('PAYMENT_IN_PROGRESS', 'another payment for this order is under way; retry shortly');
      return settled.status === 'paid' ? this.earnPoints(settled, userId) : settled;
    }
    return this.earnPoints(await this.get(orderId, userId), userId);
  }

  /** Points for a paid order, once (the ledger applies a ref once): a repeat of pay heals a lost credit. */
  private async earnPoints(order: CheckoutOrder, userId: string): Promise<CheckoutOrder> {
    const at = order.paidAt ?? this.clock.now();
    const points = pointsForPayment(order.total, this.sources.pointsMultiplier(at));
    if (points > 0) await this.points.change(userId, 'points', points, 'order paid', `order:${order.id}`);
    return order;
  }

  /** The shopper cancels an unpaid order: stock and coupons come back once; a repeat gives the same answer. */
  async cancel(orderId: string, userId: string): Promise<CheckoutOrder> {
    const id = parseOrderId(orderId).toString();
    await again(() =>
      this.db.query(cancelStatement('select id from checkout_orders where id = $3 and user_id = $4'), [
        new Date(this.clock.now()),
        'cancelled by shopper',
        id,
        userId,
      ]),
    );
    const order = await this.get(orderId, userId);
    if (order.status !== 'cancelled') throw new MiaoshaError('ORDER_NOT_CANCELLABLE', `an order that is ${order.status} cannot be cancelled`);
    return order;
  }

  /**
   * Cancels the orders whose payment deadline has passed, a batch at a time. Safe with several nodes
   * sweeping: SKIP LOCKED keeps them apart and the conditional update cancels each order once.
   */
  async cancelOverdue(batch = 200): Promise<number> {
    let total = 0;
    for (;;) {
      const now = new Date(this.clock.now());
      const rows = await again(() =>
        this.db.query<{ id: string }>(
          cancelStatement(`select id from checkout_orders where status = 'reserved' and pay_before <= $1
                            order by pay_before limit $3 for update skip locked`),
          [now, 'payment deadline passed', batch],
        ),
      );
      total += rows.length;
      if (rows.length < batch) return total;
    }
  }
}

/** Runs the deadline of checkout orders on a timer, one pass at a time. */
export class CheckoutSweeper extends Repeating {
  constructor(checkout: Checkout, intervalMs = 1000, onError: (error: unknown) => void = () => {}) {
    super(() => checkout.cancelOverdue(), intervalMs, onError);
  }
}

/** The newest checkout order id made under a node number: the node's next ids must come after it too. */
export async function lastCheckoutOrderOfNode(db: Database, nodeId: number): Promise<string | null> {
  const [row] = await db.query<{ id: string | null }>('select max(id)::text as id from checkout_orders where (id / 10000) % 100 = $1', [nodeId]);
  return row?.id ?? null;
}
