import { Badge, Group, Progress, Stack, Table, Text } from '@mantine/core';
import type { CouponTemplate } from '../../api/types';
import { formatDateTime } from '../../format';
import { useLocale, useT } from '../../i18n/locale';
import { ListTable, Loaded } from '../ListPage';
import { couponState } from './couponRules';
import { couponOffWords, couponScopeWords, couponStateColors, couponStateLabels } from './couponWords';

const messages = {
  'zh-CN': {
    name: '名称',
    off: '优惠',
    scope: '适用范围',
    claimed: '已领 / 总量',
    perShopper: '每人限领',
    validity: '有效期',
    none: '还没有发放优惠券，先发一种吧。',
    claimedLabel: '{name} 已领取比例',
    perShopperCount: '{count} 张',
    afterClaim: '领取后 {minutes} 分钟内有效',
  },
  en: {
    name: 'Name',
    off: 'Takes off',
    scope: 'Applies to',
    claimed: 'Claimed / total',
    perShopper: 'Per shopper',
    validity: 'Valid',
    none: 'No coupons issued yet — issue the first one.',
    claimedLabel: 'Share of {name} claimed',
    perShopperCount: '{count}',
    afterClaim: 'Valid {minutes} min after claim',
  },
};

/** Every coupon issued: what it takes off, where, how many were claimed of how many, and when it is valid. */
export function CouponList({ coupons, now }: { coupons: CouponTemplate[] | null; now: number }) {
  const t = useT(messages);
  const ts = useT(couponStateLabels);
  const { locale } = useLocale();
  return (
    <Loaded items={coupons} none={t('none')}>
      {(coupons) => (
        <ListTable minWidth={960} headers={[t('name'), t('off'), t('scope'), t('claimed'), t('perShopper'), t('validity')]}>
          {coupons.map((coupon) => {
            const state = couponState(coupon, now);
            const share = coupon.totalQuantity > 0 ? Math.min(100, (coupon.claimed / coupon.totalQuantity) * 100) : 0;
            return (
              <Table.Tr key={coupon.id} data-coupon={coupon.id}>
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    <Text fw={600}>{coupon.name}</Text>
                    <Badge color={couponStateColors[state]} variant="filled" data-state={state}>
                      {ts(state)}
                    </Badge>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Group gap={6}>
                    {couponOffWords(coupon, locale).map((word, i) => (
                      <Badge key={i} color={i === 0 ? 'red.8' : 'gray'} variant={i === 0 ? 'filled' : 'outline'} tt="none">
                        {word}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>{couponScopeWords(coupon.scope, locale)}</Table.Td>
                <Table.Td w={200}>
                  <Stack gap={4}>
                    <Text size="sm" className="tabular" data-stat="claimed">
                      {coupon.claimed.toLocaleString('en-US')} / {coupon.totalQuantity.toLocaleString('en-US')}
                    </Text>
                    <Progress value={share} size="sm" radius="xl" color="red.8" aria-label={t('claimedLabel', { name: coupon.name })} />
                  </Stack>
                </Table.Td>
                <Table.Td className="tabular">{t('perShopperCount', { count: coupon.perUserLimit })}</Table.Td>
                <Table.Td>
                  <Text size="sm" className="tabular">
                    {formatDateTime(coupon.validFrom, locale)} – {formatDateTime(coupon.validTo, locale)}
                  </Text>
                  {coupon.validMinutes !== null ? (
                    <Text size="sm" c="dimmed" className="tabular">
                      {t('afterClaim', { minutes: coupon.validMinutes })}
                    </Text>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </ListTable>
      )}
    </Loaded>
  );
}
