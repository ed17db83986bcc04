import { useCallback, useEffect, useState } from 'react';
import { call } from '../api/client';
import { openEvents } from '../api/events';
import type { Session, StateEvent, StockEvent } from '../api/types';
import { learnServerTime } from '../serverClock';

export interface LiveSession {
  session: Session | null;
  error: unknown;
  /** The server answered SOLD_OUT: show it at once, even if the live stream lags or is cut. */
  markSoldOut: (itemId: string) => void;
}

/** Applies one event of the session stream to the session the page shows. */
export function applySessionEvent(session: Session | null, event: string, data: unknown): Session | null {
  if (event === 'snapshot') return data as Session;
  if (!session) return session;
  if (event === 'stock') {
    const changes = new Map((data as StockEvent).items.map((item) => [item.id, item]));
    return {
      ...session,
      items: session.items.map((item) => {
        const change = changes.get(item.id);
        return change ? { ...item, stock: change.stock, soldOut: change.soldOut } : item;
      }),
    };
  }
  if (event === 'state') return { ...session, state: (data as StateEvent).state };
  return session;
}

/** A session with its items, kept current by the session's live stream (stock and state). */
export function useSessionLive(sessionId: string | null): LiveSession {
  const [state, setState] = useState<Omit<LiveSession, 'markSoldOut'>>({ session: null, error: null });
  const markSoldOut = useCallback((itemId: string) => {
    setState((previous) => ({
      ...previous,
      session: applySessionEvent(previous.session, 'stock', { sessionId: previous.session?.id, items: [{ id: itemId, stock: 0, soldOut: true }] }),
    }));
  }, []);
  useEffect(() => {
    if (!sessionId) return;
    let stopped = false;
    setState({ session: null, error: null });
    const sent = Date.now();
    call<Session>(`/api/sessions/${encodeURIComponent(sessionId)}`)
      .then((session) => {
        if (stopped) return;
        learnServerTime(session.serverTime, Date.now() - sent);
        // The stream's snapshot may already have arrived; it is at least as new.
        setState((previous) => ({ session: previous.session ?? session, error: null }));
      })
      // A failed fetch does not hide a session the stream has already delivered.
      .catch((error: unknown) => !stopped && setState((previous) => (previous.session ? previous : { session: null, error })));
    const close = openEvents(
      `/api/sessions/${encodeURIComponent(sessionId)}/events`,
      (event, data) => {
        if (stopped) return;
        if (event === 'heartbeat' || event === 'state') learnServerTime((data as { serverTime: string }).serverTime);
        if (event === 'heartbeat') return;
        setState((previous) => ({ session: applySessionEvent(previous.session, event, data), error: null }));
      },
      ['snapshot', 'stock', 'state', 'heartbeat'],
    );
    return () => {
      stopped = true;
      close();
    };
  }, [sessionId]);
  return { ...state, markSoldOut };
}
