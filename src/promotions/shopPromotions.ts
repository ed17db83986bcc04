import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { type CartLine, type Offer, type OfferScope, type PricedCart, type PricingShopper, type SpendTier, priceCart } from '../domain/pricing/index.js';
import { type MemberTier, memberTiers } from '../domain/shopper.js';
import { MiaoshaError } from '../errors.js';

/** What a promotion takes off, by kind. Money in cents, rates per mille (95折 = 950). */
export type PromotionRule =
  | { kind: 'spend-reduction'; tiers: SpendTier[] }
  | { kind: 'member-discount'; payPermille: Partial<Record<MemberTier, number>> }
  | { kind: 'percent-off'; payPermille: number; cap?: number; minSpend?: number }
  | { kind: 'amount-off'; off: number; minSpend?: number };

export type PromotionKind = PromotionRule['kind'];

/** What the operator sets when creating a promotion. */
export interface PromotionInput {
  label: string;
  rule: PromotionRule;
  scope: OfferScope;
  /** null or absent: a group of its own, so it stacks with every offer that is not exclusive. */
  stackingGroup?: string | null;
  exclusive?: boolean;
  priority?: number;
  startsAt: number;
  endsAt: number;
  enabled?: boolean;
}

/** A change to a promotion: its terms only before it starts; enabling and ending it earlier at any time. */
export type PromotionPatch = Partial<PromotionInput>;

export type PromotionState = 'scheduled' | 'running' | 'ended' | 'disabled';

export interface Promotion {
  id: string;
  label: string;
  rule: PromotionRule;
  scope: OfferScope;
  stackingGroup: string | null;
  exclusive: boolean;
  priority: number;
  startsAt: number;
  endsAt: number;
  enabled: boolean;
  /** Worked out from the clock, never stored. */
  state: PromotionState;
  version: number;
}

interface PromotionRow {
  id: string;
  label: string;
  kind: PromotionKind;
  rule: Omit<PromotionRule, 'kind'>;
  scope: OfferScope;
  stacking_group: string | null;
  exclusive: boolean;
  priority: number;
  starts_at: Date;
  ends_at: Date;
  enabled: boolean;
  version: number;
}

const maxCents = 1_000_000_000;
const maxTiers = 10;
const maxScopeItems = 500;

const ms = (time: Date | string) => new Date(time).getTime();
const isCents = (n: unknown, least = 0): boolean => Number.isSafeInteger(n) && (n as number) >= least && (n as number) <= maxCents;
/** A rate that takes something off and leaves something to pay: 1‰ to 999‰ (99.9折 to 0.1折). */
const isRate = (n: unknown): boolean => Number.isSafeInteger(n) && (n as number) >= 1 && (n as number) <= 999;

/**
 * Why a promotion cannot run as described, or null. Mirrors the pricing engine's checks and adds what
 * makes an offer sensible to a shopper: ascending tiers that each take more off, and never the whole
 * threshold.
 */
export function promotionProblem(input: PromotionInput): string | null {
  const label = input.label?.trim() ?? '';
  if (label.length === 0 || label.length > 60) return 'label must be 1 to 60 characters';
  const rule = input.rule;
  switch (rule?.kind) {
    case 'spend-reduction': {
      if (!Array.isArray(rule.tiers) || rule.tiers.length === 0) return 'a spend reduction needs at least one tier';
      if (rule.tiers.length > maxTiers) return `at most ${maxTiers} tiers`;
      let last: SpendTier | undefined;
      for (const tier of rule.tiers) {
        if (!isCents(tier.threshold, 1) || !isCents(tier.off, 1)) return 'tier thresholds and reductions are whole cents above 0';
        if (tier.off >= tier.threshold) return 'a tier must take off less than its threshold';
        if (last && tier.threshold <= last.threshold) return 'tier thresholds must ascend';
        if (last && tier.off <= last.off) return 'a higher tier must take off more';
        last = tier;
      }
      break;
    }
    case 'member-discount': {
      const rates = Object.entries(rule.payPermille ?? {});
      if (rates.length === 0) return 'a member discount needs a rate for at least one tier';
      for (const [tier, rate] of rates) {
        if (!(memberTiers as readonly string[]).includes(tier)) return `no member tier ${tier}`;
        if (!isRate(rate)) return 'member rates are 1‰ to 999‰ of the price';
      }
      break;
    }
    case 'percent-off':
      if (!isRate(rule.payPermille)) return 'the rate is 1‰ to 999‰ of the price';
      if (rule.cap !== undefined && !isCents(rule.cap, 1)) return 'the cap is whole cents above 0';
      if (rule.minSpend !== undefined && !isCents(rule.minSpend)) return 'the minimum spend is whole cents';
      break;
    case 'amount-off':
      if (!isCents(rule.off, 1)) return 'the amount off is whole cents above 0';
      if (rule.minSpend !== undefined && !isCents(rule.minSpend)) return 'the minimum spend is whole cents';
      if (rule.minSpend && rule.off >= rule.minSpend) return 'the amount off must be below the minimum spend';
      break;
    default:
      return 'kind is spend-reduction, member-discount, percent-off or amount-off';
  }
  const scope = input.scope;
  switch (scope?.kind) {
    case 'cart':
      break;
    case 'merchant':
      if (!scope.merchantId?.trim()) return 'a merchant scope names the merchant';
      break;
    case 'category':
      if (!scope.categoryId?.trim()) return 'a category scope names the category';
      break;
    case 'items':
      if (!Array.isArray(scope.itemIds) || scope.itemIds.length === 0) return 'an items scope names at least one item';
      if (scope.itemIds.length > maxScopeItems) return `at most ${maxScopeItems} items`;
      if (scope.itemIds.some((id) => !id?.trim())) return 'item ids are not empty';
      if (new Set(scope.itemIds).size !== scope.itemIds.length) return 'an item is named twice';
      break;
    default:
      return 'scope is cart, merchant, category or items';
  }
  if (input.stackingGroup != null && (input.stackingGroup.trim().length === 0 || input.stackingGroup.length > 40)) {
    return 'a stacking group is 1 to 40 characters';
  }
  if (input.priority !== undefined && (!Number.isSafeInteger(input.priority) || Math.abs(input.priority) > 1000)) {
    return 'priority is a whole number from -1000 to 1000';
  }
  if (!Number.isSafeInteger(input.startsAt) || !Number.isSafeInteger(input.endsAt)) return 'the window needs a start and an end';
  if (input.endsAt <= input.startsAt) return 'a promotion must end after it starts';
  return null;
}

