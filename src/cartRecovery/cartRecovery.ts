import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { MiaoshaError } from '../errors.js';
import type { Coupons } from '../promotions/coupons.js';
import { Repeating } from '../repeating.js';
import type { Notice } from '../reminders/reminders.js';
import { type CartAbandonSetting, cartAbandonRef, cartAbandonText, checkAfterMinutes } from './rules.js';

const settingKey = 'cart_abandon';

export interface CartAbandonInput {
  templateId: string;
  afterMinutes: number;
}

export interface CartRecoveryPass {
  /** Abandoned carts seen whose message was not written yet. */
  carts: number;
  /** Of those, the ones given their coupon (a replay finds the coupon given before). */
  granted: number;
  /** Outbox rows written (one per channel of each cart). */
  notified: number;
}

const parse = (value: string | undefined): CartAbandonSetting | null => {
  if (!value || !value.startsWith('{')) return null;
  const { templateId, afterMinutes, since } = JSON.parse(value) as CartAbandonSetting;
  return { templateId: String(templateId), afterMinutes, since };
};

/**
 * Cart recovery (P2 购物车挽回券): a shopper whose cart was left for `afterMinutes` without an order is
 * given one coupon of the operator's grant template and told so, in the in-app inbox and every channel
 * reminders go to. Each step is keyed by the cart's episode (the shopper and the moment its newest line
 * was added): the coupon by its grant ref, the messages by their outbox dedupe keys. So passes may run at
 * once on every node, and again, and each episode still gives one coupon and one message per channel.
 */
export class CartRecovery {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly coupons: Coupons,
    /** Puts a message into the reminders' outbox for every channel, once per ref (Reminders.notify). */
    private readonly notify: (userId: string, notice: Notice) => Promise<number>,
    private readonly batch = 200,
  ) {}

  /** The operator's setting; null when off. */
  async setting(): Promise<CartAbandonSetting | null> {
    const [row] = await this.db.query<{ value: string }>('select value from settings where key = $1', [settingKey]);
    return parse(row?.value);
  }

  /**
   * Turns the cart-abandon coupon off (null) or on with a grant template. One statement: a change while
   * on keeps the moment it was turned on, so carts left before then stay without a coupon.
   */
  async configure(input: CartAbandonInput | null): Promise<CartAbandonSetting | null> {
    if (input === null) {
      await this.db.query(`insert into settings (key, value) values ($1, 'off') on conflict (key) do update set value = 'off'`, [settingKey]);
      return null;
    }
    const afterMinutes = checkAfterMinutes(input.afterMinutes);
    const template = await this.coupons.template(input.templateId);
    if (template.handout !== 'grant') {
      throw new MiaoshaError('CART_ABANDON_NOT_GRANT', 'the cart-abandon coupon must be a coupon the platform gives (handout grant)');
    }
    const value = JSON.stringify({ templateId: template.id, afterMinutes, since: this.clock.now() });
    const [row] = await this.db.query<{ value: string }>(
      `insert into settings as s (key, value) values ($1, $2)
       on conflict (key) do update set value = case
         when s.value like '{%' then jsonb_set(excluded.value::jsonb, '{since}', coalesce(s.value::jsonb -> 'since', excluded.value::jsonb -> 'since'))::text
         else excluded.value end
       returning value`,
      [settingKey, value],
    );
    return parse(row.value);
  }

  /** One pass over abandoned carts; safe to run on several nodes at once. */
  async pass(): Promise<CartRecoveryPass> {
    const result: CartRecoveryPass = { carts: 0, granted: 0, notified: 0 };
    const setting = await this.setting();
    if (!setting) return result;
    const now = this.clock.now();
    // Episodes left long enough, since the setting was on, with no order placed after their newest line,
    // and not yet told (the inbox row is written with the others in one statement, so it stands for all).
    const carts = await this.db.query<{ user_id: string; newest: string }>(
      `with carts as (
         select user_id, max(added_at) as newest from cart_lines group by user_id
       ), episodes as (
         select user_id, newest, floor(extract(epoch from newest) * 1000)::bigint as newest_ms from carts
          where newest <= $1 and newest >= $2
       )
       select e.user_id::text as user_id, e.newest_ms::text as newest
         from episodes e
        where not exists (select 1 from checkout_orders o where o.user_id = e.user_id and o.created_at >= e.newest)
          and not exists (select 1 from notifications n where n.dedupe_key = 'cart-abandon:' || e.user_id || ':' || e.newest_ms || ':inbox')
        order by e.newest desc
        limit $3`,
      [new Date(now - setting.afterMinutes * 60_000), new Date(setting.since), this.batch],
    );
    result.carts = carts.length;
    for (const cart of carts) {
      const ref = cartAbandonRef(cart.user_id, Number(cart.newest));
      // Null: the pool is empty or the template has ended; nothing to tell.
      const coupon = await this.coupons.grant(cart.user_id, setting.templateId, ref);
      if (!coupon) continue;
      result.granted++;
      const { title, body } = cartAbandonText(coupon.template.name, coupon.expiresAt);
      const payload = { couponId: coupon.id, couponName: coupon.template.name, expiresAt: new Date(coupon.expiresAt).toISOString() };
      result.notified += await this.notify(cart.user_id, { kind: 'cart_abandon', ref, title, body, link: '/cart', payload });
    }
    return result;
  }
}

/** Runs the pass on a timer on every node (the refs and keys make that safe). */
export class CartRecoverySweeper extends Repeating {
  constructor(recovery: CartRecovery, intervalMs = 30_000, onError: (error: unknown) => void = () => {}) {
    super(() => recovery.pass(), intervalMs, onError);
  }
}
