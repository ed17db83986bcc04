import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { Currency } from '../domain/points.js';
import { MiaoshaError } from '../errors.js';
import type { Coupons, CouponTemplate, WalletCoupon } from './coupons.js';
import type { PointsLedger } from './points.js';
import { Repeating } from '../repeating.js';

/** A coupon of a template (handout grant), or goods shipped by hand: a name and how many there are. */
export type ExchangeOfferInput = ({ kind?: 'coupon'; templateId: string } | { kind: 'goods'; goodsName: string; quantity: number }) & {
  currency: Currency;
  price: number;
  perUserLimit: number;
  active?: boolean;
}

export type ExchangeKind = 'coupon' | 'goods';

/** An offer with its coupon (or goods) and what is left of the coupon's pool (or of the goods). */
export interface ExchangeOffer {
  id: string;
  kind: ExchangeKind;
  template: CouponTemplate | null;
  goodsName: string | null;
  quantity: number | null;
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
  /** The goods this redemption is for (null for a coupon). */
  goodsName: string | null;
  shippedAt: number | null;
  at: number;
}

/** A unit of goods given and waiting to be shipped by hand (or shipped). */
export interface GoodsToShip {
  id: string;
  userId: string;
  phone: string | null;
  goodsName: string;
  at: number;
  shippedAt: number | null;
}

interface OfferRow {
  id: string;
  kind: ExchangeKind;
  template_id: string | null;
  goods_name: string | null;
  quantity: number | null;
  given: number;
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
  goods_taken: boolean;
  shipped_at: Date | null;
  at: Date;
}

