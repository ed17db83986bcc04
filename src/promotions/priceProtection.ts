import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { MiaoshaError } from '../errors.js';
import { parseOrderId } from '../orders/orders.js';
import type { PaymentRouter } from '../payments/index.js';
import { Repeating } from '../repeating.js';

/** 保价: a paid order line may claim a lower price for this long after payment. */
export const priceProtectionDays = 30;
export const priceProtectionWindowMs = priceProtectionDays * 86_400_000;

/**
 * What a line may claim when its product sells for `priceNow` a unit: the difference per unit below what
 * one unit was paid, times the quantity, never more than the line paid. 0 when the price is not lower.
 */
export function protectedAmount(line: { unitPaid: number; quantity: number; total: number }, priceNow: number): number {
  if (priceNow >= line.unitPaid) return 0;
  return Math.min((line.unitPaid - Math.max(0, priceNow)) * line.quantity, line.total);
}

/** Whether a line paid at `paidAt` is still protected at `now`. */
export const isProtected = (paidAt: number, now: number): boolean => now < paidAt + priceProtectionWindowMs;

export interface PriceProtectionClaim {
  orderId: string;
  /** The order line: its product's id. */
  lineId: string;
  title: string;
  quantity: number;
  unitPaid: number;
  unitPriceNow: number;
  /** Cents returned: (unitPaid − unitPriceNow) × quantity, never more than the line paid. */
  amount: number;
  /** pending: the refund is still to reach the payment channel (retried by the sweep); refunded: returned. */
  status: 'pending' | 'refunded';
  /** Made by the automatic price protection rather than by the shopper. */
  automatic: boolean;
  createdAt: number;
  refundedAt: number | null;
}

/** Where one line of an order stands for price protection (the order page's section). */
export interface ProtectedLine {
  lineId: string;
  title: string;
  quantity: number;
  unitPaid: number;
  priceNow: number;
  /** What a claim now would return; 0 unless `state` is claimable. */
  amount: number;
  state: 'claimable' | 'claimed' | 'not-lower' | 'expired' | 'not-paid';
  /** Protected until then (30 days after payment); null for an unpaid order. */
  protectedUntil: number | null;
  claim: PriceProtectionClaim | null;
}

interface ClaimRow {
  order_id: string;
  product_id: string;
  title: string;
  quantity: number;
  unit_paid: number;
  unit_price_now: number;
  amount: number;
  payment_id: string;
  channel: string;
  status: 'pending' | 'refunded';
  automatic: boolean;
  created_at: Date;
  refunded_at: Date | null;
}

const claimColumns = `order_id::text, product_id::text, title, quantity, unit_paid, unit_price_now, amount, payment_id, channel, status, automatic, created_at, refunded_at`;
const ms = (time: Date | string) => new Date(time).getTime();

const claimOf = (row: ClaimRow): PriceProtectionClaim => ({
  orderId: row.order_id,
  lineId: row.product_id,
  title: row.title,
  quantity: row.quantity,
  unitPaid: row.unit_paid,
  unitPriceNow: row.unit_price_now,
  amount: row.amount,
  status: row.status,
  automatic: row.automatic,
  createdAt: ms(row.created_at),
  refundedAt: row.refunded_at ? ms(row.refunded_at) : null,
});

/**
 * The lines of paid checkout orders that may claim now: paid within the window through a settled
 * payment, their product's price now below what a unit was paid. `$1` is the oldest payment time still
 * protected; the caller adds its own conditions after `where`.
 */
const eligibleLines = (conditions: string) => `
  select l.order_id, l.product_id, o.user_id, l.title, l.quantity, l.unit_paid, l.total, p.price, pay.id as payment_id, pay.channel
    from checkout_order_lines l
    join checkout_orders o on o.id = l.order_id
    join products p on p.id = l.product_id
    join payments pay on pay.order_id = o.id and pay.status = 'succeeded' and pay.channel is not null
   where o.status = 'paid' and o.paid_at > $1 and p.price < l.unit_paid and ${conditions}`;

