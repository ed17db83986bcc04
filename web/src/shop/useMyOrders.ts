import { call } from '../api/client';
import type { Order } from '../api/types';
import type { ShopperSession } from '../auth';
import type { OrderedItem } from './orderedItems';
import { useShopperData } from './useShopperData';

export interface MyOrders {
  orders: Order[] | null;
  error: unknown;
  reload: () => void;
}

/** The signed-in shopper's orders, newest first. */
export function useMyOrders(signedIn: ShopperSession | null): MyOrders {
  const { data, error, reload } = useShopperData(signedIn?.token ?? null, (token) => call<{ orders: Order[] }>('/api/orders?limit=100', { token }));
  return { orders: data?.orders ?? null, error, reload };
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