function ruleOf(row: PromotionRow): PromotionRule {
  return { ...row.rule, kind: row.kind } as PromotionRule;
}

/** The engine's offer for a stored promotion. */
export function offerOf(promotion: Pick<Promotion, 'id' | 'label' | 'rule' | 'scope' | 'stackingGroup' | 'exclusive' | 'priority'>): Offer {
  const id = `promotion:${promotion.id}`;
  return {
    ...promotion.rule,
    id,
    label: promotion.label,
    source: 'promotion',
    priority: promotion.priority,
    stacking: { group: promotion.stackingGroup ?? id, exclusive: promotion.exclusive },
    scope: promotion.scope,
  } as Offer;
}

/** Rule fields kept in the jsonb column: the kind has a column of its own. */
function storedRule(rule: PromotionRule): string {
  const { kind: _kind, ...rest } = rule;
  return JSON.stringify(rest);
}

function normalScope(scope: OfferScope): OfferScope {
  switch (scope.kind) {
    case 'cart':
      return { kind: 'cart' };
    case 'merchant':
      return { kind: 'merchant', merchantId: scope.merchantId.trim() };
    case 'category':
      return { kind: 'category', categoryId: scope.categoryId.trim() };
    case 'items':
      return { kind: 'items', itemIds: scope.itemIds.map((id) => id.trim()) };
  }
}

/**
 * The operator's stored promotions (满减 across stores or per merchant, member prices, 折扣, 立减).
 * The running ones become offers for the pricing engine, which picks the best legal combination.
 */
export class ShopPromotions {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  private present(row: PromotionRow, now = this.clock.now()): Promotion {
    const startsAt = ms(row.starts_at);
    const endsAt = ms(row.ends_at);
    return {
      id: String(row.id),
      label: row.label,
      rule: ruleOf(row),
      scope: row.scope,
      stackingGroup: row.stacking_group,
      exclusive: row.exclusive,
      priority: row.priority,
      startsAt,
      endsAt,
      enabled: row.enabled,
      state: !row.enabled ? 'disabled' : now < startsAt ? 'scheduled' : now < endsAt ? 'running' : 'ended',
      version: row.version,
    };
  }

  async create(input: PromotionInput): Promise<Promotion> {
    const problem = promotionProblem(input);
    if (problem) throw new MiaoshaError('PROMOTION_INVALID', problem);
    const [row] = await this.db.query<PromotionRow>(
      `insert into shop_promotions (label, kind, rule, scope, stacking_group, exclusive, priority, starts_at, ends_at, enabled)
       values ($1, $2, $3::jsonb, $4::jsonb, $5, $6, $7, $8, $9, $10)
       returning *`,
      [
        input.label.trim(),
        input.rule.kind,
        storedRule(input.rule),
        JSON.stringify(normalScope(input.scope)),
        input.stackingGroup?.trim() || null,
        input.exclusive ?? false,
        input.priority ?? 0,
        new Date(input.startsAt),
        new Date(input.endsAt),
        input.enabled ?? true,
      ],
    );
    return this.present(row);
  }

