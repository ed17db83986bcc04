import { Alert, Anchor, Breadcrumbs, Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'wouter';
import type { Campaign, Item, OperatorOrder, Session, SessionStats } from '../api/types';
import { formatCountdown } from '../format';
import { errorMessage } from '../i18n/errors';
import { useLocale, useT } from '../i18n/locale';
import { learnServerTime, useServerNow } from '../serverClock';
import { firstSaleAt as firstSaleOf } from '../../../src/domain/eligibility';
import { formatTimeSlot } from '../format';
import { BookingGiftPanel } from './bookings/BookingGiftPanel';
import { ItemForm } from './ItemForm';
import { ItemsTable } from './ItemsTable';
import { useOperatorCall } from './operatorApi';
import { type OrderMove, OrdersTable } from './OrdersTable';
import { SessionForm } from './SessionForm';
import { StateBadge } from './SessionStates';
import { usePolling } from './usePolling';
import { emptyItemForm, type ItemBody, isoToLocal, itemChanges, itemToForm, paymentMinutesOf, sessionChanges } from './validation';

const messages = {
  'zh-CN': {
    campaigns: '活动',
    session: '场次',
    items: '商品',
    orders: '最近订单',
    addItem: '上架商品',
    editItem: '修改商品：{title}',
    viewItem: '商品：{title}',
    startsIn: '距开始 {time}',
    endsIn: '距结束 {time}',
    shop: '查看活动页',
    dashboard: '打开大屏',
    loading: '加载中…',
    payment: '支付时限 {minutes} 分钟',
    paymentSeconds: '支付时限 {seconds} 秒',
    refresh: '每 2 秒自动刷新',
  },
  en: {
    campaigns: 'Campaigns',
    session: 'Session',
    items: 'Items',
    orders: 'Recent orders',
    addItem: 'Add an item',
    editItem: 'Edit item: {title}',
    viewItem: 'Item: {title}',
    startsIn: 'Starts in {time}',
    endsIn: 'Ends in {time}',
    shop: 'Open the shop page',
    dashboard: 'Open the dashboard',
    loading: 'Loading…',
    payment: 'Payment window {minutes} min',
    paymentSeconds: 'Payment window {seconds} s',
    refresh: 'Refreshes every 2 s',
  },
};

/** The session's slot, state, countdown (server clock) and the pages that show it. */
export function SessionHeader({ session, campaign, now }: { session: Session; campaign: Campaign | null; now: number }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const start = Date.parse(session.startsAt);
  const end = Date.parse(session.endsAt);
  const countdown =
    session.state === 'upcoming' && now < start
      ? t('startsIn', { time: formatCountdown(start - now) })
      : session.state === 'live' && now < end
        ? t('endsIn', { time: formatCountdown(end - now) })
        : null;
  return (
    <Stack gap="xs">
      <Breadcrumbs>
        <Anchor component={Link} href="/">
          {t('campaigns')}
        </Anchor>
        <Anchor component={Link} href={`/campaigns/${session.campaignId}`}>
          {campaign?.name ?? session.campaignId}
        </Anchor>
        <Text span>{t('session')}</Text>
      </Breadcrumbs>
      <Group gap="sm" align="center">
        <Title order={1} fz="h2" className="tabular">
          {formatTimeSlot(session.startsAt, session.endsAt, locale)}
        </Title>
        <StateBadge state={session.state} />
        {/* Fixed width so the ticking countdown does not move what follows. */}
        <Text className="tabular" c="dimmed" miw={150} aria-live="off">
          {countdown}
        </Text>
      </Group>
      <Group gap="lg">
        <Text size="sm">
          {session.paymentWindowSeconds % 60 === 0
            ? t('payment', { minutes: session.paymentWindowSeconds / 60 })
            : t('paymentSeconds', { seconds: session.paymentWindowSeconds })}
        </Text>
        <Anchor component={Link} href={`~/campaigns/${session.campaignId}?session=${session.id}`} size="sm">
          {t('shop')}
        </Anchor>
        <Anchor component={Link} href={`~/dashboard/${session.id}`} size="sm">
          {t('dashboard')}
        </Anchor>
      </Group>
    </Stack>
  );
}

/**
 * The first moment anyone may buy: the start, or earlier for a priority window. From then on the
 * server refuses to change the plan (SESSION_LOCKED); the console asks the server's own rule.
 */
export function firstSaleAt(session: Pick<Session, 'startsAt' | 'items'>): number {
  return firstSaleOf(Date.parse(session.startsAt), session.items);
}

/** Until the campaign has loaded, the server alone checks that the session stays inside it. */
const anyTime = { startsAt: new Date(0).toISOString(), endsAt: new Date(8.64e15).toISOString() };

type ItemDialog = { mode: 'add' } | { mode: 'edit'; item: Item } | null;

export function SessionPage({ id }: { id: string }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const operator = useOperatorCall();
  const now = useServerNow(1000);
  const [dialog, setDialog] = useState<ItemDialog>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [busyItemId, setBusyItemId] = useState<string | null>(null);
  const [busyOrderId, setBusyOrderId] = useState<string | null>(null);

  const session = usePolling(
    async () => {
      const answer = await operator<Session>(`/api/admin/sessions/${id}`);
      learnServerTime(answer.serverTime);
      return answer;
    },
    `session-${id}`,
    2_000,
  );
  const stats = usePolling(() => operator<SessionStats>(`/api/admin/sessions/${id}/stats`), `stats-${id}`, 2_000);
  const orders = usePolling(
    async () => (await operator<{ orders: OperatorOrder[] }>(`/api/admin/sessions/${id}/orders?limit=20`)).orders,
    `orders-${id}`,
    2_000,
  );
  const campaignId = session.data?.campaignId;
  const campaign = usePolling(
    async () => (campaignId ? operator<Campaign>(`/api/admin/campaigns/${campaignId}`) : null),
    `campaign-${campaignId ?? ''}`,
  );

  const act = async (work: () => Promise<unknown>) => {
    setActionError(null);
    try {
      await work();
    } catch (error) {
      setActionError(error);
    }
  };
  const togglePause = (item: Item) =>
    act(async () => {
      setBusyItemId(item.id);
      try {
        await operator(`/api/admin/items/${item.id}`, { method: 'PATCH', body: { paused: !item.paused } });
        session.reload();
      } finally {
        setBusyItemId(null);
      }
    });
  const moveOrder = (order: OperatorOrder, move: OrderMove) =>
    act(async () => {
      setBusyOrderId(order.id);
      try {
        await operator(`/api/admin/orders/${order.id}/${move}`, { method: 'POST', body: {} });
        orders.reload();
        stats.reload();
      } finally {
        setBusyOrderId(null);
      }
    });
  const saveItem = async (body: ItemBody) => {
    if (dialog?.mode === 'edit') {
      const changes = itemChanges(dialog.item, body);
      if (Object.keys(changes).length > 0) await operator(`/api/admin/items/${dialog.item.id}`, { method: 'PATCH', body: changes });
    } else {
      await operator(`/api/admin/sessions/${id}/items`, { method: 'POST', body });
    }
    setDialog(null);
    session.reload();
    stats.reload();
  };

  const current = session.data;
  if (!current) {
    return session.error ? (
      <Alert color="red" role="alert">
        {errorMessage(session.error, locale)}
      </Alert>
    ) : (
      <Text c="dimmed">{t('loading')}</Text>
    );
  }
  // Plan changes stop once anyone may buy, which a priority window brings before the start.
  const planOpen = current.state === 'upcoming' && now < firstSaleAt(current);
  const loadError = session.error ?? stats.error ?? orders.error;

  return (
    <Stack>
      <SessionHeader session={current} campaign={campaign.data} now={now} />
      {loadError ? (
        <Alert color="yellow" role="alert">
          {errorMessage(loadError, locale)}
        </Alert>
      ) : null}
      {actionError ? (
        <Alert color="red" role="alert" withCloseButton onClose={() => setActionError(null)}>
          {errorMessage(actionError, locale)}
        </Alert>
      ) : null}
      <Group justify="space-between">
        <Group gap="xs" align="baseline">
          <Title order={2} fz="h3">
            {t('items')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('refresh')}
          </Text>
        </Group>
        {current.state !== 'ended' ? <Button onClick={() => setDialog({ mode: 'add' })}>{t('addItem')}</Button> : null}
      </Group>
      <ItemsTable
        items={current.items}
        units={stats.data?.items ?? null}
        editable={planOpen}
        busyItemId={busyItemId}
        onTogglePause={togglePause}
        onEdit={(item) => setDialog({ mode: 'edit', item })}
      />
      <SessionForm
        key={`${current.startsAt}|${current.endsAt}|${current.paymentWindowSeconds}`}
        mode="edit"
        campaign={campaign.data ?? anyTime}
        initial={{
          startsAt: isoToLocal(current.startsAt),
          endsAt: isoToLocal(current.endsAt),
          paymentMinutes: paymentMinutesOf(current.paymentWindowSeconds),
        }}
        locked={!planOpen}
        onSubmit={async (body) => {
          const changes = sessionChanges(current, body);
          if (Object.keys(changes).length > 0) await operator(`/api/admin/sessions/${id}`, { method: 'PATCH', body: changes });
          session.reload();
        }}
      />
      <BookingGiftPanel sessionId={id} open={current.state === 'upcoming'} />
      <Title order={2} fz="h3">
        {t('orders')}
      </Title>
      <OrdersTable orders={orders.data} items={current.items} busyOrderId={busyOrderId} onMove={moveOrder} />
      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        size="lg"
        title={
          dialog?.mode === 'edit'
            ? t(planOpen ? 'editItem' : 'viewItem', { title: dialog.item.title })
            : t('addItem')
        }
      >
        {dialog ? (
          <ItemForm
            key={dialog.mode === 'edit' ? dialog.item.id : 'new'}
            mode={dialog.mode}
            initial={dialog.mode === 'edit' ? itemToForm(dialog.item) : emptyItemForm}
            locked={dialog.mode === 'edit' && !planOpen}
            onSubmit={saveItem}
            onCancel={() => setDialog(null)}
          />
        ) : null}
      </Modal>
    </Stack>
  );
}
