import type { Campaign, SessionState } from '../api/types';

type Slot = { startsAt: string; endsAt: string };

/** A session's state by the server's now (the same rule as the server's: start inclusive, end exclusive). */
export function stateAt(slot: Slot, now: number): SessionState {
  if (now < Date.parse(slot.startsAt)) return 'upcoming';
  if (now < Date.parse(slot.endsAt)) return 'live';
  return 'ended';
}

/** The campaign the home page shows: one with a live session, else the next to start, else the latest. */
export function currentCampaign(campaigns: Campaign[], now: number): Campaign | null {
  const live = campaigns.find((campaign) => campaign.sessions.some((session) => stateAt(session, now) === 'live'));
  if (live) return live;
  let next: { campaign: Campaign; at: number } | null = null;
  for (const campaign of campaigns) {
    for (const session of campaign.sessions) {
      const at = Date.parse(session.startsAt);
      if (at > now && (!next || at < next.at)) next = { campaign, at };
    }
  }
  if (next) return next.campaign;
  return [...campaigns].sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt))[0] ?? null;
}

/** The tab selected when the address names none: the live session, else the next, else the last. */
export function defaultSession(campaign: Pick<Campaign, 'sessions'>, now: number): string | null {
  const sessions = [...campaign.sessions].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const live = sessions.find((session) => stateAt(session, now) === 'live');
  if (live) return live.id;
  const next = sessions.find((session) => stateAt(session, now) === 'upcoming');
  if (next) return next.id;
  return sessions[sessions.length - 1]?.id ?? null;
}
