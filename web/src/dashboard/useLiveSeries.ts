import { useEffect, useReducer, useState } from 'react';
import { ApiError } from '../api/client';
import { openAuthorizedEvents } from '../api/events';
import type { LiveSnapshot } from '../api/types';
import { addSnapshot, emptySeries, type LiveSeries } from './series';

export type Connection = 'connecting' | 'live' | 'reconnecting';

// A snapshot comes every second; three missed ones mean the line is down even if no error came.
const silenceMs = 3500;

function errorFor(status: number): ApiError {
  if (status === 401) return new ApiError(401, 'UNAUTHORIZED', 'unauthorized');
  if (status === 403) return new ApiError(403, 'FORBIDDEN', 'forbidden');
  return new ApiError(404, 'NOT_FOUND', 'not found');
}

/**
 * Follows a session's live stream (operator bearer, fetch-streamed SSE) and keeps the rolling
 * window. The stream reconnects by itself; a refused token or a missing session stops it.
 */
export function useLiveSeries(sessionId: string, token: string): { series: LiveSeries; connection: Connection; error: ApiError | null } {
  const [series, take] = useReducer(addSnapshot, emptySeries);
  const [connection, setConnection] = useState<Connection>('connecting');
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let lastAt = 0;
    setConnection('connecting');
    setError(null);

    const received = (snapshot: LiveSnapshot) => {
      lastAt = Date.now();
      take(snapshot);
      setConnection('live');
      setError(null);
    };
    const close = openAuthorizedEvents(
      `/api/admin/sessions/${encodeURIComponent(sessionId)}/live/events`,
      token,
      (event, data) => {
        if (event === 'live') received(data as LiveSnapshot);
      },
      (status) => {
        // The stream gives up by itself on these three; anything else is retried.
        if (status === 401 || status === 403 || status === 404) setError(errorFor(status));
        else setConnection('reconnecting');
      },
    );
    const watchdog = setInterval(() => {
      if (lastAt > 0 && Date.now() - lastAt > silenceMs) setConnection('reconnecting');
    }, 1000);

    return () => {
      close();
      clearInterval(watchdog);
    };
  }, [sessionId, token]);

  return { series, connection, error };
}
