import type { Clock } from '../clock.js';
import { type Database, isCheckViolation } from '../db/database.js';
import { MiaoshaError } from '../errors.js';

/** What an operator sets when issuing a kind of coupon. Money in cents. */
export interface CouponTemplateInput {
  name: string;
  /** amount: `amountOff` off; percent: `percentOff` per cent off, at most `maxOff`. */
  kind: 'amount' | 'percent';
  amountOff?: number;
  percentOff?: number;
  maxOff?: number;
  /** Spend needed in scope (满X减Y); 0 or absent for a no-threshold coupon. */
  threshold?: number;
  /** 首单立减: only on a shopper's first order. */
  firstOrderOnly?: boolean;
  scope?: { type: 'all' } | { type: 'merchant' | 'category' | 'item'; id: string };
  totalQuantity: number;
  perUserLimit?: number;
  validFrom: number;
  validTo: number;
  /** Valid only this long after its claim: the cart-abandon coupon is 30. */
  validMinutes?: number;
  /** claim (default): shoppers claim it in the coupon center. grant: only the platform hands it out (gifts, prizes, rewards). */
  handout?: 'claim' | 'grant';
}

export interface CouponTemplate extends Required<Pick<CouponTemplateInput, 'name' | 'kind' | 'threshold' | 'firstOrderOnly' | 'totalQuantity' | 'perUserLimit' | 'validFrom' | 'validTo'>> {
  id: string;
  amountOff: number | null;
  percentOff: number | null;
  maxOff: number | null;
  scope: NonNullable<CouponTemplateInput['scope']>;
  claimed: number;
  validMinutes: number | null;
  handout: 'claim' | 'grant';
}

/** A coupon in a shopper's wallet. `expired` is worked out from the clock, never stored. */
export interface WalletCoupon {
  id: string;
  template: CouponTemplate;
  state: 'available' | 'used' | 'expired';
  claimedAt: number;
  expiresAt: number;
  orderId: string | null;
}

interface TemplateRow {
  id: string;
  name: string;
  kind: 'amount' | 'percent';
  amount_off: number | null;
  percent_off: number | null;
  max_off: number | null;
  threshold: number;
  first_order_only: boolean;
  scope_type: 'all' | 'merchant' | 'category' | 'item';
  scope_id: string | null;
  total_quantity: number;
  claimed: number;
  per_user_limit: number;
  valid_from: Date;
  valid_to: Date;
  valid_minutes: number | null;
  handout: 'claim' | 'grant';
}

const ms = (time: Date | string) => new Date(time).getTime();

function templateOf(row: TemplateRow): CouponTemplate {
  return {
    id: String(row.id),
    name: row.name,
    kind: row.kind,
    amountOff: row.amount_off,
    percentOff: row.percent_off,
    maxOff: row.max_off,
    threshold: row.threshold,
    firstOrderOnly: row.first_order_only,
    scope: row.scope_type === 'all' ? { type: 'all' } : { type: row.scope_type, id: row.scope_id ?? '' },
    totalQuantity: row.total_quantity,
    claimed: row.claimed,
    perUserLimit: row.per_user_limit,
    validFrom: ms(row.valid_from),
    validTo: ms(row.valid_to),
    validMinutes: row.valid_minutes,
    handout: row.handout,
  };
}

/**
 * Coupons (P2): templates an operator issues, claimed into wallets, used once by an order, given back
 * when that order is cancelled. Every count is kept by single SQL statements, so claims and uses are
 * exact however many arrive at once, on PGlite and on a PostgreSQL server alike.
 */
export class Coupons {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async issue(input: CouponTemplateInput): Promise<CouponTemplate> {
    const scope = input.scope ?? { type: 'all' };
    const [row] = await this.db.query<TemplateRow>(
      `insert into coupon_templates (name, kind, amount_off, percent_off, max_off, threshold, first_order_only, scope_type, scope_id,
                                     total_quantity, per_user_limit, valid_from, valid_to, valid_minutes, handout)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       returning *`,
      [
        input.name,
        input.kind,
        input.amountOff ?? null,
        input.percentOff ?? null,
        input.maxOff ?? null,
        input.threshold ?? 0,
        input.firstOrderOnly ?? false,
        scope.type,
        scope.type === 'all' ? null : scope.id,
        input.totalQuantity,
        input.perUserLimit ?? 1,
        new Date(input.validFrom),
        new Date(input.validTo),
        input.validMinutes ?? null,
        input.handout ?? 'claim',
      ],
    );
    return templateOf(row);
  }

