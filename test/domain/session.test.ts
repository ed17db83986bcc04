import { describe, expect, it } from 'vitest';
import { defaultPaymentWindowSeconds, sessionState } from '../../src/domain/session.js';

describe('sessionState', () => {
  const session = { startsAt: 1_700_000_000_000, endsAt: 1_700_000_600_000 };

  it('is upcoming until the very millisecond the session starts', () => {
    expect(sessionState(session, session.startsAt - 60_000)).toBe('upcoming');
    expect(sessionState(session, session.startsAt - 1)).toBe('upcoming');
  });

  it('is live from the start millisecond up to the last millisecond before the end', () => {
    expect(sessionState(session, session.startsAt)).toBe('live');
    expect(sessionState(session, session.startsAt + 1)).toBe('live');
    expect(sessionState(session, session.endsAt - 1)).toBe('live');
  });

  it('is ended at the end millisecond and afterwards', () => {
    expect(sessionState(session, session.endsAt)).toBe('ended');
    expect(sessionState(session, session.endsAt + 86_400_000)).toBe('ended');
  });

  it('gives shoppers 15 minutes to pay unless the session says otherwise', () => {
    expect(defaultPaymentWindowSeconds).toBe(900);
  });
});
