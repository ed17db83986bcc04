import type { Campaign, CampaignType } from '../domain/campaign.js';
import type { Item } from '../domain/item.js';
import type { Session } from '../domain/session.js';
import type { Database } from '../db/database.js';
import { MiaoshaError } from '../errors.js';
import * as t from '../db/schema.js';

/**
 * Campaigns, sessions and items held in memory, so the hot path reads them without SQL.
 * Written through: the database first, then here.
 */
export class Catalog {
  readonly campaigns = new Map<string, Campaign>();
  readonly sessions = new Map<string, Session>();
  readonly items = new Map<string, Item>();
  private readonly itemsBySession = new Map<string, Item[]>();
  private readonly sessionsByCampaign = new Map<string, Session[]>();
  private shared: { db: Database; lastStart: number; next: Promise<void> | null } | null = null;

  static async load(db: Database): Promise<Catalog> {
    const catalog = new Catalog();
    await catalog.reload(db);
    return catalog;
  }

  /** Reads everything again: another node changed the catalog. Nothing is ever deleted, so puts suffice. */
  async reload(db: Database): Promise<void> {
    for (const row of await db.orm.select().from(t.campaigns)) this.putCampaign(campaignFromRow(row));
    for (const row of await db.orm.select().from(t.sessions)) this.putSession(sessionFromRow(row));
    for (const row of await db.orm.select().from(t.items)) this.putItem(itemFromRow(row));
  }

  /** Several nodes share the database: a lookup that misses may be news another node has not told yet. */
  shareWith(db: Database): void {
    this.shared = { db, lastStart: 0, next: null };
  }

  /**
   * After a miss on a shared catalog: wait for a reload that starts after the miss, and say whether
   * there was one. Misses share reloads, at most five a second, however many there are: a bot probing
   * ids must not turn into a query each.
   */
  async reloadAfterMiss(): Promise<boolean> {
    const shared = this.shared;
    if (!shared) return false;
    if (!shared.next) {
      const wait = Math.max(0, shared.lastStart + 200 - Date.now());
      shared.next = new Promise((resolve) => setTimeout(resolve, wait)).then(() => {
        shared.next = null; // misses from now on need the reload after this one
        shared.lastStart = Date.now();
        return this.reload(shared.db);
      });
    }
    await shared.next;
    return true;
  }

  putCampaign(campaign: Campaign): void {
    this.campaigns.set(campaign.id, campaign);
  }

  putSession(session: Session): void {
    this.sessions.set(session.id, session);
    const list = this.sessionsByCampaign.get(session.campaignId) ?? [];
    const at = list.findIndex((s) => s.id === session.id);
    if (at >= 0) list[at] = session;
    else list.push(session);
    list.sort((a, b) => a.startsAt - b.startsAt);
    this.sessionsByCampaign.set(session.campaignId, list);
  }

  putItem(item: Item): void {
    this.items.set(item.id, item);
    const list = this.itemsBySession.get(item.sessionId) ?? [];
    const at = list.findIndex((i) => i.id === item.id);
    if (at >= 0) list[at] = item;
    else list.push(item);
    this.itemsBySession.set(item.sessionId, list);
  }

  /** The campaign, or NOT_FOUND. */
  campaign(id: string): Campaign {
    const campaign = this.campaigns.get(id);
    if (!campaign) throw new MiaoshaError('NOT_FOUND', 'no such campaign');
    return campaign;
  }

  /** The session, or NOT_FOUND. */
  session(id: string): Session {
    const session = this.sessions.get(id);
    if (!session) throw new MiaoshaError('NOT_FOUND', 'no such session');
    return session;
  }

  itemsOf(sessionId: string): Item[] {
    return this.itemsBySession.get(sessionId) ?? [];
  }

  sessionsOf(campaignId: string): Session[] {
    return this.sessionsByCampaign.get(campaignId) ?? [];
  }
}

export function campaignFromRow(row: t.CampaignRow): Campaign {
  return {
    id: String(row.id),
    name: row.name,
    type: row.type as CampaignType,
    startsAt: row.startsAt.getTime(),
    endsAt: row.endsAt.getTime(),
  };
}

export function sessionFromRow(row: t.SessionRow): Session {
  return {
    id: String(row.id),
    campaignId: String(row.campaignId),
    startsAt: row.startsAt.getTime(),
    endsAt: row.endsAt.getTime(),
    paymentWindowSeconds: row.paymentWindowSeconds,
  };
}

export function itemFromRow(row: t.ItemRow): Item {
  return {
    id: String(row.id),
    sessionId: String(row.sessionId),
    campaignId: String(row.campaignId),
    title: row.title,
    originalPrice: row.originalPrice,
    flashPrice: row.flashPrice,
    stock: row.stock,
    perUserLimit: row.perUserLimit,
    sku: row.sku,
    eligibility: row.eligibility,
    paused: row.paused,
  };
}