  /** Every template, newest first (the operator's list). */
  async templates(): Promise<CouponTemplate[]> {
    const rows = await this.db.query<TemplateRow>('select * from coupon_templates order by id desc');
    return rows.map(templateOf);
  }

  /** Templates a shopper may claim now: claimed in the coupon center, inside their window and not all claimed. */
  async claimable(): Promise<CouponTemplate[]> {
    const rows = await this.db.query<TemplateRow>(
      `select * from coupon_templates
        where handout = 'claim' and valid_from <= $1 and valid_to > $1 and claimed < total_quantity order by id desc`,
      [new Date(this.clock.now())],
    );
    return rows.map(templateOf);
  }

  async template(templateId: string): Promise<CouponTemplate> {
    const [row] = await this.db.query<TemplateRow>('select * from coupon_templates where id = $1', [templateId]);
    if (!row) throw new MiaoshaError('NOT_FOUND', `no coupon ${templateId}`);
    return templateOf(row);
  }

  /**
   * Claims one coupon of a template into a shopper's wallet, in one statement:
   * 1. the shopper's claim count for the template is locked and raised only while under the per-user
   *    cap (INSERT … ON CONFLICT DO UPDATE … WHERE re-reads the locked row);
   * 2. then one unit of the template is taken only while any is left (UPDATE … WHERE claimed < total,
   *    re-checked on the locked row);
   * 3. then the coupon is written.
   * If step 2 finds the pool empty after step 1 counted the shopper, their count is one too high; that
   * is harmless, because `claimed` never goes down, so an empty pool stays empty.
   */
  async claim(userId: string, templateId: string): Promise<WalletCoupon> {
    const now = new Date(this.clock.now());
    const [made] = await this.db.query<{ id: string; claimed_at: Date; expires_at: Date }>(
      `with open as (
         select id, per_user_limit from coupon_templates
          where id = $1 and handout = 'claim' and valid_from <= $3 and valid_to > $3 and claimed < total_quantity
       ), mine as (
         insert into coupon_claims as c (template_id, user_id, claimed)
         select id, $2, 1 from open
         on conflict (template_id, user_id) do update set claimed = c.claimed + 1
          where c.claimed < (select per_user_limit from open)
         returning template_id
       ), unit as (
         update coupon_templates set claimed = claimed + 1
          where id in (select template_id from mine) and claimed < total_quantity
         returning id, valid_to, valid_minutes
       )
       insert into coupons (template_id, user_id, status, claimed_at, expires_at)
       select id, $2, 'available', $3,
              case when valid_minutes is null then valid_to
                   else least(valid_to, $3::timestamptz + make_interval(mins => valid_minutes)) end
         from unit
       returning id, claimed_at, expires_at`,
      [templateId, userId, now],
    );
    if (!made) throw await this.whyNotClaimed(userId, templateId, now.getTime());
    return {
      id: String(made.id),
      template: await this.template(templateId),
      state: 'available',
      claimedAt: ms(made.claimed_at),
      expiresAt: ms(made.expires_at),
      orderId: null,
    };
  }

  /** After a refused claim, which rule refused it (a read, no count changes). */
  private async whyNotClaimed(userId: string, templateId: string, now: number): Promise<MiaoshaError> {
    const template = await this.template(templateId);
    if (template.handout !== 'claim') return new MiaoshaError('COUPON_NOT_CLAIMABLE', 'this coupon is only given, never claimed');
    if (now < template.validFrom) return new MiaoshaError('COUPON_NOT_CLAIMABLE', 'this coupon cannot be claimed yet');
    if (now >= template.validTo) return new MiaoshaError('COUPON_NOT_CLAIMABLE', 'this coupon can no longer be claimed');
    const [mine] = await this.db.query<{ claimed: number }>('select claimed from coupon_claims where template_id = $1 and user_id = $2', [templateId, userId]);
    if (mine && mine.claimed >= template.perUserLimit) {
      return new MiaoshaError('COUPON_LIMIT_REACHED', `at most ${template.perUserLimit} of this coupon per shopper`);
    }
    return new MiaoshaError('COUPONS_GONE', 'all of these coupons have been claimed');
  }

