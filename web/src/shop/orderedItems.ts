import { useEffect, useState } from 'react';
import { call } from '../api/client';
import { limitKeyOf as serverLimitKeyOf } from '../../../src/domain/item';
import type { Item, Order, Session } from '../api/types';

/** Sessions are public and the same for everyone: each is asked for once per page load. */
const sessionCache = new Map<string, Promise<Session>>();
export function loadSession(sessionId: string): Promise<Session> {
  let pending = sessionCache.get(sessionId);
  if (!pending) {
    pending = call<Session>(`/api/sessions/${encodeURIComponent(sessionId)}`);
    pending.catch(() => sessionCache.delete(sessionId));
    sessionCache.set(sessionId, pending);
  }
  return pending;
}

/** The per-user limit is counted per campaign and SKU, else per item: the server's own rule. */
export function limitKeyOf(item: Pick<Item, 'id' | 'sku'>, campaignId: string): string {
  return serverLimitKeyOf({ id: item.id, sku: item.sku, campaignId });
}

export interface OrderedItem {
  title: string;
  limitKey: string;
}

/** The items of the shopper's orders by id, learnt from their sessions (an order names only the item's id). */
export function useOrderedItems(orders: Order[] | null): ReadonlyMap<string, OrderedItem> {
  const [known, setKnown] = useState<ReadonlyMap<string, OrderedItem>>(() => new Map());
  useEffect(() => {
    if (!orders) return;
    let stopped = false;
    for (const sessionId of new Set(orders.map((order) => order.sessionId))) {
      loadSession(sessionId)
        .then((session) => {
          if (stopped) return;
          setKnown((previous) => {
            const next = new Map(previous);
            for (const item of session.items) next.set(item.id, { title: item.title, limitKey: limitKeyOf(item, session.campaignId) });
            return next;
          });
        })
        .catch(() => {});
    }
    return () => {
      stopped = true;
    };
  }, [orders]);
  return known;
}
