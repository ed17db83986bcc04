import { useEffect, useState } from 'react';
import { call } from './api/client';

/**
 * The server's clock is the only clock (a phone's can be minutes off). We learn the offset from
 * /api/time, halving the round trip, and count down with it.
 */
let offsetMs = 0;

export function serverNow(): number {
  return Date.now() + offsetMs;
}

/** Take the server's time from an answer that carried it (a session's serverTime). */
export function learnServerTime(serverTime: string, roundTripMs = 0): void {
  offsetMs = Date.parse(serverTime) + roundTripMs / 2 - Date.now();
}

export async function syncServerClock(): Promise<void> {
  const sent = Date.now();
  const { epochMs } = await call<{ epochMs: number }>('/api/time');
  const received = Date.now();
  offsetMs = epochMs + (received - sent) / 2 - received;
}

/** Re-renders every `everyMs` with the server's now. */
export function useServerNow(everyMs = 250): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
