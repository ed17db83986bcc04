import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'wouter';
import { call } from '../../api/client';
import { formatDateTime, formatPrice } from '../../format';
import { useLocale } from '../../i18n/locale';
import { Refusal } from '../Refusal';
import { useShopperData } from '../useShopperData';
import { usePriceProtectionT } from './messages';
import type { PriceProtectionClaim, ProtectedLine, ProtectedOrder } from './types';

/** The price-protection section of a paid order, loaded with the shopper's token. */
export function PriceProtectionSection({ orderId, token }: { orderId: string; token: string }) {
  const protection = useShopperData<ProtectedOrder>(token, (t) => call<ProtectedOrder>(`/api/me/price-protection/orders/${encodeURIComponent(orderId)}`, { token: t }));
  const [busyLine, setBusyLine] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const claim = (lineId: string) => {
    setBusyLine(lineId);
    setError(null);
    call<PriceProtectionClaim>('/api/me/price-protection/claims', { method: 'POST', token, body: { orderId, lineId } })
      .catch((failure: unknown) => setError(failure))
      .finally(() => {
        setBusyLine(null);
        protection.reload();
      });
  };
  if (!protection.data) return null;
  return <PriceProtectionView order={protection.data} busyLine={busyLine} error={error} onClaim={claim} />;
}

/** Each line of a paid order: what a unit was paid, its price now, and the claim of the difference (保价). */
export function PriceProtectionView({
  order,
  busyLine = null,
  error = null,
  onClaim,
}: {
  order: ProtectedOrder;
  busyLine?: string | null;
  error?: unknown;
  onClaim: (lineId: string) => void;
}) {
  const t = usePriceProtectionT();
  const { locale } = useLocale();
  const until = order.lines.find((line) => line.protectedUntil)?.protectedUntil ?? null;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="price-protection-title">
      <Stack gap="sm">
        <Group justify="space-between" align="baseline">
          <Title order={2} fz="h4" id="price-protection-title">
            {t('title')}
          </Title>
          {until ? (
            <Text fz="sm" c="dimmed" className="tabular">
              {t('until', { date: formatDateTime(until, locale) })}
            </Text>
          ) : null}
        </Group>
        <Text fz="sm" c="dimmed">
          {t('intro', { days: order.windowDays })}
        </Text>
        <Refusal error={error} />
        {order.lines.map((line) => (
          <LineRow key={line.lineId} line={line} busy={busyLine === line.lineId} onClaim={() => onClaim(line.lineId)} />
        ))}
        <Anchor component={Link} href="/price-protection" fz="sm">
          {t('allClaims')}
        </Anchor>
      </Stack>
    </Paper>
  );
}

function LineRow({ line, busy, onClaim }: { line: ProtectedLine; busy: boolean; onClaim: () => void }) {
  const t = usePriceProtectionT();
  return (
    <Stack gap={4} data-line={line.lineId}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text fw={600} lineClamp={1}>
          {line.title}
        </Text>
        <Text fz="sm" c="dimmed" className="tabular">
          {t('quantity', { n: line.quantity })}
        </Text>
      </Group>
      <Group gap="md">
        <Text fz="sm" className="tabular">
          {t('paidUnit', { price: formatPrice(line.unitPaid) })}
        </Text>
        <Text fz="sm" className="tabular" c={line.priceNow < line.unitPaid ? 'red.8' : undefined}>
          {t('priceNow', { price: formatPrice(line.priceNow) })}
        </Text>
      </Group>
      {line.state === 'claimable' ? (
        <Button color="red.8" variant="light" onClick={onClaim} loading={busy} aria-label={t('claimLabel', { title: line.title, amount: formatPrice(line.amount) })}>
          {t('claim', { amount: formatPrice(line.amount) })}
        </Button>
      ) : line.state === 'claimed' && line.claim ? (
        <Group gap="xs">
          <Badge color={line.claim.status === 'refunded' ? 'teal.9' : 'blue.8'} variant="filled" tt="none" size="lg">
            {t(line.claim.status === 'refunded' ? 'refunded' : 'pending', { amount: formatPrice(line.claim.amount) })}
          </Badge>
          {line.claim.automatic ? (
            <Text fz="xs" c="dimmed">
              {t('automatic')}
            </Text>
          ) : null}
        </Group>
      ) : line.state === 'not-lower' || line.state === 'expired' ? (
        <Text fz="sm" c="dimmed">
          {t(line.state === 'expired' ? 'expired' : 'notLower')}
        </Text>
      ) : null}
    </Stack>
  );
}
