import { useCallback, useRef, useState } from 'react';
import { call, newIdempotencyKey } from '../api/client';
import type { Order } from '../api/types';
import type { ShopperSession } from '../auth';
import { isRetryable } from './buyIntent';
import { forgetShopperOn401 } from './useMyOrders';

export interface OrderActionState {
  busy: { orderId: string; action: 'pay' | 'cancel' } | null;
  failure: { orderId: string; error: unknown } | null;
}

/** Pay and cancel; a payment retried after no answer reuses its key, so it never charges twice. */
export function useOrderActions(signedIn: ShopperSession | null, onChanged: (order: Order) => void) {
  const [state, setState] = useState<OrderActionState>({ busy: null, failure: null });
  const payKeys = useRef(new Map<string, string>());
  const run = useCallback(
    async (orderId: string, action: 'pay' | 'cancel') => {
      if (!signedIn) return;
      setState({ busy: { orderId, action }, failure: null });
      const path = `/api/orders/${encodeURIComponent(orderId)}/${action === 'pay' ? 'payments' : 'cancel'}`;
      let idempotencyKey: string | undefined;
      if (action === 'pay') {
        idempotencyKey = payKeys.current.get(orderId) ?? newIdempotencyKey();
        payKeys.current.set(orderId, idempotencyKey);
      }
      try {
        const order = await call<Order>(path, { method: 'POST', body: {}, token: signedIn.token, idempotencyKey });
        payKeys.current.delete(orderId);
        setState({ busy: null, failure: null });
        onChanged(order);
      } catch (error) {
        if (!isRetryable(error)) payKeys.current.delete(orderId);
        forgetShopperOn401(error);
        setState({ busy: null, failure: { orderId, error } });
      }
    },
    [signedIn, onChanged],
  );
  return {
    state,
    pay: (orderId: string) => void run(orderId, 'pay'),
    cancel: (orderId: string) => void run(orderId, 'cancel'),
  };
}
