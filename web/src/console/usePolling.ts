import { useCallback, useEffect, useRef, useState } from 'react';

export interface Polled<T> {
  data: T | null;
  /** The last failure; the last good data stays shown beside it. */
  error: unknown;
  reload: () => void;
}

/**
 * Loads data for `key` and again every `everyMs` (null: once). A new key starts empty; a failed refresh keeps
 * what was shown. The next load waits for the previous answer, so a slow server is not piled on.
 */
export function usePolling<T>(load: () => Promise<T>, key: string, everyMs: number | null = null): Polled<T> {
  const [state, setState] = useState<{ key: string; data: T | null; error: unknown }>({ key, data: null, error: null });
  const [round, setRound] = useState(0);
  const latest = useRef(load);
  useEffect(() => {
    latest.current = load;
  });
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      try {
        const data = await latest.current();
        if (alive) setState({ key, data, error: null });
      } catch (error) {
        if (alive) setState((previous) => ({ key, data: previous.key === key ? previous.data : null, error }));
      }
      if (alive && everyMs) timer = setTimeout(run, everyMs);
    };
    void run();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [key, everyMs, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  const current = state.key === key ? state : { data: null, error: null };
  return { data: current.data, error: current.error, reload };
}
