/** A flash-sale session: one time slot of a campaign (e.g. 10:00–10:30) with its own items. */
export interface Session {
  id: string;
  campaignId: string;
  startsAt: number;
  endsAt: number;
  paymentWindowSeconds: number;
}

export type SessionState = 'upcoming' | 'live' | 'ended';

export const defaultPaymentWindowSeconds = 15 * 60;

/** State is never stored: it follows from the slot and the server clock, so every node agrees. */
export function sessionState(session: Pick<Session, 'startsAt' | 'endsAt'>, now: number): SessionState {
  if (now < session.startsAt) return 'upcoming';
  if (now < session.endsAt) return 'live';
  return 'ended';
}
