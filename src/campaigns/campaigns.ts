import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import * as t from '../db/schema.js';
import type { Campaign, CampaignType } from '../domain/campaign.js';
import { firstSaleAt } from '../domain/eligibility.js';
import { type Eligibility, type Item, limitKeyOf } from '../domain/item.js';
import { defaultPaymentWindowSeconds, type Session } from '../domain/session.js';
import { MiaoshaError } from '../errors.js';
import type { HotStore } from '../hotstore/hotstore.js';
import { type Catalog, campaignFromRow, itemFromRow, sessionFromRow } from './catalog.js';

export interface NewCampaign {
  name: string;
  type: CampaignType;
  startsAt: number;
  endsAt: number;
}

export interface NewSession {
  startsAt: number;
  endsAt: number;
  paymentWindowSeconds?: number;
}

export interface NewItem {
  title: string;
  originalPrice: number;
  flashPrice: number;
  stock: number;
  perUserLimit: number;
  sku?: string | null;
  eligibility?: Eligibility;
}

export type SessionChanges = Partial<NewSession>;

export type ItemChanges = Partial<Omit<NewItem, 'sku'>> & { paused?: boolean };

/** Only the fields given; an `undefined` left by an optional body field changes nothing. */
function given<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<T>;
}

const invalid = (message: string) => new MiaoshaError('INVALID_REQUEST', message);
const iso = (ms: number) => new Date(ms).toISOString();

/** Planning a campaign: campaigns, their sessions and the items on sale in each. */
export class Campaigns {
  constructor(
    private readonly db: Database,
    private readonly catalog: Catalog,
    private readonly hot: HotStore,
    private readonly clock: Clock,
    /** Tell the other nodes sharing the database (scaled deployment). */
    private readonly announce: () => Promise<unknown> = async () => {},
  ) {}

