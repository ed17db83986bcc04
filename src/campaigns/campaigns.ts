import { eq } from 'drizzle-orm';
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
    const session = this.catalog.session(sessionId);
    this.refuseOnceOnSale(session);
    const updated: Session = { ...session, ...given(changes) };
    const campaign = this.catalog.campaign(session.campaignId);
    if (updated.endsAt <= updated.startsAt) throw invalid('endsAt must be after startsAt');
    if (updated.startsAt < campaign.startsAt || updated.endsAt > campaign.endsAt) throw invalid('a session must lie within its campaign');
    await this.db.orm
      .update(t.sessions)
      .set({ startsAt: new Date(updated.startsAt), endsAt: new Date(updated.endsAt), paymentWindowSeconds: updated.paymentWindowSeconds })
      .where(eq(t.sessions.id, Number(sessionId)));
    this.catalog.putSession(updated);
    await this.announce();
    return updated;
  }

  /**
   * Pause or resume an item at any time; change anything else only before its session can sell. A new
   * stock is loaded into the hot store, replacing the old: nothing has sold yet, so nothing is lost.
   */
  async updateItem(itemId: string, changes: ItemChanges): Promise<Item> {
    if (!this.catalog.items.has(itemId)) await this.catalog.reloadAfterMiss();
    const item = this.catalog.items.get(itemId);
    if (!item) throw new MiaoshaError('NOT_FOUND', 'no such item');
    const { paused, ...plan } = given(changes);
    if (Object.keys(plan).length > 0) this.refuseOnceOnSale(this.catalog.session(item.sessionId));
    const updated: Item = { ...item, ...plan, ...(paused === undefined ? {} : { paused }) };
    if (updated.flashPrice >= updated.originalPrice) throw invalid('flashPrice must be below originalPrice');
    await this.db.orm
      .update(t.items)
      .set({
        title: updated.title,
        originalPrice: updated.originalPrice,
        flashPrice: updated.flashPrice,
        stock: updated.stock,
        perUserLimit: updated.perUserLimit,
        eligibility: updated.eligibility,
        paused: updated.paused,
      })
      .where(eq(t.items.id, Number(itemId)));
    if (plan.stock !== undefined) {
      await this.hot.loadStock({ itemId: item.id, limitKey: limitKeyOf(updated), remaining: updated.stock });
    }
    this.catalog.putItem(updated);
    await this.announce();
    return updated;
  }

  private refuseOnceOnSale(session: Session): void {
    const opens = firstSaleAt(session.startsAt, this.catalog.itemsOf(session.id));
    if (this.clock.now() >= opens) {
      const state = this.clock.now() >= session.endsAt ? 'has ended' : 'is on sale';
      throw new MiaoshaError('SESSION_LOCKED', `this session ${state}; only pausing an item is still possible`);
    }
  }
}