/** The claim written from eligible lines, in one statement; a line already claimed is skipped by its key. */
const insertClaims = (automatic: boolean) => `
  insert into price_protection_claims (order_id, product_id, user_id, title, quantity, unit_paid, unit_price_now, amount, line_total,
                                       payment_id, channel, status, automatic, created_at)
  select order_id, product_id, user_id, title, quantity, unit_paid, price,
         least((unit_paid - price)::bigint * quantity, total), total, payment_id, channel, 'pending', ${automatic}, $2
    from line
  on conflict (order_id, product_id) do nothing
  returning ${claimColumns}`;

const automaticKey = 'price_protection_automatic';

/**
 * Price protection (保价, O3): within 30 days of payment, a line of a checkout order whose product now
 * sells for less may claim the difference once. The claim is one INSERT … SELECT that re-checks every
 * condition and relies on one row per order line, so a second claim or a race of many pays out once;
 * the money goes back as a partial refund of the order's payment, idempotent per line. When the
 * operator turns on automatic protection, a sweep makes the claims for every eligible line itself.
 */
export class PriceProtection {
  constructor(
    private readonly db: Database,
    private readonly payments: PaymentRouter,
    private readonly clock: Clock,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  async automatic(): Promise<boolean> {
    const [row] = await this.db.query<{ value: string }>('select value from settings where key = $1', [automaticKey]);
    return row?.value === 'on';
  }

  async setAutomatic(on: boolean): Promise<boolean> {
    await this.db.query('insert into settings (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value', [automaticKey, on ? 'on' : 'off']);
    return on;
  }

  /** The shopper claims the lower price for one line of their order; the refund goes out before the answer when the channel answers. */
  async claim(userId: string, orderId: string, lineId: string): Promise<PriceProtectionClaim> {
    const order = parseOrderId(orderId).toString();
    if (!/^[1-9][0-9]{0,17}$/.test(lineId)) throw new MiaoshaError('NOT_FOUND', 'no such line in this order');
    const now = this.clock.now();
    const [made] = await this.db.query<ClaimRow>(
      `with line as (${eligibleLines('l.order_id = $3 and l.product_id = $4 and o.user_id = $5')})
       ${insertClaims(false)}`,
      [new Date(now - priceProtectionWindowMs), new Date(now), order, lineId, userId],
    );
    if (!made) throw await this.whyNotClaimed(userId, order, lineId, now);
    return this.settle(made);
  }

  /** After a refused claim, which rule refused it (a read; nothing changes). */
  private async whyNotClaimed(userId: string, orderId: string, lineId: string, now: number): Promise<MiaoshaError> {
    const lines = await this.lines(userId, orderId, now);
    const line = lines.find((l) => l.lineId === lineId);
    if (!line) return new MiaoshaError('NOT_FOUND', 'no such line in this order');
    switch (line.state) {
      case 'claimed':
        return new MiaoshaError('PRICE_PROTECTION_CLAIMED', 'price protection was already claimed for this line');
      case 'expired':
        return new MiaoshaError('PRICE_PROTECTION_EXPIRED', `price protection ends ${priceProtectionDays} days after payment`);
      case 'not-paid':
        return new MiaoshaError('PRICE_PROTECTION_NOT_ELIGIBLE', 'only a paid order can claim price protection');
      case 'not-lower':
      case 'claimable':
        // Claimable on a second look: the price fell between the two reads; the shopper may claim again.
        return new MiaoshaError('PRICE_NOT_LOWER', 'the price now is not below what was paid');
    }
  }

  /** Every line of one of the shopper's checkout orders with where it stands for price protection. */
  async lines(userId: string, orderId: string, now = this.clock.now()): Promise<ProtectedLine[]> {
    const order = parseOrderId(orderId).toString();
    const rows = await this.db.query<{
      status: string;
      paid_at: Date | null;
      settled: boolean;
      product_id: string;
      title: string;
      quantity: number;
      unit_paid: number;
      total: number;
      price: number;
    }>(
      `select o.status, o.paid_at,
              exists (select 1 from payments pay where pay.order_id = o.id and pay.status = 'succeeded' and pay.channel is not null) as settled,
              l.product_id::text, l.title, l.quantity, l.unit_paid, l.total, p.price
         from checkout_orders o
         join checkout_order_lines l on l.order_id = o.id
         join products p on p.id = l.product_id
        where o.id = $1 and o.user_id = $2
        order by l.merchant_id, l.product_id`,
      [order, userId],
    );
    if (rows.length === 0) throw new MiaoshaError('NOT_FOUND', 'no such order');
    const claims = new Map(
      (await this.db.query<ClaimRow>(`select ${claimColumns} from price_protection_claims where order_id = $1 and user_id = $2`, [order, userId])).map((row) => [
        row.product_id,
        claimOf(row),
      ]),
    );
    return rows.map((row) => {
      const paidAt = row.paid_at ? ms(row.paid_at) : null;
      const claim = claims.get(row.product_id) ?? null;
      const amount = protectedAmount({ unitPaid: row.unit_paid, quantity: row.quantity, total: row.total }, row.price);
      const state: ProtectedLine['state'] = claim
        ? 'claimed'
        : row.status !== 'paid' || paidAt === null || !row.settled
          ? 'not-paid'
          : !isProtected(paidAt, now)
            ? 'expired'
            : amount === 0
              ? 'not-lower'
              : 'claimable';
      return {
        lineId: row.product_id,
        title: row.title,
        quantity: row.quantity,
        unitPaid: row.unit_paid,
        priceNow: row.price,
        amount: state === 'claimable' ? amount : 0,
        state,
        protectedUntil: paidAt === null ? null : paidAt + priceProtectionWindowMs,
        claim,
      };
    });
  }

  /** The shopper's claims, newest first. */
  async claims(userId: string): Promise<PriceProtectionClaim[]> {
    const rows = await this.db.query<ClaimRow>(`select ${claimColumns} from price_protection_claims where user_id = $1 order by created_at desc, id desc limit 200`, [
      userId,
    ]);
    return rows.map(claimOf);
  }

  /**
   * One pass of the sweep: with automatic protection on, claims every eligible line (a batch at a time,
   * each line once however many nodes sweep); then returns the money of every claim still pending.
   */
  async sweep(batch = 200): Promise<{ claimed: number; refunded: number }> {
    let claimed = 0;
    if (await this.automatic()) {
      for (;;) {
        const now = this.clock.now();
        const made = await this.db.query<ClaimRow>(
          `with line as (${eligibleLines(
            'not exists (select 1 from price_protection_claims c where c.order_id = l.order_id and c.product_id = l.product_id) limit $3',
          )})
           ${insertClaims(true)}`,
          [new Date(now - priceProtectionWindowMs), new Date(now), batch],
        );
        claimed += made.length;
        if (made.length < batch) break;
      }
    }
    const pending = await this.db.query<ClaimRow>(`select ${claimColumns} from price_protection_claims where status = 'pending' order by created_at limit $1`, [batch]);
    let refunded = 0;
    for (const row of pending) if ((await this.settle(row)).status === 'refunded') refunded++;
    return { claimed, refunded };
  }

  /**
   * Returns a claim's money through the channel that took the payment. The refund id is the order line's,
   * so a repeat (a retry, another node's sweep) returns nothing more; a channel that fails leaves the claim
   * pending for the next sweep.
   */
  private async settle(row: ClaimRow): Promise<PriceProtectionClaim> {
    if (row.status === 'refunded') return claimOf(row);
    try {
      await this.payments.refundPart(row.channel, row.payment_id, `price-protection:${row.order_id}:${row.product_id}`, row.amount);
    } catch (error) {
      this.onError(error);
      return claimOf(row);
    }
    const [done] = await this.db.query<ClaimRow>(
      `update price_protection_claims set status = 'refunded', refunded_at = coalesce(refunded_at, $3)
        where order_id = $1 and product_id = $2
       returning ${claimColumns}`,
      [row.order_id, row.product_id, new Date(this.clock.now())],
    );
    return claimOf(done ?? row);
  }
}

/** Runs the price-protection sweep on a timer, one pass at a time. */
export class PriceProtectionSweeper extends Repeating {
  constructor(protection: PriceProtection, intervalMs = 10_000, onError: (error: unknown) => void = () => {}) {
    super(() => protection.sweep(), intervalMs, onError);
  }
}
