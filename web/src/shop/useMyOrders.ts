import { useCallback, useEffect, useState } from 'react';
import { ApiError, call } from '../api/client';
import type { Order } from '../api/types';
import { type ShopperSession, shopperSession } from '../auth';
import type { OrderedItem } from './orderedItems';

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

/**
 * Units a shopper holds under an item's per-user limit: every order not cancelled counts, of the item
 * itself or of one sharing its limit key (the same SKU in another session of the campaign).
 */
export function unitsHeld(
  orders: Order[] | null,
  item: { id: string; limitKey: string },
  orderedItems: ReadonlyMap<string, OrderedItem> = new Map(),
): number {
  if (!orders) return 0;
  return orders
    .filter((order) => order.status !== 'cancelled' && (order.itemId === item.id || orderedItems.get(order.itemId)?.limitKey === item.limitKey))
    .reduce((sum, order) => sum + order.quantity, 0);
}