  /**
   * The platform hands a shopper one coupon of a template (a gift, a prize, a reward), once per `ref`:
   * a replay of the same cause finds its coupon and grants nothing more. Per-shopper caps and the
   * claim window do not apply (the cause has its own rules), but the coupon still expires with its
   * template. One statement writes the coupon (the unique `grant_ref` lets one of two replays racing
   * each other through; the other waits for it and writes nothing) and only then takes a unit of
   * the pool: if the pool ran dry meanwhile, the template's CHECK fails the statement whole. So a
   * grant never exceeds the quantity, and never spends a unit without a coupon to show for it.
   * Returns null when the pool is empty or the template has ended.
   */
  async grant(userId: string, templateId: string, ref: string): Promise<WalletCoupon | null> {
    const now = new Date(this.clock.now());
    let made: { id: string } | undefined;
    try {
      [made] = await this.db.query<{ id: string }>(
        `with earlier as (
           select id from coupons where grant_ref = $3
         ), made as (
           insert into coupons (template_id, user_id, status, claimed_at, expires_at, grant_ref)
           select id, $2, 'available', $4,
                  case when valid_minutes is null then valid_to
                       else least(valid_to, $4::timestamptz + make_interval(mins => valid_minutes)) end,
                  $3
             from coupon_templates
            where id = $1 and valid_to > $4 and claimed < total_quantity and not exists (select 1 from earlier)
           on conflict (grant_ref) where grant_ref is not null do nothing
           returning id, template_id
         ), unit as (
           update coupon_templates set claimed = claimed + 1 where id in (select template_id from made) returning id
         )
         select id from made union all select id from earlier`,
        [templateId, userId, ref, now],
      );
    } catch (error) {
      if (!isCheckViolation(error, 'coupon_templates_within_quantity')) throw error;
    }
    // A replay that waited on the first one's write saw neither its coupon nor a row of its own.
    made ??= (await this.db.query<{ id: string }>('select id from coupons where grant_ref = $1', [ref]))[0];
    if (!made) return null;
    return (await this.wallet(userId)).find((coupon) => coupon.id === String(made.id)) ?? null;
  }

  async wallet(userId: string): Promise<WalletCoupon[]> {
    const rows = await this.db.query<TemplateRow & { coupon_id: string; status: string; claimed_at: Date; expires_at: Date; order_id: string | null }>(
      `select t.*, c.id as coupon_id, c.status, c.claimed_at, c.expires_at, c.order_id
         from coupons c join coupon_templates t on t.id = c.template_id
        where c.user_id = $1
        order by c.id desc`,
      [userId],
    );
    const now = this.clock.now();
    return rows.map((row) => ({
      id: String(row.coupon_id),
      template: templateOf(row),
      state: row.status === 'used' ? 'used' : ms(row.expires_at) <= now ? 'expired' : 'available',
      claimedAt: ms(row.claimed_at),
      expiresAt: ms(row.expires_at),
      orderId: row.order_id,
    }));
  }

  /** Marks a coupon used by an order: one statement, so of two orders racing for it exactly one wins. */
  async use(couponId: string, userId: string, orderId: string): Promise<void> {
    const now = new Date(this.clock.now());
    const used = await this.db.query(
      `update coupons set status = 'used', order_id = $3, used_at = $4
        where id = $1 and user_id = $2 and status = 'available' and expires_at > $4
       returning id`,
      [couponId, userId, orderId, now],
    );
    if (used.length === 0) throw new MiaoshaError('COUPON_NOT_USABLE', 'this coupon is used, expired or not yours');
  }

  /** An order was cancelled: its coupons go back to their holders' wallets (once; a repeat finds none). */
  async giveBack(orderId: string): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `update coupons set status = 'available', order_id = null, used_at = null
        where order_id = $1 and status = 'used'
       returning id`,
      [orderId],
    );
    return rows.map((row) => String(row.id));
  }
}
