import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { call } from '../../api/client';
import { useShopper } from '../../auth';
import { formatDateTime, formatPrice } from '../../format';
import { useLocale } from '../../i18n/locale';
import { Failure, Loading } from '../CampaignPage';
import { SignInFirst } from '../SignInFirst';
import { useShopperData } from '../useShopperData';
import { usePriceProtectionT } from './messages';
import type { PriceProtectionClaim } from './types';

/** `/price-protection`: the shopper's price-protection claims, newest first. */
export default function PriceProtectionClaimsPage() {
  const signedIn = useShopper();
  const claims = useShopperData(signedIn?.token ?? null, async (t) => (await call<{ claims: PriceProtectionClaim[] }>('/api/me/price-protection/claims', { token: t })).claims);
  if (!signedIn) return <SignInFirst />;
  return (
    <Stack maw={720} mx="auto">
      {claims.data ? <PriceProtectionClaimList claims={claims.data} /> : claims.error ? <Failure error={claims.error} /> : <Loading />}
    </Stack>
  );
}

export function PriceProtectionClaimList({ claims }: { claims: PriceProtectionClaim[] }) {
  const t = usePriceProtectionT();
  const { locale } = useLocale();
  return (
    <Stack gap="sm">
      <Title order={1} fz={{ base: 22, sm: 28 }}>
        {t('claimsTitle')}
      </Title>
      {claims.length === 0 ? <Text c="dimmed">{t('noClaims')}</Text> : null}
      {claims.map((claim) => (
        <Paper key={`${claim.orderId}:${claim.lineId}`} withBorder p="sm" radius="md" data-claim={`${claim.orderId}:${claim.lineId}`}>
          <Stack gap={4}>
            <Group justify="space-between" wrap="nowrap">
              <Text fw={600} lineClamp={1}>
                {claim.title} {t('quantity', { n: claim.quantity })}
              </Text>
              <Badge color={claim.status === 'refunded' ? 'teal.9' : 'blue.8'} variant="filled" tt="none">
                {t(claim.status === 'refunded' ? 'refunded' : 'pending', { amount: formatPrice(claim.amount) })}
              </Badge>
            </Group>
            <Text fz="sm" className="tabular">
              {t('paidUnit', { price: formatPrice(claim.unitPaid) })} · {t('priceNow', { price: formatPrice(claim.unitPriceNow) })}
              {claim.automatic ? ` · ${t('automatic')}` : ''}
            </Text>
            <Group gap="md">
              <Anchor component={Link} href={`/checkout-orders/${claim.orderId}`} fz="sm" className="tabular">
                {t('order', { id: claim.orderId })}
              </Anchor>
              <Text fz="xs" c="dimmed" className="tabular">
                {t('claimedAt', { date: formatDateTime(claim.createdAt, locale) })}
              </Text>
            </Group>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
