import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from 'wouter';
import type { WalletCoupon } from '../../api/types';
import { formatCountdown, formatDateTime } from '../../format';
import { useLocale } from '../../i18n/locale';
import { CouponStub } from './CouponStub';
import { couponWords } from './couponWords';
import { useCouponT } from './messages';
import { countsDown, timeLeft, type WalletState } from './walletState';

const stateColor: Record<WalletState, string> = { available: 'red.8', used: 'gray.7', expired: 'gray.7' };

/** A coupon in the wallet: its terms, its state, and how long it is good for. */
export function WalletCouponCard({ coupon, state, now }: { coupon: WalletCoupon; state: WalletState; now: number }) {
  const t = useCouponT();
  const { locale } = useLocale();
  const words = couponWords(t, locale, coupon.template);
  return (
    <Card withBorder padding={0} component="article" aria-label={`${coupon.template.name} · ${words.headline}`} radius="md">
      <div className="coupon-ticket" style={{ minHeight: 120 }}>
        <CouponStub words={words} dim={state !== 'available'} />
        <Stack gap={4} className="coupon-terms">
          <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
            <Text fw={600} lineClamp={2}>
              {coupon.template.name}
            </Text>
            <Badge color={stateColor[state]} variant="filled" style={{ flexShrink: 0 }}>
              {t(`state_${state}`)}
            </Badge>
          </Group>
          <Text fw={700} c={state === 'available' ? 'red.8' : 'gray.7'} fz="sm">
            {words.headline}
          </Text>
          <Text fz="xs" c="gray.7">
            {words.scope}
            {coupon.template.firstOrderOnly ? ` · ${t('firstOrderOnly')}` : ''}
          </Text>
          {state === 'available' && countsDown(coupon) ? (
            <Text fz="sm" c="red.9" fw={600} className="tabular" role="timer">
              {t('expiresIn', { time: formatCountdown(timeLeft(coupon, now)) })}
            </Text>
          ) : state === 'used' && coupon.orderId ? (
            <Anchor component={Link} href={`/orders/${encodeURIComponent(coupon.orderId)}`} fz="xs" c="dark.7">
              {t('usedOn', { id: coupon.orderId })}
            </Anchor>
          ) : (
            <Text fz="xs" c="gray.7">
              {t('expiresAt', { date: formatDateTime(coupon.expiresAt, locale) })}
            </Text>
          )}
          <Text fz="xs" c="gray.7">
            {t('claimedAt', { date: formatDateTime(coupon.claimedAt, locale) })}
          </Text>
        </Stack>
      </div>
    </Card>
  );
}
