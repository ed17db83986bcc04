import { Anchor, Group, Stack, Title } from '@mantine/core';
import { useRef } from 'react';
import { Link, useLocation } from 'wouter';
import { newIdempotencyKey } from '../../api/client';
import { useShopper } from '../../auth';
import { Failure, Loading } from '../CampaignPage';
import { SignInFirst } from '../SignInFirst';
import { CartView } from './CartView';
import { useCartT } from './messages';
import { useCart } from './useCart';

/** `/cart`: the shopper's cart at its best price, explained; 结算 places the order and opens it. */
export default function CartPage() {
  const t = useCartT();
  const signedIn = useShopper();
  const [, navigate] = useLocation();
  const cart = useCart(signedIn?.token ?? null);
  // One key per cart shown: a double tap or a retry of the same checkout places one order.
  const key = useRef(newIdempotencyKey());
  if (!signedIn) return <SignInFirst />;
  return (
    <Stack gap="md" maw={720} mx="auto">
      <Group justify="space-between">
        <Title order={1} fz={{ base: 22, sm: 28 }}>
          {t('cart')}
        </Title>
        <Anchor component={Link} href="/checkout-orders">
          {t('myCheckoutOrders')}
        </Anchor>
      </Group>
      {cart.error ? <Failure error={cart.error} /> : null}
      {cart.quote ? (
        <CartView
          quote={cart.quote}
          busy={cart.busy}
          onQuantity={(productId, quantity) => {
            key.current = newIdempotencyKey();
            void cart.setQuantity(productId, quantity);
          }}
          onCheckout={() => {
            void cart.checkout(key.current, cart.quote!.total).then((order) => {
              if (order) navigate(`/checkout-orders/${order.id}`);
              else key.current = newIdempotencyKey();
            });
          }}
        />
      ) : cart.loadError ? (
        <Failure error={cart.loadError} />
      ) : (
        <Loading />
      )}
    </Stack>
  );
}