  async createCampaign(input: NewCampaign): Promise<Campaign> {
    if (input.endsAt <= input.startsAt) throw invalid('endsAt must be after startsAt');
    const [row] = await this.db.orm
      .insert(t.campaigns)
      .values({ name: input.name, type: input.type, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt) })
      .returning();
    const campaign = campaignFromRow(row);
    this.catalog.putCampaign(campaign);
    await this.announce();
    return campaign;
  }

  async createSession(campaignId: string, input: NewSession): Promise<Session> {
    if (!this.catalog.campaigns.has(campaignId)) await this.catalog.reloadAfterMiss();
    const campaign = this.catalog.campaign(campaignId);
    if (input.endsAt <= input.startsAt) throw invalid('endsAt must be after startsAt');
    if (input.startsAt < campaign.startsAt || input.endsAt > campaign.endsAt) {
      throw invalid('a session must lie within its campaign');
    }
    const [row] = await this.db.orm
      .insert(t.sessions)
      .values({
        campaignId: Number(campaignId),
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
        paymentWindowSeconds: input.paymentWindowSeconds ?? defaultPaymentWindowSeconds,
      })
      .returning();
    const session = sessionFromRow(row);
    this.catalog.putSession(session);
    await this.announce();
    return session;
  }

  async createItem(sessionId: string, input: NewItem): Promise<Item> {
    if (!this.catalog.sessions.has(sessionId)) await this.catalog.reloadAfterMiss();
    const session = this.catalog.session(sessionId);
    if (this.clock.now() >= session.endsAt) throw new MiaoshaError('ENDED', 'this session has ended');
    if (input.flashPrice >= input.originalPrice) throw invalid('flashPrice must be below originalPrice');
    const [row] = await this.db.orm
      .insert(t.items)
      .values({
        sessionId: Number(sessionId),
        campaignId: Number(session.campaignId),
        title: input.title,
        originalPrice: input.originalPrice,
        flashPrice: input.flashPrice,
        stock: input.stock,
        perUserLimit: input.perUserLimit,
        sku: input.sku ?? null,
        eligibility: input.eligibility ?? {},
      })
      .returning();
    const item = itemFromRow(row);
    // Stock goes to the hot store before the session opens (库存预占).
    await this.hot.loadStock({ itemId: item.id, limitKey: limitKeyOf(item), remaining: item.stock });
    this.catalog.putItem(item);
    await this.announce();
    return item;
  }

  /**
   * Move a session or change its payment window, only before anything can have sold (its start, or an
   * earlier priority window): after that, orders and countdowns depend on the plan.
   */
  async updateSession(sessionId: string, changes: SessionChanges): Promise<Session> {
    if (!this.catalog.sessions.has(sessionId)) await this.catalog.reloadAfterMiss();
    const check = (session: Session) => {
      this.refuseOnceOnSale(session);
      const updated: Session = { ...session, ...given(changes) };
      const campaign = this.catalog.campaign(session.campaignId);
      if (updated.endsAt <= updated.startsAt) throw invalid('endsAt must be after startsAt');
      if (updated.startsAt < campaign.startsAt || updated.endsAt > campaign.endsAt) throw invalid('a session must lie within its campaign');
      return updated;
    };
    const updated = check(this.catalog.session(sessionId));
    // The lock and the order of the times are checked again in the statement, on the rows as they are
    // now: another node may have changed them since this node's catalog heard. Only the fields given are written.
    const [row] = await this.db.orm
      .update(t.sessions)
      .set({
        startsAt: changes.startsAt === undefined ? sql`${t.sessions.startsAt}` : new Date(updated.startsAt),
        endsAt: changes.endsAt === undefined ? sql`${t.sessions.endsAt}` : new Date(updated.endsAt),
        paymentWindowSeconds: changes.paymentWindowSeconds ?? sql`${t.sessions.paymentWindowSeconds}`,
      })
      .where(
        and(
          eq(t.sessions.id, Number(sessionId)),
          this.beforeFirstSale(sql`"sessions"."id"`),
          sql`${changes.endsAt === undefined ? sql`"sessions"."ends_at"` : sql`${iso(updated.endsAt)}::timestamptz`} >
              ${changes.startsAt === undefined ? sql`"sessions"."starts_at"` : sql`${iso(updated.startsAt)}::timestamptz`}`,
        ),
      )
      .returning();
    if (!row) return this.refusedMeanwhile(() => check(this.catalog.session(sessionId)));
    const session = sessionFromRow(row);
    this.catalog.putSession(session);
    await this.announce();
    return session;
  }

  /**
   * Pause or resume an item at any time; change anything else only before its session can sell. A new
   * stock is loaded into the hot store, replacing the old: nothing has sold yet, so nothing is lost.
   */
  async updateItem(itemId: string, changes: ItemChanges): Promise<Item> {
    if (!this.catalog.items.has(itemId)) await this.catalog.reloadAfterMiss();
    const { paused, ...plan } = given(changes);
    const planned = Object.keys(plan).length > 0;
    const check = () => {
      const item = this.catalog.items.get(itemId);
      if (!item) throw new MiaoshaError('NOT_FOUND', 'no such item');
      if (planned) this.refuseOnceOnSale(this.catalog.session(item.sessionId));
      const updated: Item = { ...item, ...plan };
      if (updated.flashPrice >= updated.originalPrice) throw invalid('flashPrice must be below originalPrice');
    };
    check();
    const column = t.items;
    const flashPrice = plan.flashPrice ?? sql`"items"."flash_price"`;
    const originalPrice = plan.originalPrice ?? sql`"items"."original_price"`;
    // As for sessions: the lock and the prices are checked again on the rows as they are now, and only
    // the fields given are written (a stale catalog must not write back another node's change).
    const [row] = await this.db.orm
      .update(column)
      .set({ ...plan, paused: paused ?? sql`${column.paused}` })
      .where(
        and(
          eq(column.id, Number(itemId)),
          planned ? this.beforeFirstSale(sql`"items"."session_id"`) : undefined,
          sql`${flashPrice} < ${originalPrice}`,
        ),
      )
      .returning();
    if (!row) return this.refusedMeanwhile(check);
    const updated = itemFromRow(row);
    if (plan.stock !== undefined) {
      // If this fails (the hot store out of reach), the same edit again loads it: the lock still holds.
      await this.hot.loadStock({ itemId: updated.id, limitKey: limitKeyOf(updated), remaining: updated.stock });
    }
    this.catalog.putItem(updated);
    await this.announce();
    return updated;
  }

  /**
   * SQL: nobody may buy in the session yet. Its first sale is its start less its items' longest
   * priority window (`firstSaleAt`: the best tier is in every window).
   */
  private beforeFirstSale(sessionId: SQL): SQL {
    return sql`${iso(this.clock.now())}::timestamptz < (
      select s.starts_at - coalesce((select max((i.eligibility #>> '{priorityWindow,minutes}')::numeric) from items i where i.session_id = s.id), 0)
                           * interval '1 minute'
        from sessions s where s.id = ${sessionId})`;
  }

  /** The statement found the rows changed since this node's catalog: learn them, and say what now stands in the way. */
  private async refusedMeanwhile(check: () => unknown): Promise<never> {
    await this.catalog.reload(this.db);
    check();
    throw new MiaoshaError('SESSION_LOCKED', 'the session changed meanwhile; reload it and try again');
  }

  private refuseOnceOnSale(session: Session): void {
    const opens = firstSaleAt(session.startsAt, this.catalog.itemsOf(session.id));
    if (this.clock.now() >= opens) {
      const state = this.clock.now() >= session.endsAt ? 'has ended' : 'is on sale';
      throw new MiaoshaError('SESSION_LOCKED', `this session ${state}; only pausing an item is still possible`);
    }
  }
}