/**
 * Points and energy for coupons or goods (积分/能量兑换, P4). A redemption is a row that moves
 * pending → granted | refunded | unpaid, each step once:
 * 1. one statement counts it against the shopper's cap for the offer and writes it pending;
 * 2. the price is spent (ledger ref `exchange:<id>`);
 * 3. the coupon is granted (ref `exchange:<id>`), or one unit of goods taken (the statement that raises the
 *    offer's `given` also marks the row `goods_taken`); when none is left the price comes back
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
    if (input.kind === 'goods') {
      const [row] = await this.db.query<OfferRow>(
        `insert into exchange_offers (kind, goods_name, quantity, currency, price, per_user_limit, active) values ('goods', $1, $2, $3, $4, $5, $6) returning *`,
        [input.goodsName, input.quantity, input.currency, input.price, input.perUserLimit, input.active ?? true],
      );
      return this.offerOf(row, null);
    }
    const template = await this.coupons.template(input.templateId).catch(() => null);
    if (!template || template.handout !== 'grant') {
      throw new MiaoshaError('INVALID_REQUEST', 'an exchange offers an existing coupon the platform grants (handout grant)');
    }
    const [row] = await this.db.query<OfferRow>(
      `insert into exchange_offers (kind, template_id, currency, price, per_user_limit, active) values ('coupon', $1, $2, $3, $4, $5) returning *`,
      [input.templateId, input.currency, input.price, input.perUserLimit, input.active ?? true],
    );
    return this.offerOf(row, template);
  }

  private async templateOf(row: OfferRow): Promise<CouponTemplate | null> {
    return row.template_id === null ? null : this.coupons.template(String(row.template_id));
  }

  /** Every offer (the operator's list), or only the active ones whose coupon is still valid (the shop's; goods have no window). */
  async offers(onlyOpen = false): Promise<ExchangeOffer[]> {
    const rows = await this.db.query<OfferRow>(
      onlyOpen
        ? `select o.* from exchange_offers o left join coupon_templates t on t.id = o.template_id
            where o.active and (o.kind = 'goods' or t.valid_to > $1) order by o.id desc`
        : 'select * from exchange_offers order by id desc',
      onlyOpen ? [new Date(this.clock.now())] : [],
    );
    return Promise.all(rows.map(async (row) => this.offerOf(row, await this.templateOf(row))));
  }

  /** Opens or closes an offer to shoppers; redemptions under way still finish. */
  async setActive(offerId: string, active: boolean): Promise<ExchangeOffer> {
    const [row] = await this.db.query<OfferRow>('update exchange_offers set active = $2 where id = $1 returning *', [offerId, active]);
    if (!row) throw new MiaoshaError('NOT_FOUND', `no exchange offer ${offerId}`);
    return this.offerOf(row, await this.templateOf(row));
  }

  private offerOf(row: OfferRow, template: CouponTemplate | null): ExchangeOffer {
    return {
      id: String(row.id),
      kind: row.kind,
      template,
      goodsName: row.goods_name,
      quantity: row.quantity,
      currency: row.currency,
      price: row.price,
      perUserLimit: row.per_user_limit,
      active: row.active,
      left: template ? Math.max(0, template.totalQuantity - template.claimed) : Math.max(0, (row.quantity ?? 0) - row.given),
    };
  }

  /** Redeems one coupon or unit of goods of an offer; refused with the reason when it cannot be paid or none is left (then refunded). */
  async redeem(userId: string, offerId: string): Promise<Redemption> {
    const [made] = await this.db.query<RedemptionRow>(
      `with offer as (
         select o.id, o.currency, o.price, o.per_user_limit
           from exchange_offers o left join coupon_templates t on t.id = o.template_id
          where o.id = $1 and o.active and (o.kind = 'goods' or t.valid_to > $3)
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
      const template = await this.templateOf(offer);
      if (!offer.active || (template && template.validTo <= this.clock.now())) throw new MiaoshaError('OFFER_CLOSED', 'this offer is no longer available');
      throw new MiaoshaError('EXCHANGE_LIMIT_REACHED', `at most ${offer.per_user_limit} of this offer per shopper`);
    }
    const done = await this.finish(String(made.id));
    if (done.status === 'unpaid') throw new MiaoshaError('POINTS_INSUFFICIENT', `not enough ${done.currency} for this`);
    if (done.status === 'refunded') {
      if (done.goodsName !== null) throw new MiaoshaError('GOODS_GONE', 'all of these goods have been given out; nothing was spent');
      throw new MiaoshaError('COUPONS_GONE', 'all of these coupons have been given out; nothing was spent');
    }
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
      await this.ledger.change(userId, row.currency, -row.price, offer.kind === 'goods' ? 'exchange for goods' : 'exchange for a coupon', ref);
    } catch (error) {
      if (!(error instanceof MiaoshaError && error.code === 'POINTS_INSUFFICIENT')) throw error;
      return this.settle(row, 'unpaid', null);
    }
    // A refund already made means the pool was found empty before: it is not asked again.
    const refunded = await this.ledger.entry(userId, row.currency, refundRef);
    if (offer.kind === 'goods') {
      if (!refunded && (await this.takeUnit(String(row.id)))) return this.settle(row, 'granted', null);
      await this.ledger.change(userId, row.currency, row.price, 'exchange refund: goods gone', refundRef);
      return this.settle(row, 'refunded', null);
    }
    // A grant racing another finisher's grant of the same ref may come back empty: asking again finds that coupon.
    const grant = () => this.coupons.grant(userId, String(offer.template_id), ref);
    const coupon = refunded ? null : ((await grant()) ?? (await grant()));
    if (coupon) return this.settle(row, 'granted', coupon.id);
    await this.ledger.change(userId, row.currency, row.price, 'exchange refund: coupons gone', refundRef);
    return this.settle(row, 'refunded', null);
  }

  /**
   * Takes one unit of the offer's goods for a redemption, at most once: the row is locked and marked in the
   * statement that raises `given` while below `quantity`. True when the redemption holds its unit (now or
   * from a finish before it), false when none was left.
   */
  private async takeUnit(redemptionId: string): Promise<boolean> {
    await this.db.query(
      `with mine as (
         select offer_id from exchanges where id = $1 and status = 'pending' and not goods_taken for update
       ), unit as (
         update exchange_offers o set given = o.given + 1 from mine m where o.id = m.offer_id and o.given < o.quantity returning o.id
       )
       update exchanges set goods_taken = true where id = $1 and exists (select 1 from unit)`,
      [redemptionId],
    );
    // Read apart: a finisher that waited on the lock took nothing, yet the unit may be this redemption's.
    return (await this.row(redemptionId)).goods_taken;
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

  private async present(row: RedemptionRow, wallet?: WalletCoupon[], goodsName?: string | null): Promise<Redemption> {
    const coupons = row.coupon_id ? (wallet ?? (await this.coupons.wallet(String(row.user_id)))) : [];
    const goods =
      goodsName !== undefined
        ? goodsName
        : ((await this.db.query<{ goods_name: string | null }>('select goods_name from exchange_offers where id = $1', [row.offer_id]))[0]?.goods_name ?? null);
    return {
      id: String(row.id),
      offerId: String(row.offer_id),
      currency: row.currency,
      price: row.price,
      status: row.status,
      coupon: coupons.find((c) => c.id === String(row.coupon_id)) ?? null,
      goodsName: goods,
      shippedAt: row.shipped_at ? new Date(row.shipped_at).getTime() : null,
      at: new Date(row.at).getTime(),
    };
  }

  /** A shopper's redemptions, newest first. */
  async mine(userId: string, limit = 20): Promise<Redemption[]> {
    const rows = await this.db.query<RedemptionRow & { offer_goods_name: string | null }>(
      `select e.*, o.goods_name as offer_goods_name from exchanges e join exchange_offers o on o.id = e.offer_id
        where e.user_id = $1 order by e.id desc limit $2`,
      [userId, limit],
    );
    const wallet = await this.coupons.wallet(userId);
    return Promise.all(rows.map((row) => this.present(row, wallet, row.offer_goods_name)));
  }

  /** The units of an offer's goods given to shoppers, oldest first: the operator's list to ship by hand. */
  async goodsToShip(offerId: string, limit = 500): Promise<GoodsToShip[]> {
    const [offer] = await this.db.query<OfferRow>('select * from exchange_offers where id = $1', [offerId]);
    if (!offer) throw new MiaoshaError('NOT_FOUND', `no exchange offer ${offerId}`);
    const rows = await this.db.query<{ id: string; user_id: string; phone: string | null; at: Date; shipped_at: Date | null }>(
      `select e.id, e.user_id, u.phone, e.at, e.shipped_at from exchanges e left join users u on u.id = e.user_id
        where e.offer_id = $1 and e.status = 'granted' and e.goods_taken order by e.id limit $2`,
      [offerId, limit],
    );
    return rows.map((r) => ({
      id: String(r.id),
      userId: String(r.user_id),
      phone: r.phone,
      goodsName: offer.goods_name ?? '',
      at: new Date(r.at).getTime(),
      shippedAt: r.shipped_at ? new Date(r.shipped_at).getTime() : null,
    }));
  }

  /** Marks a unit of goods shipped, once; marking it again keeps the first time. */
  async markShipped(redemptionId: string): Promise<GoodsToShip> {
    const [row] = await this.db.query<{ offer_id: string }>(
      `update exchanges set shipped_at = coalesce(shipped_at, $2) where id = $1 and status = 'granted' and goods_taken returning offer_id`,
      [redemptionId, new Date(this.clock.now())],
    );
    if (!row) throw new MiaoshaError('NOT_FOUND', `no goods redemption ${redemptionId} to ship`);
    const shipped = (await this.goodsToShip(String(row.offer_id))).find((g) => g.id === String(redemptionId));
    if (!shipped) throw new MiaoshaError('NOT_FOUND', `no goods redemption ${redemptionId} to ship`);
    return shipped;
  }
}

/** Runs the recovery pass of unfinished redemptions on a timer, one pass at a time; stop() waits for the pass in hand. */
export class ExchangeRecoverySweeper extends Repeating {
  constructor(exchange: Exchange, intervalMs = 10_000, onError: (error: unknown) => void = () => {}) {
    super(() => exchange.recover(), intervalMs, onError);
  }
}
