import { eq } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import * as t from '../db/schema.js';
import type { Campaign, CampaignType } from '../domain/campaign.js';
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

  /** Stop (or restart) selling an item without touching its stock. */
  async setPaused(itemId: string, paused: boolean): Promise<Item> {
    if (!this.catalog.items.has(itemId)) await this.catalog.reloadAfterMiss();
    const item = this.catalog.items.get(itemId);
    if (!item) throw new MiaoshaError('NOT_FOUND', 'no such item');
    await this.db.orm.update(t.items).set({ paused }).where(eq(t.items.id, Number(itemId)));
    const updated = { ...item, paused };
    this.catalog.putItem(updated);
    await this.announce();
    return updated;
  }
}
