import { useCallback, useEffect, useRef, useState } from 'react';
import { forgetShopperOn401 } from './useShopperData';

/**
 * A signed-in shopper's tap that asks the server (draw, check in, help, redeem): one at a time, so a second
 * tap while the first is on its way sends nothing. Tells which one is under way (`busy`, the key given to
 * `run`) and why the last was refused (a refused token signs the shopper out); `after` runs either way,
 * since what the page shows has changed.
 */
export function useShopperAction<K = true>(token: string | null, after: () => void) {
  const [busy, setBusy] = useState<K | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const acting = useRef(false);
  const latestAfter = useRef(after);
  useEffect(() => {
    latestAfter.current = after;
  });
  const run = useCallback(
    (key: K, work: (token: string) => Promise<void>) => {
      if (!token || acting.current) return;
      acting.current = true;
      setBusy(() => key);
      setFailure(null);
      work(token)
        .catch((error: unknown) => {
          forgetShopperOn401(error);
          setFailure(error);
        })
        .finally(() => {
          acting.current = false;
          setBusy(null);
          latestAfter.current();
        });
    },
    [token],
  );
  return { busy, failure, setFailure, run };
}
