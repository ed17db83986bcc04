import { Badge, Group, Text } from '@mantine/core';
import type { Item } from '../api/types';
import { formatPrice } from '../format';
import { useLocale } from '../i18n/locale';
import { useShopT } from './useShopT';

/** 折 in Chinese (3.5折 = pay 35%), percent off in English. */
export function discountText(item: Pick<Item, 'flashPrice' | 'originalPrice'>, zh: boolean): string {
  const ratio = item.flashPrice / item.originalPrice;
  if (zh) return `${Math.max(0.1, Math.round(ratio * 100) / 10).toFixed(1)}`;
  return String(Math.min(99, Math.round((1 - ratio) * 100)));
}

/** The flash price big and red, the original struck through, and the discount. */
export function PriceTag({ item, size = 'md' }: { item: Pick<Item, 'flashPrice' | 'originalPrice'>; size?: 'md' | 'lg' }) {
  const t = useShopT();
  const { locale } = useLocale();
  return (
    <Group gap="xs" align="baseline" wrap="wrap">
      <Text span c="red.8" fw={800} fz={size === 'lg' ? 34 : 26} lh={1.1} className="tabular" aria-label={`${t('flashPrice')} ${formatPrice(item.flashPrice)}`}>
        {formatPrice(item.flashPrice)}
      </Text>
      <Text span c="gray.7" td="line-through" fz="sm" className="tabular" aria-label={`${t('originalPrice')} ${formatPrice(item.originalPrice)}`}>
        {formatPrice(item.originalPrice)}
      </Text>
      <Badge color="red.8" variant="outline" radius="sm">
        {t('discount', { n: discountText(item, locale === 'zh-CN') })}
      </Badge>
    </Group>
  );
}
