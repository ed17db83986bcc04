import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { formatCountdown, formatDateTime, formatPrice } from '../../format';
import { useLocale } from '../../i18n/locale';
import { Refusal } from '../Refusal';
import { CartView } from './CartView';
import { statusColor } from '../orderStatus';
import { useCartT } from './messages';
import type { CheckoutOrder } from './types';


/** A checkout order: its status, the deadline counting down, pay and cancel, and the price as it was explained. */
export function CheckoutOrderView({
  order,
  now,
  busy = false,
  error = null,
  onPay,
  onCancel,
}: {
  order: CheckoutOrder;
  now: number;
  busy?: boolean;
  error?: unknown;
  onPay?: () => void;
  onCancel?: () => void;
}) {
  const t = useCartT();
  const { locale } = useLocale();
  const left = Date.parse(order.payBefore) - now;
  const open = order.status === 'reserved' && left > 0;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <Title order={1} fz={{ base: 22, sm: 28 }}>
          {t('orderTitle')}
        </Title>
        <Badge size="lg" color={statusColor[order.status]} variant="filled" data-testid="order-status">
          {t(`status_${order.status}`)}
        </Badge>
      </Group>
      <Group justify="space-between">
        <Text fz="sm" c="dimmed" className="tabular">
          {t('order', { id: order.id })}
        </Text>
        <Anchor component={Link} href="/checkout-orders" fz="sm">
          {t('myCheckoutOrders')}
        </Anchor>
      </Group>
      <Refusal error={error} />
      {open ? (
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <Text role="timer" aria-live="off">
              {t('payWithin', { time: formatCountdown(left) })}
            </Text>
            <Button size="lg" color="red.8" onClick={onPay} loading={busy}>
              {t('pay', { amount: formatPrice(order.total) })}
            </Button>
            <Button variant="subtle" color="gray" onClick={onCancel} disabled={busy}>
              {t('cancel')}
            </Button>
            <Text fz="xs" c="dimmed">
              {t('pointsEarned')}
            </Text>
          </Stack>
        </Paper>
      ) : null}
      {order.status === 'paid' && order.paidAt ? <Text c="teal.9">{t('paidAt', { date: formatDateTime(order.paidAt, locale) })}</Text> : null}
      {order.status === 'cancelled' ? (
        <Text c="dimmed">
          {t('cancelledBecause', { reason: order.cancelReason === 'payment deadline passed' ? t('reason_deadline') : t('reason_shopper') })}
        </Text>
      ) : null}
      <CartView quote={order.explanation} />
    </Stack>
  );
}
