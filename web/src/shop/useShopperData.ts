import { type Dispatch, type SetStateAction, useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { shopperSession } from '../auth';

/** A signed-in shopper whose token the server no longer accepts is signed out, so the page asks again. */
export function forgetShopperOn401(error: unknown): void {
  if (error instanceof ApiError && error.status === 401) shopperSession.set(null);
}

export interface ShopperData<T> {
  data: T | null;
  error: unknown;
  reload: () => void;
  /** Put what an answer already told in place, without asking again. */
  setData: Dispatch<SetStateAction<T | null>>;
}

/**
 * What a signed-in shopper's page loads with their token: null while signed out, reloaded on demand;
 * an answer that comes after the token changed or the page left is dropped, and a refused token signs
 * the shopper out. `load` is read when the token or a reload asks for it.
 */
export function useShopperData<T>(token: string | null, load: (token: string) => Promise<T>): ShopperData<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const latest = useRef(load);
  // Kept in an effect that runs before the loading one, so a load always uses this render's `load`.
  useEffect(() => {
    latest.current = load;
  });
  useEffect(() => {
    if (!token) {
      setData(null);
      return;
    }
    let stopped = false;
    latest
      .current(token)
      .then((answer) => {
        if (stopped) return;
        setData(answer);
        setError(null);
      })
      .catch((failure: unknown) => {
        if (stopped) return;
        forgetShopperOn401(failure);
        setError(failure);
      });
    return () => {
      stopped = true;
    };
  }, [token, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, reload, setData };
}
