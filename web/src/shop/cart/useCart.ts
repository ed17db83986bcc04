import { useCallback, useState } from 'react';
import { call } from '../../api/client';
import { useShopperData } from '../useShopperData';
import type { CheckoutOrder, Quote } from './types';

/** The signed-in shopper's cart: load it, change a line (the answer is the new price), place it as an order. */
export function useCart(token: string | null) {
  const cart = useShopperData<Quote>(token, (t) => call<Quote>('/api/me/cart', { token: t }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const setQuantity = useCallback(
    async (productId: string, quantity: number) => {
      if (!token) return;
      setBusy(true);
      setError(null);
      try {
        cart.setData(await call<Quote>(`/api/me/cart/lines/${productId}`, { method: 'PUT', token, body: { quantity } }));
      } catch (failure) {
        setError(failure);
      } finally {
        setBusy(false);
      }
    },
    [token, cart],
  );
  const checkout = useCallback(
    async (idempotencyKey: string, expectedTotal: number): Promise<CheckoutOrder | null> => {
      if (!token) return null;
      setBusy(true);
      setError(null);
      try {
        return await call<CheckoutOrder>('/api/me/checkout', { method: 'POST', token, idempotencyKey, body: { expectedTotal } });
      } catch (failure) {
        setError(failure);
        cart.reload(); // the price or stock moved: show the cart as it is now
        return null;
      } finally {
        setBusy(false);
      }
    },
    [token, cart],
  );
  return { quote: cart.data, loadError: cart.error, busy, error, setQuantity, checkout };
}
