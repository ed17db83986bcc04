import { Group, Progress, Text } from '@mantine/core';
import type { Item } from '../api/types';
import { useShopT } from './useShopT';

/**
 * Live stock: a bar and "N left", fixed in height so ticking numbers never move the page. Not a live
 * region: a screen reader would announce every card's count many times a second in a rush.
 */
export function StockBar({ item }: { item: Pick<Item, 'stock' | 'initialStock' | 'soldOut'> }) {
  const t = useShopT();
  const stock = item.soldOut ? 0 : Math.max(0, item.stock);
  const share = item.initialStock > 0 ? (stock / item.initialStock) * 100 : 0;
  return (
    <div style={{ height: 34 }}>
      <Progress value={share} color={share <= 20 ? 'red.8' : 'orange.7'} size="md" radius="xl" aria-label={t('stockLabel')} />
      <Group justify="space-between" mt={4} wrap="nowrap">
        <Text fz="sm" c={stock === 0 ? 'gray.7' : 'red.8'} fw={600} className="tabular">
          {stock === 0 ? t('soldOutStock') : t('left', { n: stock })}
        </Text>
      </Group>
    </div>
  );
}
