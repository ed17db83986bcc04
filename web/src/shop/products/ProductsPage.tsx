import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { call } from '../../api/client';
import { useShopper } from '../../auth';
import { formatPrice } from '../../format';
import { Failure, Loading } from '../CampaignPage';
import { type CartT, useCartT } from '../cart/messages';
import type { Product } from '../cart/types';
import { useAddToCart } from './useAddToCart';

/** One product with its price, stock and add-to-cart. */
export function ProductCard({ product, t, onAdd, adding, added }: { product: Product; t: CartT; onAdd: () => void; adding: boolean; added: boolean }) {
  return (
    <Card withBorder radius="md" component="article" aria-label={product.title}>
      <Stack gap={6}>
        <Anchor component={Link} href={`/products/${product.id}`} fw={600} c="dark.9">
          {product.title}
        </Anchor>
        <Text fz="xs" c="dimmed">
          {product.merchantName}
        </Text>
        <Group justify="space-between" align="flex-end">
          <Text fw={700} c="red.8" fz="lg" className="tabular">
            {formatPrice(product.price)}
          </Text>
          <Text fz="xs" c="dimmed">
            {product.stock > 0 ? t('stockLeft', { n: product.stock }) : t('soldOut')}
          </Text>
        </Group>
        <Button color="red.8" onClick={onAdd} loading={adding} disabled={product.stock === 0} aria-label={`${added ? t('added') : t('addToCart')} · ${product.title}`}>
          {added ? t('added') : t('addToCart')}
        </Button>
      </Stack>
    </Card>
  );
}

/** `/products`: ordinary products of every merchant, by merchant, each one tap from the cart. */
export default function ProductsPage() {
  const t = useCartT();
  const signedIn = useShopper();
  const [products, setProducts] = useState<Product[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const cart = useAddToCart(signedIn);
  useEffect(() => {
    let stopped = false;
    call<{ products: Product[] }>('/api/products')
      .then((answer) => !stopped && setProducts(answer.products))
      .catch((failure: unknown) => !stopped && setError(failure));
    return () => {
      stopped = true;
    };
  }, []);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} fz={{ base: 22, sm: 28 }}>
          {t('productsTitle')}
        </Title>
        <Button component={Link} href="/cart" variant="outline" color="red.8">
          {t('viewCart')}
        </Button>
      </Group>
      {error ? <Failure error={error} /> : null}
      {cart.error ? <Failure error={cart.error} /> : null}
      {products ? (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
          {products.map((product) => (
            <ProductCard
              key={product.id}
              product={product}
              t={t}
              onAdd={() => cart.add(product.id)}
              adding={cart.adding === product.id}
              added={cart.added.includes(product.id)}
            />
          ))}
        </SimpleGrid>
      ) : error ? null : (
        <Loading />
      )}
    </Stack>
  );
}
