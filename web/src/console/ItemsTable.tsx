import { Badge, Button, Group, Progress, Stack, Table, Text } from '@mantine/core';
import type { Item, ItemUnits } from '../api/types';
import { formatPrice } from '../format';
import { useT } from '../i18n/locale';

const messages = {
  'zh-CN': {
    item: '商品',
    price: '秒杀价 / 原价',
    initial: '初始库存',
    onSale: '在售',
    reserved: '待支付',
    paid: '已支付',
    cancelled: '取消/退款',
    progress: '售出进度',
    actions: '操作',
    pause: '暂停销售',
    resume: '恢复销售',
    edit: '修改',
    view: '查看',
    paused: '已暂停',
    selling: '在售中',
    soldOut: '已抢光',
    lowStock: '库存不超过 20%',
    sold: '已售 {percent}%',
    limit: '每人限购 {n}',
    none: '这个场次还没有商品。',
    pauseLabel: '暂停销售 {title}',
    resumeLabel: '恢复销售 {title}',
    editLabel: '修改 {title}',
    viewLabel: '查看 {title}',
  },
  en: {
    item: 'Item',
    price: 'Flash / original',
    initial: 'Initial stock',
    onSale: 'On sale',
    reserved: 'Reserved',
    paid: 'Paid',
    cancelled: 'Cancelled/refunded',
    progress: 'Sold',
    actions: 'Actions',
    pause: 'Pause',
    resume: 'Resume',
    edit: 'Edit',
    view: 'View',
    paused: 'Paused',
    selling: 'Selling',
    soldOut: 'Sold out',
    lowStock: 'Stock at 20% or less',
    sold: '{percent}% sold',
    limit: 'Limit {n} per shopper',
    none: 'No items in this session yet.',
    pauseLabel: 'Pause {title}',
    resumeLabel: 'Resume {title}',
    editLabel: 'Edit {title}',
    viewLabel: 'View {title}',
  },
};

/** At a fifth of its stock or less an item is running low (the server raises its LOW_STOCK alert at the same line). */
export function isLowStock(stock: number, initialStock: number): boolean {
  return stock > 0 && stock <= initialStock * 0.2;
}

/**
 * The session's items with live unit counts. Paid counts every unit that was paid for (paid, shipped,
 * completed); cancelled counts units that went back on sale (cancelled or refunded).
 */
export function ItemsTable({
  items,
  units,
  editable,
  busyItemId,
  onTogglePause,
  onEdit,
}: {
  items: Item[];
  units: ItemUnits[] | null;
  /** Item details may change only while the session is upcoming. */
  editable: boolean;
  busyItemId?: string | null;
  onTogglePause: (item: Item) => void;
  onEdit: (item: Item) => void;
}) {
  const t = useT(messages);
  if (items.length === 0) return <Text c="dimmed">{t('none')}</Text>;
  const byId = new Map((units ?? []).map((u) => [u.id, u]));
  return (
    <Table.ScrollContainer minWidth={1040}>
      <Table striped verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('item')}</Table.Th>
            <Table.Th>{t('price')}</Table.Th>
            <Table.Th ta="right">{t('initial')}</Table.Th>
            <Table.Th ta="right">{t('onSale')}</Table.Th>
            <Table.Th ta="right">{t('reserved')}</Table.Th>
            <Table.Th ta="right">{t('paid')}</Table.Th>
            <Table.Th ta="right">{t('cancelled')}</Table.Th>
            <Table.Th w={180}>{t('progress')}</Table.Th>
            <Table.Th>{t('actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => {
            const u = byId.get(item.id);
            const initial = u?.initialStock ?? item.initialStock;
            const stock = u?.stock ?? item.stock;
            const soldPercent = initial > 0 ? Math.min(100, Math.max(0, Math.round(((initial - stock) / initial) * 100))) : 0;
            const low = isLowStock(stock, initial);
            return (
              <Table.Tr key={item.id} data-item={item.id}>
                <Table.Td>
                  <Stack gap={4}>
                    <Text fw={600} size="sm">
                      {item.title}
                    </Text>
                    <Group gap={4}>
                      {item.paused ? (
                        <Badge color="gray.7" variant="filled">
                          {t('paused')}
                        </Badge>
                      ) : stock === 0 ? (
                        <Badge color="dark">{t('soldOut')}</Badge>
                      ) : (
                        <Badge color="teal.9">
                          {t('selling')}
                        </Badge>
                      )}
                      {low ? (
                        <Badge color="yellow.5" role="status">
                          {t('lowStock')}
                        </Badge>
                      ) : null}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {item.sku ? `SKU ${item.sku} · ` : ''}
                      {t('limit', { n: item.perUserLimit })}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td className="tabular">
                  <Text span fw={700} c="red.9" size="sm">
                    {formatPrice(item.flashPrice)}
                  </Text>{' '}
                  <Text span td="line-through" c="dimmed" size="sm">
                    {formatPrice(item.originalPrice)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {initial}
                </Table.Td>
                <Table.Td ta="right" className="tabular" data-stat="stock">
                  {stock}
                </Table.Td>
                <Table.Td ta="right" className="tabular" data-stat="reserved">
                  {u ? u.reserved : '–'}
                </Table.Td>
                <Table.Td ta="right" className="tabular" data-stat="paid">
                  {u ? u.paid + u.shipped + u.completed : '–'}
                </Table.Td>
                <Table.Td ta="right" className="tabular" data-stat="cancelled">
                  {u ? u.cancelled + u.refunded : '–'}
                </Table.Td>
                <Table.Td>
                  <Stack gap={4}>
                    <Progress
                      value={soldPercent}
                      color={stock === 0 ? 'dark' : low ? 'orange' : 'red'}
                      aria-label={`${item.title} ${t('sold', { percent: soldPercent })}`}
                    />
                    <Text size="xs" className="tabular">
                      {t('sold', { percent: soldPercent })}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="xs"
                      variant={item.paused ? 'filled' : 'outline'}
                      color={item.paused ? 'teal.9' : 'gray.8'}
                      loading={busyItemId === item.id}
                      onClick={() => onTogglePause(item)}
                      aria-label={t(item.paused ? 'resumeLabel' : 'pauseLabel', { title: item.title })}
                    >
                      {item.paused ? t('resume') : t('pause')}
                    </Button>
                    <Button size="xs" variant="default" onClick={() => onEdit(item)} aria-label={t(editable ? 'editLabel' : 'viewLabel', { title: item.title })}>
                      {editable ? t('edit') : t('view')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