  /** Every promotion, newest first (the operator's list). */
  async list(): Promise<Promotion[]> {
    const rows = await this.db.query<PromotionRow>('select * from shop_promotions order by id desc');
    const now = this.clock.now();
    return rows.map((row) => this.present(row, now));
  }

  async get(id: string): Promise<Promotion> {
    const [row] = await this.db.query<PromotionRow>('select * from shop_promotions where id = $1', [id]);
    if (!row) throw new MiaoshaError('NOT_FOUND', `no promotion ${id}`);
    return this.present(row);
  }

  /** The promotions running at `at`, in application order (the shop's 满减 badges). */
  async running(at: number): Promise<Promotion[]> {
    const rows = await this.db.query<PromotionRow>(
      'select * from shop_promotions where enabled and starts_at <= $1 and ends_at > $1 order by priority, id',
      [new Date(at)],
    );
    return rows.map((row) => this.present(row, at));
  }

  /** The promotions running at `at`, as engine offers (source 'promotion', id `promotion:<id>`). */
  async active(at: number): Promise<Offer[]> {
    return (await this.running(at)).map(offerOf);
  }

  /**
   * Changes a promotion. Its terms (label, rule, scope, stacking, priority, start) change only before it
   * starts; once started it may still be disabled, enabled again, or ended earlier (an end in the past
   * ends it now). One conditional UPDATE on the version read, so a concurrent edit is never overwritten
   * and a promotion that started meanwhile is not changed.
   */
  async update(id: string, patch: PromotionPatch): Promise<Promotion> {
    for (let attempt = 0; ; attempt++) {
      const current = await this.get(id);
      const now = this.clock.now();
      const started = now >= current.startsAt;
      const termsChange = (['label', 'rule', 'scope', 'stackingGroup', 'exclusive', 'priority', 'startsAt'] as const).some((key) => patch[key] !== undefined);
      if (started && termsChange) throw new MiaoshaError('PROMOTION_STARTED', 'a promotion that has started can only be disabled or ended earlier');
      let endsAt = patch.endsAt ?? current.endsAt;
      if (started && patch.endsAt !== undefined) {
        if (patch.endsAt > current.endsAt) throw new MiaoshaError('PROMOTION_STARTED', 'a promotion that has started can only end earlier');
        if (endsAt < now) endsAt = Math.min(now, current.endsAt);
      }
      const next: PromotionInput = {
        label: patch.label ?? current.label,
        rule: patch.rule ?? current.rule,
        scope: patch.scope ?? current.scope,
        stackingGroup: patch.stackingGroup !== undefined ? patch.stackingGroup : current.stackingGroup,
        exclusive: patch.exclusive ?? current.exclusive,
        priority: patch.priority ?? current.priority,
        startsAt: patch.startsAt ?? current.startsAt,
        endsAt,
        enabled: patch.enabled ?? current.enabled,
      };
      // Once started only `enabled` and an earlier end (never before now) change: nothing to re-check.
      const problem = started ? null : promotionProblem(next);
      if (problem) throw new MiaoshaError('PROMOTION_INVALID', problem);
      const [row] = await this.db.query<PromotionRow>(
        `update shop_promotions
            set label = $3, kind = $4, rule = $5::jsonb, scope = $6::jsonb, stacking_group = $7, exclusive = $8, priority = $9,
                starts_at = $10, ends_at = $11, enabled = $12, version = version + 1
          where id = $1 and version = $2 and ($13::boolean is not true or starts_at > $14)
          returning *`,
        [
          id,
          current.version,
          next.label.trim(),
          next.rule.kind,
          storedRule(next.rule),
          JSON.stringify(normalScope(next.scope)),
          next.stackingGroup?.trim() || null,
          next.exclusive,
          next.priority,
          new Date(next.startsAt),
          new Date(next.endsAt),
          next.enabled,
          // Judged as not started: it must still not have started when written.
          !started && (termsChange || patch.endsAt !== undefined),
          new Date(now),
        ],
      );
      if (row) return this.present(row, now);
      // Changed (or started) since it was read: read it again and judge the patch on what is there now.
      if (attempt >= 3) throw new MiaoshaError('ORDER_STATE_CONFLICT', 'the promotion is being changed; retry');
    }
  }

  /**
   * A price preview: the cart at the best price the running promotions give a shopper of `shopper.tier`
   * (no coupons: those are the shopper's own, priced at checkout). Throws INVALID_REQUEST on a line no
   * price can be given for.
   */
  async quote(lines: CartLine[], shopper: PricingShopper, at = this.clock.now()): Promise<PricedCart> {
    const offers = await this.active(at);
    try {
      return priceCart({ lines, shopper, offers });
    } catch (error) {
      if (error instanceof RangeError) throw new MiaoshaError('INVALID_REQUEST', error.message);
      throw error;
    }
  }
}
