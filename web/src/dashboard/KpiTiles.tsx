import { Paper, SimpleGrid, Text } from '@mantine/core';
import type { LiveSnapshot } from '../api/types';
import { formatPrice } from '../format';
import { type Locale, useLocale, useT } from '../i18n/locale';
import { dashboardMessages } from './messages';
import { attemptsOf, type RatePoint, recentRate } from './series';

export function formatCount(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

export function formatRate(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(value);
}

export function formatPercent(ratio: number, digits = 1): string {
  return `${(ratio * 100).toFixed(digits)}%`;
}

const successFloor = 0.8;
const successMinPayments = 10;

interface TileProps {
  label: string;
  value: string;
  note: string;
  warning?: boolean;
}

/** One number for the wall: label, the big figure, and a line under it; fixed height so nothing jumps. */
function Tile({ label, value, note, warning = false }: TileProps) {
  return (
    <Paper
      withBorder
      p="md"
      h={132}
      role="group"
      aria-label={label}
      data-warning={warning || undefined}
      bg={warning ? 'var(--mantine-color-red-light)' : undefined}
      style={warning ? { borderColor: 'var(--mantine-color-red-6)' } : undefined}
    >
      <Text size="sm" c="dimmed" fw={500} truncate>
        {label}
      </Text>
      <Text className="tabular" fw={700} lh={1.2} mt={6} c={warning ? 'red.7' : undefined} style={{ fontSize: 'clamp(26px, 2vw, 40px)' }} truncate>
        {value}
      </Text>
      <Text size="sm" className="tabular" c={warning ? 'red.8' : 'dimmed'} fw={warning ? 700 : 400} mt={4} truncate>
        {note}
      </Text>
    </Paper>
  );
}

/** The key figures of a session, from its latest snapshot and the last seconds' rates. */
export function KpiTiles({ snapshot, points }: { snapshot: LiveSnapshot; points: RatePoint[] }) {
  const { locale } = useLocale();
  const t = useT(dashboardMessages);
  const rate = (pick: (point: RatePoint) => number, format: (value: number) => string = (value) => formatRate(value, locale)) => {
    const value = recentRate(points, pick);
    return t('perSecond', { value: value === null ? '—' : format(value) });
  };
  const successRate = snapshot.paymentSuccessRate;
  const settled = snapshot.payments.succeeded + snapshot.payments.failed;
  // The server's PAYMENT_SUCCESS_LOW line: under 80% of at least ten payments (one early failure is not a trend).
  const successLow = successRate !== null && settled >= successMinPayments && successRate < successFloor;
  // Views restart with a server (they are counted in memory), paid orders do not: never above 100%.
  const conversion = snapshot.views > 0 ? Math.min(1, snapshot.paidOrders / snapshot.views) : null;
  return (
    <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} spacing="sm" aria-label={t('kpis')}>
      <Tile label={t('views')} value={formatCount(snapshot.views, locale)} note={rate((point) => point.views)} />
      <Tile label={t('attempts')} value={formatCount(snapshot.funnel.attempts, locale)} note={rate(attemptsOf)} />
      <Tile label={t('reserved')} value={formatCount(snapshot.funnel.reserved, locale)} note={rate((point) => point.reserved)} />
      <Tile label={t('paid')} value={formatCount(snapshot.paidOrders, locale)} note={rate((point) => point.paid)} />
      <Tile label={t('gmv')} value={formatPrice(snapshot.gmv)} note={rate((point) => point.gmv, (value) => formatPrice(Math.round(value)))} />
      <Tile
        label={t('successRate')}
        value={successRate === null ? '—' : formatPercent(successRate)}
        note={successRate === null ? t('noPayments') : successLow ? t('successLow') : `${formatCount(snapshot.payments.succeeded, locale)} / ${formatCount(settled, locale)}`}
        warning={successLow}
      />
      <Tile
        label={t('conversion')}
        value={conversion === null ? '—' : formatPercent(conversion, 2)}
        note={conversion === null ? t('noViews') : t('conversionHint')}
      />
    </SimpleGrid>
  );
}
