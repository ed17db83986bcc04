import { useComputedColorScheme } from '@mantine/core';
import { useMemo } from 'react';
import { useT } from '../i18n/locale';
import { attemptsOption, funnelOption, ordersOption, stockOption } from './chartOptions';
import type { ChartSlots } from './DashboardView';
import { chartHeight, stockChartHeight } from './DashboardView';
import { EChart } from './EChart';
import { dashboardMessages } from './messages';
import type { LiveSeries } from './series';

/** The four charts of a session, drawn from the rolling window and the latest snapshot. */
export function useDashboardCharts(series: LiveSeries): ChartSlots {
  const t = useT(dashboardMessages);
  const dark = useComputedColorScheme('light') === 'dark';
  const snapshot = series.latest;
  const attempts = useMemo(() => attemptsOption(series, t), [series, t]);
  const orders = useMemo(() => ordersOption(series, t), [series, t]);
  const stock = useMemo(() => stockOption(snapshot?.items ?? [], t), [snapshot, t]);
  const funnel = useMemo(() => funnelOption(snapshot?.funnel ?? { views: 0, attempts: 0, reserved: 0, paid: 0 }, t), [snapshot, t]);
  const items = snapshot?.items.length ?? 0;
  return {
    attempts: <EChart option={attempts} height={chartHeight} label={t('chartAttempts')} dark={dark} />,
    orders: <EChart option={orders} height={chartHeight} label={t('chartOrders')} dark={dark} />,
    funnel: <EChart option={funnel} height={chartHeight} label={t('chartFunnel')} dark={dark} />,
    stock: <EChart option={stock} height={stockChartHeight(items)} label={t('chartStock')} dark={dark} />,
  };
}
