import { useEffect, useReducer, useState } from 'react';
import { ApiError, call } from '../api/client';
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
 * window. A server without the stream is polled once a second instead.
 */
export function useLiveSeries(sessionId: string, token: string): { series: LiveSeries; connection: Connection; error: ApiError | null } {
  const [series, take] = useReducer(addSnapshot, emptySeries);
  const [connection, setConnection] = useState<Connection>('connecting');
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let lastAt = 0;
    let pollTimer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    setConnection('connecting');
    setError(null);

    const received = (snapshot: LiveSnapshot) => {
      lastAt = Date.now();
      take(snapshot);
      setConnection('live');
      setError(null);
    };
    const stopFor = (status: number) => {
      stopped = true;
      setError(errorFor(status));
    };

    const poll = async () => {
      if (stopped) return;
      try {
        received(await call<LiveSnapshot>(`/api/admin/sessions/${encodeURIComponent(sessionId)}/live`, { token }));
      } catch (failure) {
        const status = failure instanceof ApiError ? failure.status : 0;
        if (status === 401 || status === 403 || status === 404) return stopFor(status);
        setConnection('reconnecting');
      }
      if (!stopped) pollTimer = setTimeout(poll, 1000);
    };

    const close = openAuthorizedEvents(
      `/api/admin/sessions/${encodeURIComponent(sessionId)}/live/events`,
      token,
      (event, data) => {
        if (event === 'live') received(data as LiveSnapshot);
      },
      (status) => {
        if (status === 401 || status === 403) stopFor(status);
        else if (status === 404) void poll();
        else setConnection('reconnecting');
      },
    );
    const watchdog = setInterval(() => {
      if (lastAt > 0 && Date.now() - lastAt > silenceMs) setConnection('reconnecting');
    }, 1000);

    return () => {
      stopped = true;
      close();
      clearInterval(watchdog);
      if (pollTimer) clearTimeout(pollTimer);
    };
  }, [sessionId, token]);

  return { series, connection, error };
}
