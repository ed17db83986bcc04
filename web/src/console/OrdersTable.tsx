import { Badge, Button, Group, Table, Text } from '@mantine/core';
import type { Item, OperatorOrder, OrderStatus } from '../api/types';
import { formatDateTime, formatPrice } from '../format';
import { useLocale, useT } from '../i18n/locale';
import { orderStatusLabels } from './labels';

const messages = {
  'zh-CN': {
    order: '订单号',
    shopper: '用户 ID',
    item: '商品',
    quantity: '数量',
    amount: '金额',
    status: '状态',
    created: '下单时间',
    actions: '操作',
    ship: '发货',
    refund: '退款',
    complete: '确认完成',
    shipLabel: '发货 订单 {id}',
    refundLabel: '退款 订单 {id}',
    completeLabel: '确认完成 订单 {id}',
    none: '还没有订单。',
  },
  en: {
    order: 'Order',
    shopper: 'Shopper id',
    item: 'Item',
    quantity: 'Qty',
    amount: 'Amount',
    status: 'Status',
    created: 'Placed',
    actions: 'Actions',
    ship: 'Ship',
    refund: 'Refund',
    complete: 'Complete',
    shipLabel: 'Ship order {id}',
    refundLabel: 'Refund order {id}',
    completeLabel: 'Complete order {id}',
    none: 'No orders yet.',
  },
};

const statusColors: Record<OrderStatus, string> = {
  reserved: 'yellow.5',
  paid: 'teal.9',
  shipped: 'blue.8',
  completed: 'cyan.9',
  cancelled: 'gray.7',
  refunded: 'grape.9',
};

export type OrderMove = 'ship' | 'refund' | 'complete';

/** The session's latest orders; a paid one can be shipped or refunded, a shipped one completed. */
export function OrdersTable({
  orders,
  items,
  busyOrderId,
  onMove,
}: {
  orders: OperatorOrder[] | null;
  items: Item[];
  busyOrderId?: string | null;
  onMove: (order: OperatorOrder, move: OrderMove) => void;
}) {
  const t = useT(messages);
  const ts = useT(orderStatusLabels);
  const { locale } = useLocale();
  if (!orders || orders.length === 0) return <Text c="dimmed">{t('none')}</Text>;
  const titles = new Map(items.map((item) => [item.id, item.title]));
  const action = (order: OperatorOrder, move: OrderMove, color: string) => (
    <Button
      size="xs"
      variant="light"
      color={color}
      loading={busyOrderId === order.id}
      onClick={() => onMove(order, move)}
      aria-label={t(`${move}Label`, { id: order.id })}
    >
      {t(move)}
    </Button>
  );
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('order')}</Table.Th>
            <Table.Th>{t('shopper')}</Table.Th>
            <Table.Th>{t('item')}</Table.Th>
            <Table.Th ta="right">{t('quantity')}</Table.Th>
            <Table.Th ta="right">{t('amount')}</Table.Th>
            <Table.Th>{t('status')}</Table.Th>
            <Table.Th>{t('created')}</Table.Th>
            <Table.Th>{t('actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {orders.map((order) => (
            <Table.Tr key={order.id} data-order={order.id}>
              <Table.Td className="tabular">{order.id}</Table.Td>
              <Table.Td className="tabular">{order.userId}</Table.Td>
              <Table.Td>{titles.get(order.itemId) ?? order.itemId}</Table.Td>
              <Table.Td ta="right" className="tabular">
                {order.quantity}
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                {formatPrice(order.amount)}
              </Table.Td>
              <Table.Td>
                <Badge color={statusColors[order.status]} variant="light">
                  {ts(order.status)}
                </Badge>
              </Table.Td>
              <Table.Td className="tabular">{formatDateTime(order.createdAt, locale)}</Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  {order.status === 'paid' ? (
                    <>
                      {action(order, 'ship', 'blue')}
                      {action(order, 'refund', 'grape')}
                    </>
                  ) : order.status === 'shipped' ? (
                    action(order, 'complete', 'teal')
                  ) : null}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
