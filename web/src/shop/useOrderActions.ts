import { useCallback, useState } from 'react';
import { ApiError, call } from '../api/client';
import type { Order } from '../api/types';
import type { ShopperSession } from '../auth';
import { forgetShopperOn401 } from './useShopperData';

export interface OrderActionState {
  busy: { orderId: string; action: 'pay' | 'cancel' } | null;
  failure: { orderId: string; error: unknown } | null;
}

/**
 * Pay and cancel. The server pays an order at most once (a repeat finds the first payment), so a
 * retry after no answer is safe. A refusal (cancelled, expired, …) means the page is stale: `onRefused`
 * asks for the order again.
 */
export function useOrderActions(signedIn: ShopperSession | null, onChanged: (order: Order) => void, onRefused: () => void) {
  const [state, setState] = useState<OrderActionState>({ busy: null, failure: null });
  const run = useCallback(
    async (orderId: string, action: 'pay' | 'cancel') => {
      if (!signedIn) return;
      setState({ busy: { orderId, action }, failure: null });
      const path = `/api/orders/${encodeURIComponent(orderId)}/${action === 'pay' ? 'payments' : 'cancel'}`;
      try {
        const order = await call<Order>(path, { method: 'POST', body: {}, token: signedIn.token });
        setState({ busy: null, failure: null });
        onChanged(order);
      } catch (error) {
        forgetShopperOn401(error);
        setState({ busy: null, failure: { orderId, error } });
        if (error instanceof ApiError && error.status >= 400 && error.status < 500) onRefused();
      }
    },
    [signedIn, onChanged, onRefused],
  );
  return {
    state,
    pay: (orderId: string) => void run(orderId, 'pay'),
    cancel: (orderId: string) => void run(orderId, 'cancel'),
  };
}
