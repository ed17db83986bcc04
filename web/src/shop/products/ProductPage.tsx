import { Anchor, Button, Card, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { call } from '../../api/client';
import { useShopper } from '../../auth';
import { formatPrice } from '../../format';
import { Failure, Loading } from '../CampaignPage';
import { useCartT } from '../cart/messages';
import type { Product } from '../cart/types';
import { useAddToCart } from './useAddToCart';

/** `/products/:id`: one ordinary product and its add-to-cart. */
export default function ProductPage({ productId }: { productId: string }) {
  const t = useCartT();
  const signedIn = useShopper();
  const [product, setProduct] = useState<Product | null>(null);
  const [error, setError] = useState<unknown>(null);
  const cart = useAddToCart(signedIn);
  useEffect(() => {
    let stopped = false;
    setProduct(null);
    call<Product>(`/api/products/${encodeURIComponent(productId)}`)
      .then((answer) => !stopped && setProduct(answer))
      .catch((failure: unknown) => !stopped && setError(failure));
    return () => {
      stopped = true;
    };
  }, [productId]);
  if (error) return <Failure error={error} />;
  if (!product) return <Loading />;
  const added = cart.added.includes(product.id);
  return (
    <Card withBorder radius="md" maw={560} mx="auto">
      <Stack gap="sm">
        <Title order={1} fz={{ base: 22, sm: 28 }}>
          {product.title}
        </Title>
        <Text c="dimmed">{product.merchantName}</Text>
        <Text fw={700} c="red.8" fz={28} className="tabular">
          {formatPrice(product.price)}
        </Text>
        <Text fz="sm">{product.stock > 0 ? t('stockLeft', { n: product.stock }) : t('soldOut')}</Text>
        {cart.error ? <Failure error={cart.error} /> : null}
        <Button size="lg" color="red.8" onClick={() => cart.add(product.id)} loading={cart.adding === product.id} disabled={product.stock === 0}>
          {added ? t('added') : t('addToCart')}
        </Button>
        <Anchor component={Link} href="/cart">
          {t('viewCart')}
        </Anchor>
      </Stack>
    </Card>
  );
}
