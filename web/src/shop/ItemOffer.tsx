import type { Item, Order, Session } from '../api/types';
import type { ShopperSession } from '../auth';
import { buyButtonState, type BuyState } from './buyButtonState';
import { limitKeyOf, type OrderedItem } from './orderedItems';
import { useBuy } from './useBuy';
import { unitsHeld } from './useMyOrders';

export interface OfferContext {
  session: Pick<Session, 'id' | 'campaignId' | 'startsAt' | 'endsAt' | 'state'>;
  now: number;
  signedIn: ShopperSession | null;
  /** The shopper's orders (null while unknown or signed out). */
  orders: Order[] | null;
  /** The items of those orders, where an item with a SKU shares its limit with other sessions. */
  orderedItems?: ReadonlyMap<string, OrderedItem>;
  /** Called after the server refused a buy (with its code), so the page corrects what it shows. */
  onRefused: (itemId: string, code: string) => void;
}

/** Joins an item with the shopper and the clock: its buy state and the buy action. */
export function useOffer(item: Item, { session, now, signedIn, orders, orderedItems, onRefused }: OfferContext): {
  state: BuyState;
  progress: ReturnType<typeof useBuy>['progress'];
  buy: () => void;
} {
  const { progress, buy } = useBuy(signedIn, session.id, item.id, onRefused);
  const myUnits = unitsHeld(orders, { id: item.id, limitKey: limitKeyOf(item, session.campaignId) }, orderedItems);
  const state = buyButtonState({ item, session, now, shopper: signedIn?.shopper ?? null, myUnits });
  return { state, progress, buy: () => void buy() };
}
