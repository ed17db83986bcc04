import { Anchor, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from 'wouter';
import type { Item } from '../api/types';
import { BuyButton, type BuyProgress } from './BuyButton';
import type { BuyState } from './buyButtonState';
import { PriceTag } from './PriceTag';
import { StockBar } from './StockBar';
import { useShopT } from './useShopT';

export function itemPath(item: Pick<Item, 'id' | 'sessionId'>): string {
  return `/sessions/${encodeURIComponent(item.sessionId)}/items/${encodeURIComponent(item.id)}`;
}

/** A hot item on the campaign page: title, prices, live stock and its buy button. */
export function ItemCard({
  item,
  state,
  now,
  progress,
  onBuy,
}: {
  item: Item;
  state: BuyState;
  now: number;
  progress?: BuyProgress;
  onBuy: () => void;
}) {
  const t = useShopT();
  return (
    <Card withBorder padding="md" component="article" aria-label={item.title}>
      <Stack gap="xs">
        <Anchor component={Link} href={itemPath(item)} c="dark.9" fw={600} fz="md" lineClamp={2} style={{ minHeight: 48 }}>
          {item.title}
        </Anchor>
        <PriceTag item={item} />
        <Group gap="xs">
          <Text fz="xs" c="gray.7">
            {t('limitPerUser', { limit: item.perUserLimit })}
          </Text>
        </Group>
        <StockBar item={item} />
        <BuyButton state={state} now={now} progress={progress} onBuy={onBuy} />
      </Stack>
    </Card>
  );
}
