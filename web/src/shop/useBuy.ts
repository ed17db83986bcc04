import { useCallback, useState } from 'react';
import { useLocation } from 'wouter';
import { ApiError } from '../api/client';
import type { ShopperSession } from '../auth';
import { errorMessage } from '../i18n/errors';
import { useLocale } from '../i18n/locale';
import { serverNow, syncServerClock } from '../serverClock';
import { type BuyProgress, idle } from './BuyButton';
import { pendingBuyKey, reserveOne } from './buyIntent';
import { forgetShopperOn401 } from './useShopperData';

/** One tap, one reservation: on success to the pay page; a refusal becomes a readable message. */
export function useBuy(signedIn: ShopperSession | null, sessionId: string, itemId: string, onRefused: (itemId: string, code: string) => void) {
  const { locale } = useLocale();
  const [, navigate] = useLocation();
  // The failure itself is kept, so its message follows a language switch.
  const [state, setState] = useState<Omit<BuyProgress, 'error'> & { failure: unknown }>(() => ({
    ...idle,
    failure: null,
    pending: signedIn ? pendingBuyKey(signedIn.shopper.id, itemId) !== null : false,
  }));
  const buy = useCallback(async () => {
    if (!signedIn) {
      navigate(`/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
      return;
    }
    setState((p) => ({ ...p, busy: true, failure: null }));
    try {
      const reservation = await reserveOne({ id: signedIn.shopper.id, token: signedIn.token }, sessionId, itemId);
      setState({ ...idle, failure: null });
      navigate(`/orders/${encodeURIComponent(reservation.orderId)}`);
    } catch (error) {
      forgetShopperOn401(error);
      const retryAfter = error instanceof ApiError ? error.retryAfter : null;
      setState({
        busy: false,
        failure: error,
        retryAt: retryAfter ? serverNow() + retryAfter * 1000 : null,
        pending: pendingBuyKey(signedIn.shopper.id, itemId) !== null,
      });
      // A refusal about time means the page's clock drifted; one about stock or limits, that the page is stale.
      if (error instanceof ApiError && (error.code === 'NOT_STARTED' || error.code === 'ENDED')) void syncServerClock().catch(() => {});
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) onRefused(itemId, error.code);
    }
  }, [signedIn, sessionId, itemId, navigate, onRefused]);
  const { failure, ...rest } = state;
  const progress: BuyProgress = { ...rest, error: failure ? errorMessage(failure, locale) : null };
  return { progress, buy };
}
