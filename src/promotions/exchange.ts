import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { Currency } from '../domain/points.js';
import { MiaoshaError } from '../errors.js';
import type { Coupons, CouponTemplate, WalletCoupon } from './coupons.js';
import type { PointsLedger } from './points.js';
import { Repeating } from '../repeating.js';

export interface ExchangeOfferInput {
  templateId: string;
  currency: Currency;
  price: number;
  perUserLimit: number;
  active?: boolean;
}

/** An offer with its coupon and what is left of the coupon's pool. */
export interface ExchangeOffer {
  id: string;
  template: CouponTemplate;
  currency: Currency;
  price: number;
  perUserLimit: number;
  active: boolean;
  left: number;
}

export type RedemptionStatus = 'pending' | 'granted' | 'refunded' | 'unpaid';

export interface Redemption {
  id: string;
  offerId: string;
  currency: Currency;
  price: number;
  status: RedemptionStatus;
  coupon: WalletCoupon | null;
  at: number;
}

interface OfferRow {
  id: string;
  template_id: string;
  currency: Currency;
  price: number;
  per_user_limit: number;
  active: boolean;
}

interface RedemptionRow {
  id: string;
  offer_id: string;
  user_id: string;
  currency: Currency;
  price: number;
  status: RedemptionStatus;
  coupon_id: string | null;
  at: Date;
}

/**
 * Points and energy for coupons (积分/能量兑换, P4). A redemption is a row that moves
 * pending → granted | refunded | unpaid, each step once:
 * 1. one statement counts it against the shopper's cap for the offer and writes it pending;
 * 2. the price is spent (ledger ref `exchange:<id>`);
 * 3. the coupon is granted (ref `exchange:<id>`); when the pool is empty the price comes back
 *    (ref `exchange-refund:<id>`).
 * Refs make every step a no-op when repeated, so `finish` can take a pending redemption up again
 * after a crash: points are never lost and a coupon is never given unpaid. One still pending after
 * its lease (the process stopped between steps) is taken up by `recover`.
 */
