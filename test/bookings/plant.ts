import type { Database } from '../../src/db/database.js';

const minute = 60_000;

/** A campaign starting at `campaignStartsAt` with sessions starting at each of `sessionStarts` (30 minutes long). */
export async function plantCampaign(
  db: Database,
  campaignStartsAt: number,
  sessionStarts: number[],
  name = '双11预热',
): Promise<{ campaignId: string; sessionIds: string[] }> {
  const [campaign] = await db.query<{ id: string }>(
    `insert into campaigns (name, type, starts_at, ends_at) values ($1, 'big-promotion', $2, $3) returning id::text`,
    [name, new Date(campaignStartsAt), new Date(Math.max(campaignStartsAt, ...sessionStarts) + 24 * 60 * minute)],
  );
  const sessionIds: string[] = [];
  for (const startsAt of sessionStarts) {
    const [session] = await db.query<{ id: string }>(
      `insert into sessions (campaign_id, starts_at, ends_at, payment_window_seconds) values ($1, $2, $3, 900) returning id::text`,
      [campaign.id, new Date(startsAt), new Date(startsAt + 30 * minute)],
    );
    sessionIds.push(String(session.id));
  }
  return { campaignId: String(campaign.id), sessionIds };
}

/** A campaign with one session, both starting at `startsAt`. */
export async function plantSession(db: Database, startsAt: number, name?: string): Promise<{ campaignId: string; sessionId: string }> {
  const { campaignId, sessionIds } = await plantCampaign(db, startsAt, [startsAt], name);
  return { campaignId, sessionId: sessionIds[0] };
}
