import { useCallback, useEffect, useState } from 'react';
import { ApiError, call } from '../api/client';
import type { Order } from '../api/types';
import { type ShopperSession, shopperSession } from '../auth';

export interface MyOrders {
  orders: Order[] | null;
  error: unknown;
  reload: () => void;
}

/** A signed-in shopper whose token the server no longer accepts is signed out, so the page asks again. */
export function forgetShopperOn401(error: unknown): void {
  if (error instanceof ApiError && error.status === 401) shopperSession.set(null);
}

export function useMyOrders(signedIn: ShopperSession | null): MyOrders {
  const [orders, setOrders] = useState<Order[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const token = signedIn?.token ?? null;
  useEffect(() => {
    if (!token) {
      setOrders(null);
      return;
    }
    let stopped = false;
    call<{ orders: Order[] }>('/api/orders?limit=100', { token })
      .then((answer) => {
        if (stopped) return;
        setOrders(answer.orders);
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
  return { orders, error, reload };
}

/** Units a shopper holds of an item: every order of it that was not cancelled counts toward the limit. */
export function unitsHeld(orders: Order[] | null, itemId: string): number {
  if (!orders) return 0;
  return orders.filter((order) => order.itemId === itemId && order.status !== 'cancelled').reduce((sum, order) => sum + order.quantity, 0);
}