export class Exchange {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly ledger: PointsLedger,
    private readonly coupons: Coupons,
  ) {}

  /** How long a redemption may take before the recovery pass takes it up, and how long a recovery pass holds it. */
  static readonly leaseMs = 30_000;

  async createOffer(input: ExchangeOfferInput): Promise<ExchangeOffer> {
    const template = await this.coupons.template(input.templateId).catch(() => null);
    if (!template || template.handout !== 'grant') {
      throw new MiaoshaError('INVALID_REQUEST', 'an exchange offers an existing coupon the platform grants (handout grant)');
    }
    const [row] = await this.db.query<OfferRow>(
      `insert into exchange_offers (template_id, currency, price, per_user_limit, active) values ($1, $2, $3, $4, $5) returning *`,
      [input.templateId, input.currency, input.price, input.perUserLimit, input.active ?? true],
    );
    return this.offerOf(row, template);
  }

  /** Every offer (the operator's list), or only the active ones whose coupon is still valid (the shop's). */
  async offers(onlyOpen = false): Promise<ExchangeOffer[]> {
    const rows = await this.db.query<OfferRow>(
      onlyOpen
        ? `select o.* from exchange_offers o join coupon_templates t on t.id = o.template_id where o.active and t.valid_to > $1 order by o.id desc`
        : 'select * from exchange_offers order by id desc',
      onlyOpen ? [new Date(this.clock.now())] : [],
    );
    return Promise.all(rows.map(async (row) => this.offerOf(row, await this.coupons.template(String(row.template_id)))));
  }

  /** Opens or closes an offer to shoppers; redemptions under way still finish. */
  async setActive(offerId: string, active: boolean): Promise<ExchangeOffer> {
    const [row] = await this.db.query<OfferRow>('update exchange_offers set active = $2 where id = $1 returning *', [offerId, active]);
    if (!row) throw new MiaoshaError('NOT_FOUND', `no exchange offer ${offerId}`);
    return this.offerOf(row, await this.coupons.template(String(row.template_id)));
  }

  private offerOf(row: OfferRow, template: CouponTemplate): ExchangeOffer {
    return {
      id: String(row.id),
      template,
      currency: row.currency,
      price: row.price,
      perUserLimit: row.per_user_limit,
      active: row.active,
      left: Math.max(0, template.totalQuantity - template.claimed),
    };
  }

  /** Redeems one coupon of an offer; refused with the reason when it cannot be paid or the coupons are gone (then refunded). */
  async redeem(userId: string, offerId: string): Promise<Redemption> {
    const [made] = await this.db.query<RedemptionRow>(
      `with offer as (
         select o.id, o.currency, o.price, o.per_user_limit
           from exchange_offers o join coupon_templates t on t.id = o.template_id
          where o.id = $1 and o.active and t.valid_to > $3
       ), mine as (
         insert into exchange_counts as c (offer_id, user_id, redeemed)
         select id, $2, 1 from offer
         on conflict (offer_id, user_id) do update set redeemed = c.redeemed + 1
          where c.redeemed < (select per_user_limit from offer)
         returning offer_id
       )
       insert into exchanges (offer_id, user_id, currency, price, status, at, due_at)
       select o.id, $2, o.currency, o.price, 'pending', $3, $4 from offer o join mine m on m.offer_id = o.id
       returning *`,
      [offerId, userId, new Date(this.clock.now()), new Date(this.clock.now() + Exchange.leaseMs)],
    );
    if (!made) {
      const [offer] = await this.db.query<OfferRow>('select * from exchange_offers where id = $1', [offerId]);
      if (!offer) throw new MiaoshaError('NOT_FOUND', `no exchange offer ${offerId}`);
      const template = await this.coupons.template(String(offer.template_id));
      if (!offer.active || template.validTo <= this.clock.now()) throw new MiaoshaError('OFFER_CLOSED', 'this offer is no longer available');
      throw new MiaoshaError('EXCHANGE_LIMIT_REACHED', `at most ${offer.per_user_limit} of this offer per shopper`);
    }
    const done = await this.finish(String(made.id));
    if (done.status === 'unpaid') throw new MiaoshaError('POINTS_INSUFFICIENT', `not enough ${done.currency} for this`);
    if (done.status === 'refunded') throw new MiaoshaError('COUPONS_GONE', 'all of these coupons have been given out; nothing was spent');
    return done;
  }

  /** Takes a redemption on from wherever it stopped, to granted, refunded or unpaid. */
  async finish(redemptionId: string): Promise<Redemption> {
    const row = await this.row(redemptionId);
    if (row.status !== 'pending') return this.present(row);
    const userId = String(row.user_id);
    const ref = `exchange:${row.id}`;
    const refundRef = `exchange-refund:${row.id}`;
    const offer = (await this.db.query<OfferRow>('select * from exchange_offers where id = $1', [row.offer_id]))[0];
    try {
      await this.ledger.change(userId, row.currency, -row.price, 'exchange for a coupon', ref);
    } catch (error) {
      if (!(error instanceof MiaoshaError && error.code === 'POINTS_INSUFFICIENT')) throw error;
      return this.settle(row, 'unpaid', null);
    }
    // A refund already made means the pool was found empty before: it is not asked again.
    const refunded = await this.ledger.entry(userId, row.currency, refundRef);
    // A grant racing another finisher's grant of the same ref may come back empty: asking again finds that coupon.
    const grant = () => this.coupons.grant(userId, String(offer.template_id), ref);
    const coupon = refunded ? null : ((await grant()) ?? (await grant()));
    if (coupon) return this.settle(row, 'granted', coupon.id);
    await this.ledger.change(userId, row.currency, row.price, 'exchange refund: coupons gone', refundRef);
    return this.settle(row, 'refunded', null);
  }

  /**
   * Finishes redemptions still pending past their lease (a process stopped between steps). Each is claimed
   * by moving its lease on in one statement, so passes running at once on several nodes never take the same one.
   * Returns how many were finished; one that fails is left for a later pass and the first failure thrown.
   */
  async recover(limit = 100): Promise<number> {
    const now = this.clock.now();
    const claimed = await this.db.query<{ id: string }>(
      `update exchanges set due_at = $2
        where id in (select id from exchanges where status = 'pending' and due_at <= $1 order by due_at limit $3 for update skip locked)
          and status = 'pending' and due_at <= $1
        returning id`,
      [new Date(now), new Date(now + Exchange.leaseMs), limit],
    );
    let finished = 0;
    let failure: unknown = null;
    for (const { id } of claimed) {
      try {
        await this.finish(String(id));
        finished += 1;
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure) throw failure;
    return finished;
  }

  /** Ends a pending redemption once; an unpaid or refunded one gives its place under the cap back. */
  private async settle(row: RedemptionRow, status: Exclude<RedemptionStatus, 'pending'>, couponId: string | null): Promise<Redemption> {
    await this.db.query(
      `with ended as (
         update exchanges set status = $2, coupon_id = $3 where id = $1 and status = 'pending' returning offer_id, user_id
       )
       update exchange_counts c set redeemed = c.redeemed - 1
         from ended e where $2 <> 'granted' and c.offer_id = e.offer_id and c.user_id = e.user_id`,
      [row.id, status, couponId],
    );
    return this.present(await this.row(String(row.id)));
  }

  private async row(id: string): Promise<RedemptionRow> {
    const [row] = await this.db.query<RedemptionRow>('select * from exchanges where id = $1', [id]);
    if (!row) throw new MiaoshaError('NOT_FOUND', `no redemption ${id}`);
    return row;
  }

  private async present(row: RedemptionRow, wallet?: WalletCoupon[]): Promise<Redemption> {
    const coupons = row.coupon_id ? (wallet ?? (await this.coupons.wallet(String(row.user_id)))) : [];
    return {
      id: String(row.id),
      offerId: String(row.offer_id),
      currency: row.currency,
      price: row.price,
      status: row.status,
      coupon: coupons.find((c) => c.id === String(row.coupon_id)) ?? null,
      at: new Date(row.at).getTime(),
    };
  }

  /** A shopper's redemptions, newest first. */
  async mine(userId: string, limit = 20): Promise<Redemption[]> {
    const rows = await this.db.query<RedemptionRow>('select * from exchanges where user_id = $1 order by id desc limit $2', [userId, limit]);
    const wallet = await this.coupons.wallet(userId);
    return Promise.all(rows.map((row) => this.present(row, wallet)));
  }
}

/** Runs the recovery pass of unfinished redemptions on a timer, one pass at a time; stop() waits for the pass in hand. */
export class ExchangeRecoverySweeper extends Repeating {
  constructor(exchange: Exchange, intervalMs = 10_000, onError: (error: unknown) => void = () => {}) {
    super(() => exchange.recover(), intervalMs, onError);
  }
}
