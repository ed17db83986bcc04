import { Badge, Group, Text } from '@mantine/core';
import { formatPrice } from '../../format';
import type { GroupBuyDeal } from './types';
import { saving } from './groupState';
import { useGroupBuyT } from './messages';

/** The group price big and red, the original struck through, the group size and the saving. */
export function DealPrice({ deal, size = 'md' }: { deal: GroupBuyDeal; size?: 'md' | 'lg' }) {
  const t = useGroupBuyT();
  return (
    <Group gap="xs" align="baseline" wrap="wrap">
      <Badge color="red.8" variant="filled" radius="sm">
        {t('groupOf', { n: deal.groupSize })}
      </Badge>
      <Text span c="red.8" fw={800} fz={size === 'lg' ? 34 : 26} lh={1.1} className="tabular" aria-label={`${t('groupPrice')} ${formatPrice(deal.groupPrice)}`}>
        {formatPrice(deal.groupPrice)}
      </Text>
      <Text span c="gray.7" td="line-through" fz="sm" className="tabular" aria-label={`${t('originalPrice')} ${formatPrice(deal.originalPrice)}`}>
        {formatPrice(deal.originalPrice)}
      </Text>
      <Text span c="red.8" fz="sm">
        {t('save', { amount: formatPrice(saving(deal)) })}
      </Text>
    </Group>
  );
}
