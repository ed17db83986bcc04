import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { Link } from 'wouter';
import type { Order } from '../api/types';
import { useShopper } from '../auth';
import { formatCountdown, formatDateTime, formatPrice } from '../format';
import { useLocale } from '../i18n/locale';
import { useServerNow } from '../serverClock';
import { Failure, Loading } from './CampaignPage';
import { OrderActions } from './OrderActions';
import { useOrderedItems } from './orderedItems';
import { shownStatus, statusColor } from './orderStatus';
import { Refusal } from './Refusal';
import { SignInFirst } from './SignInFirst';
import { useMyOrders } from './useMyOrders';
import { type OrderActionState, useOrderActions } from './useOrderActions';
import { useShopT } from './useShopT';

/** `/orders`: the shopper's orders, newest first. */
export function OrdersPage() {
  const signedIn = useShopper();
  const now = useServerNow(500);
  const { orders, error, reload } = useMyOrders(signedIn);
  const orderedItems = useOrderedItems(orders);
  const titles = useMemo(() => Object.fromEntries([...orderedItems].map(([id, item]) => [id, item.title])), [orderedItems]);
  const actions = useOrderActions(signedIn, reload, reload);
  if (!signedIn) return <SignInFirst />;
  if (error && !orders) return <Failure error={error} />;
  if (!orders) return <Loading />;
  return <OrdersView orders={orders} titles={titles} now={now} actions={actions.state} onPay={actions.pay} onCancel={actions.cancel} />;
}

export function OrdersView({
  orders,
  titles,
  now,
  actions = { busy: null, failure: null },
  onPay,
  onCancel,
}: {
  orders: Order[];
  titles: Record<string, string>;
  now: number;
  actions?: OrderActionState;
  onPay: (orderId: string) => void;
  onCancel: (orderId: string) => void;
}) {
  const t = useShopT();
  const { locale } = useLocale();
  const sorted = [...orders].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  return (
    <Stack gap="md" maw={640} mx="auto">
      <Title order={1} fz={{ base: 22, sm: 28 }}>
        {t('myOrders')}
      </Title>
      {sorted.length === 0 ? (
        <Stack align="center" gap="sm" py="xl">
          <Text c="gray.7">{t('noOrders')}</Text>
          <Button component={Link} href="/" color="red.8">
            {t('goShopping')}
          </Button>
        </Stack>
      ) : (
        sorted.map((order) => {
          const status = shownStatus(order, now);
          const busy = actions.busy?.orderId === order.id ? actions.busy.action : null;
          const failure = actions.failure?.orderId === order.id ? actions.failure.error : null;
          return (
            <Card key={order.id} withBorder padding="md" component="article" aria-label={titles[order.itemId] ?? order.itemId}>
              <Stack gap={6}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Anchor component={Link} href={`/orders/${encodeURIComponent(order.id)}`} fw={600} c="dark.9" lineClamp={2}>
                    {titles[order.itemId] ?? order.itemId}
                  </Anchor>
                  <Badge color={statusColor[status]} variant="filled" style={{ flexShrink: 0 }}>
                    {t(`status_${status}`)}
                  </Badge>
                </Group>
                <Group justify="space-between">
                  <Text fw={700} c="red.8" className="tabular">
                    {formatPrice(order.amount)}
                    <Text span c="gray.7" fz="sm" fw={400}>
                      {' '}
                      × {order.quantity}
                    </Text>
                  </Text>
                  <Text fz="xs" c="gray.7">
                    {formatDateTime(order.createdAt, locale)}
                  </Text>
                </Group>
                {status === 'reserved' ? (
                  <>
                    <Text fz="sm" c="orange.9" className="tabular">
                      {t('payWithin', { time: formatCountdown(Date.parse(order.payBefore) - now) })}
                    </Text>
                    <OrderActions compact busy={busy} onPay={() => onPay(order.id)} onCancel={() => onCancel(order.id)} />
                  </>
                ) : null}
                <Refusal error={failure} p="xs" />
              </Stack>
            </Card>
          );
        })
      )}
    </Stack>
  );
}
