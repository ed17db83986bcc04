import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { call } from '../../api/client';
import { useShopper } from '../../auth';
import { formatDateTime, formatPrice } from '../../format';
import { useLocale } from '../../i18n/locale';
import { Failure, Loading } from '../CampaignPage';
import { statusColor } from '../orderStatus';
import { SignInFirst } from '../SignInFirst';
import { useShopperData } from '../useShopperData';
import { useCartT } from './messages';
import type { CheckoutOrder } from './types';

/** `/checkout-orders`: the orders placed from the cart, newest first. */
export default function CheckoutOrdersPage() {
  const t = useCartT();
  const { locale } = useLocale();
  const signedIn = useShopper();
  const orders = useShopperData(signedIn?.token ?? null, async (token) => (await call<{ orders: CheckoutOrder[] }>('/api/me/checkout-orders', { token })).orders);
  if (!signedIn) return <SignInFirst />;
  return (
    <Stack gap="md" maw={720} mx="auto">
      <Title order={1} fz={{ base: 22, sm: 28 }}>
        {t('myCheckoutOrders')}
      </Title>
      {orders.error ? <Failure error={orders.error} /> : null}
      {orders.data === null ? (
        orders.error ? null : <Loading />
      ) : orders.data.length === 0 ? (
        <Text c="dimmed">{t('noCheckoutOrders')}</Text>
      ) : (
        orders.data.map((order) => (
          <Card key={order.id} withBorder radius="md" component="article" aria-label={t('order', { id: order.id })}>
            <Group justify="space-between" wrap="nowrap">
              <Stack gap={2}>
                <Anchor component={Link} href={`/checkout-orders/${order.id}`} fw={600}>
                  {order.lines.map((line) => line.title).join('、')}
                </Anchor>
                <Text fz="xs" c="dimmed">
                  {formatDateTime(order.createdAt, locale)}
                </Text>
              </Stack>
              <Stack gap={2} align="flex-end">
                <Badge color={statusColor[order.status]} variant="filled">
                  {t(`status_${order.status}`)}
                </Badge>
                <Text fw={700} className="tabular">
                  {formatPrice(order.total)}
                </Text>
              </Stack>
            </Group>
          </Card>
        ))
      )}
    </Stack>
  );
}
