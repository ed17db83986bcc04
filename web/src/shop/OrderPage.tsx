import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import './shop.css';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'wouter';
import { call } from '../api/client';
import type { Order } from '../api/types';
import { useShopper } from '../auth';
import { formatCountdown, formatDateTime, formatPrice } from '../format';
import { useLocale } from '../i18n/locale';
import { useServerNow } from '../serverClock';
import { Failure, Loading } from './CampaignPage';
import { itemPath } from './ItemCard';
import { OrderActions } from './OrderActions';
import { loadSession } from './orderedItems';
import { shownStatus, statusColor } from './orderStatus';
import { Refusal } from './Refusal';
import { SignInFirst } from './SignInFirst';
import { forgetShopperOn401 } from './useShopperData';
import { useOrderActions } from './useOrderActions';
import { useShopT } from './useShopT';

/** `/orders/:orderId`: the pay page. */
export function OrderPage({ orderId }: { orderId: string }) {
  const signedIn = useShopper();
  const now = useServerNow(250);
  const [order, setOrder] = useState<Order | null>(null);
  const [title, setTitle] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const token = signedIn?.token ?? null;
  // Another order's page (the same route, a new id) starts empty, not with the last order showing.
  useEffect(() => {
    setOrder(null);
    setTitle(null);
    setError(null);
  }, [orderId]);
  useEffect(() => {
    if (!token) return;
    let stopped = false;
    call<Order>(`/api/orders/${encodeURIComponent(orderId)}`, { token })
      .then((answer) => {
        if (stopped) return;
        setOrder(answer);
        setError(null);
        return loadSession(answer.sessionId).then((session) => {
          if (!stopped) setTitle(session.items.find((item) => item.id === answer.itemId)?.title ?? null);
        });
      })
      .catch((failure: unknown) => {
        if (stopped) return;
        forgetShopperOn401(failure);
        setError(failure);
      });
    return () => {
      stopped = true;
    };
  }, [orderId, token, version]);
  // Past the deadline the server's sweep closes the order; ask again until it has.
  const expired = order !== null && order.status === 'reserved' && now >= Date.parse(order.payBefore);
  useEffect(() => {
    if (!expired) return;
    const timer = setInterval(() => setVersion((v) => v + 1), 2000);
    return () => clearInterval(timer);
  }, [expired]);
  const actions = useOrderActions(
    signedIn,
    useCallback((changed: Order) => setOrder(changed), []),
    useCallback(() => setVersion((v) => v + 1), []),
  );
  if (!signedIn) return <SignInFirst />;
  if (error && !order) return <Failure error={error} />;
  if (!order) return <Loading />;
  return (
    <OrderView
      order={order}
      itemTitle={title}
      now={now}
      busy={actions.state.busy?.action ?? null}
      failure={actions.state.failure?.orderId === order.id ? actions.state.failure.error : null}
      onPay={() => actions.pay(order.id)}
      onCancel={() => actions.cancel(order.id)}
    />
  );
}

/** An order: item, amount, status; while reserved, the countdown to its deadline and pay / cancel. */
export function OrderView({
  order,
  itemTitle,
  now,
  busy = null,
  failure = null,
  onPay,
  onCancel,
}: {
  order: Order;
  itemTitle: string | null;
  now: number;
  busy?: 'pay' | 'cancel' | null;
  failure?: unknown;
  onPay: () => void;
  onCancel: () => void;
}) {
  const t = useShopT();
  const { locale } = useLocale();
  const status = shownStatus(order, now);
  return (
    <Stack gap="md" maw={560} mx="auto">
      <Group justify="space-between" wrap="nowrap">
        <Title order={1} fz={{ base: 22, sm: 28 }}>
          {t('order')}
        </Title>
        <Badge size="lg" color={statusColor[status]} variant="filled">
          {t(`status_${status}`)}
        </Badge>
      </Group>
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Anchor component={Link} href={itemPath({ id: order.itemId, sessionId: order.sessionId })} fw={600} c="dark.9">
            {itemTitle ?? order.itemId}
          </Anchor>
          {/* A plain list, not Mantine's Table: that one brings a scroll area the shop's first load can do without. */}
          <dl className="shop-facts">
            <dt>{t('amount')}</dt>
            <dd>
              <Text span fw={800} fz={24} c="red.8" className="tabular">
                {formatPrice(order.amount)}
              </Text>
            </dd>
            <dt>{t('quantity')}</dt>
            <dd className="tabular">{order.quantity}</dd>
            <dt>{t('orderNumber')}</dt>
            <dd style={{ wordBreak: 'break-all' }}>{order.id}</dd>
            <dt>{t('createdAt')}</dt>
            <dd>{formatDateTime(order.createdAt, locale)}</dd>
            {order.paidAt ? (
              <>
                <dt>{t('paidAt')}</dt>
                <dd>{formatDateTime(order.paidAt, locale)}</dd>
              </>
            ) : null}
          </dl>
          {status === 'reserved' ? (
            <>
              <Paper bg="orange.0" p="sm" radius="md">
                <Text fw={700} ta="center" className="tabular" role="timer" aria-live="off">
                  {t('payWithin', { time: formatCountdown(Date.parse(order.payBefore) - now) })}
                </Text>
              </Paper>
              <OrderActions busy={busy} onPay={onPay} onCancel={onCancel} />
            </>
          ) : null}
          {status === 'closed' ? <Alert color="gray">{t('payExpired')}</Alert> : null}
          {status === 'paid' ? <Alert color="green">{t('paidThanks')}</Alert> : null}
          {status === 'cancelled' ? <Alert color="gray">{t('cancelledNote')}</Alert> : null}
          <Refusal error={failure} />
        </Stack>
      </Paper>
      <Group>
        <Button component={Link} href="/orders" variant="default">
          {t('myOrders')}
        </Button>
        <Button component={Link} href="/" variant="outline" color="red.9">
          {t('goShopping')}
        </Button>
      </Group>
    </Stack>
  );
}
