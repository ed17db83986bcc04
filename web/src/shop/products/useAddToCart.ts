import { useCallback, useState } from 'react';
import { useLocation } from 'wouter';
import { call } from '../../api/client';
import type { ShopperSession } from '../../auth';
import type { Quote } from '../cart/types';
import { forgetShopperOn401 } from '../useShopperData';

/** Adds one unit of a product to the cart (a signed-out visitor is asked to sign in first). */
export function useAddToCart(signedIn: ShopperSession | null) {
  const [, navigate] = useLocation();
  const [adding, setAdding] = useState<string | null>(null);
  const [added, setAdded] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const add = useCallback(
    async (productId: string) => {
      if (!signedIn) {
        navigate(`/sign-in?next=${encodeURIComponent('/products')}`);
        return;
      }
      setAdding(productId);
      setError(null);
      try {
        const cart = await call<Quote>('/api/me/cart', { token: signedIn.token });
        const inCart = cart.lines.find((line) => line.productId === productId)?.quantity ?? 0;
        await call<Quote>(`/api/me/cart/lines/${productId}`, { method: 'PUT', token: signedIn.token, body: { quantity: inCart + 1 } });
        setAdded((list) => (list.includes(productId) ? list : [...list, productId]));
      } catch (failure) {
        forgetShopperOn401(failure);
        setError(failure);
      } finally {
        setAdding(null);
      }
    },
    [signedIn, navigate],
  );
  return { add, adding, added, error };
}
