import type { EChartsCoreOption } from 'echarts/core';
import type { LiveSnapshot } from '../api/types';
import { type DashboardT, labelOf } from './messages';
import { type LiveSeries, outcomesOf, windowSeconds } from './series';

/**
 * Pure builders from the dashboard's data to echarts options: the charts themselves stay thin, and
 * what they show (series, names, numbers) is tested here without a canvas.
 */

// Outcomes keep their colour whatever else is on the chart: green is a sale, red is trouble.
const outcomeColours: Record<string, string> = {
  reserved: '#2f9e44',
  replayed: '#74c0fc',
  sold_out: '#f08c00',
  limit_reached: '#ae3ec9',
  not_eligible: '#7048e8',
  paused: '#868e96',
  not_started: '#adb5bd',
  ended: '#495057',
  rate_limited: '#e03131',
  unavailable: '#c2255c',
};

const round = (value: number) => Math.round(value * 100) / 100;

const base = {
  backgroundColor: 'transparent',
  animationDurationUpdate: 300,
  tooltip: { trigger: 'axis' },
  legend: { top: 0, type: 'scroll' },
  // echarts 6 keeps axis labels inside the box by itself (grid.outerBounds).
  grid: { left: 8, right: 16, top: 36, bottom: 8 },
};

/** The x axis always spans the whole window, so the lines move left as time passes. */
function timeAxis(series: LiveSeries) {
  const last = series.points[series.points.length - 1]?.second ?? series.base?.second ?? 0;
  return { type: 'time', min: (last - windowSeconds + 1) * 1000, max: last * 1000, splitNumber: 4, axisLabel: { hideOverlap: true } };
}

export function attemptsOption(series: LiveSeries, t: DashboardT): EChartsCoreOption {
  return {
    ...base,
    xAxis: timeAxis(series),
    yAxis: { type: 'value', minInterval: 1 },
    series: outcomesOf(series).map((outcome) => ({
      id: outcome,
      type: 'line',
      name: labelOf(t, 'outcome_', outcome),
      stack: 'attempts',
      areaStyle: { opacity: 0.6 },
      showSymbol: false,
      lineStyle: { width: 1 },
      color: outcomeColours[outcome],
      data: series.points.map((point) => [point.second * 1000, round(point.attempts[outcome] ?? 0)]),
    })),
  };
}

export function ordersOption(series: LiveSeries, t: DashboardT): EChartsCoreOption {
  return {
    ...base,
    xAxis: timeAxis(series),
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        id: 'reserved',
        type: 'line',
        name: t('seriesReserved'),
        showSymbol: false,
        color: '#f08c00',
        data: series.points.map((point) => [point.second * 1000, round(point.reserved)]),
      },
      {
        id: 'paid',
        type: 'line',
        name: t('seriesPaid'),
        showSymbol: false,
        color: '#2f9e44',
        areaStyle: { opacity: 0.3 },
        data: series.points.map((point) => [point.second * 1000, round(point.paid)]),
      },
    ],
  };
}

/** Units of each item: on sale, held by unpaid orders, paid; stacked, one bar an item. */
export function stockOption(items: LiveSnapshot['items'], t: DashboardT): EChartsCoreOption {
  // Horizontal bars read top-down in the items' order, so the category axis is reversed.
  const titles = items.map((item) => (item.paused ? t('pausedItem', { title: item.title }) : item.title));
  const bar = (id: string, name: string, colour: string, values: number[]) => ({
    id,
    type: 'bar',
    name,
    stack: 'units',
    color: colour,
    barMaxWidth: 28,
    data: values,
  });
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    // A fixed column for the titles: long ones are cut with an ellipsis instead of off the edge.
    grid: { left: 160, right: 24, top: 36, bottom: 28, outerBoundsMode: 'none' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: titles, inverse: true, axisLabel: { width: 144, overflow: 'truncate' } },
    series: [
      bar('onSale', t('stockOnSale'), '#2f9e44', items.map((item) => item.stock)),
      bar('reserved', t('stockReserved'), '#f08c00', items.map((item) => item.reserved)),
      bar('paid', t('stockPaid'), '#1971c2', items.map((item) => item.paid)),
    ],
  };
}

export function funnelOption(funnel: LiveSnapshot['funnel'], t: DashboardT): EChartsCoreOption {
  const steps = [
    { name: t('funnelViews'), value: funnel.views },
    { name: t('funnelAttempts'), value: funnel.attempts },
    { name: t('funnelReserved'), value: funnel.reserved },
    { name: t('funnelPaid'), value: funnel.paid },
  ];
  return {
    backgroundColor: 'transparent',
    animationDurationUpdate: 300,
    tooltip: { trigger: 'item' },
    legend: { top: 0, data: steps.map((step) => step.name) },
    color: ['#1971c2', '#7048e8', '#f08c00', '#2f9e44'],
    series: [
      {
        id: 'funnel',
        type: 'funnel',
        name: t('chartFunnel'),
        top: 36,
        bottom: 8,
        left: '10%',
        width: '80%',
        sort: 'none',
        // echarts scales a funnel to 0..100 unless told; the widest step is the whole width.
        min: 0,
        max: Math.max(1, ...steps.map((step) => step.value)),
        // The last steps are tiny beside the views; a floor keeps their labels readable.
        minSize: '22%',
        gap: 2,
        label: { show: true, position: 'inside', formatter: '{b}: {c}' },
        data: steps,
      },
    ],
  };
}
