import { describe, expect, it } from 'vitest';
import type { LiveSnapshot } from '../../../web/src/api/types';
import { attemptsOption, funnelOption, ordersOption, stockOption } from '../../../web/src/dashboard/chartOptions';
import { dashboardMessages } from '../../../web/src/dashboard/messages';
import { addSnapshot, emptySeries } from '../../../web/src/dashboard/series';
import { translate } from '../../../web/src/i18n/locale';
import { counters, second0 } from './snapshots';

const zh = translate(dashboardMessages, 'zh-CN');
const en = translate(dashboardMessages, 'en');

interface SeriesOption {
  id: string;
  name: string;
  type: string;
  stack?: string;
  data: unknown[];
}
const seriesOf = (option: unknown) => (option as { series: SeriesOption[] }).series;

const series = [
  counters(0, { views: 0, attempts: { reserved: 0 } }),
  counters(1, { views: 10, attempts: { reserved: 2, sold_out: 5 }, reserved: 2, paid: 1, gmv: 9900 }),
  counters(3, { views: 30, attempts: { reserved: 2, sold_out: 9, rate_limited: 4 }, reserved: 2, paid: 2, gmv: 19800 }),
].reduce(addSnapshot, emptySeries);

const items: LiveSnapshot['items'] = [
  { id: 'itm_1', title: '旗舰手机', initialStock: 100, stock: 60, reserved: 15, paid: 25, soldOut: false, paused: false },
  { id: 'itm_2', title: '蓝牙耳机', initialStock: 3, stock: 0, reserved: 0, paid: 3, soldOut: true, paused: true },
];

describe('chart options', () => {
  it('stacks attempts per second by outcome, with names in the page language', () => {
    const zhSeries = seriesOf(attemptsOption(series, zh));
    expect(zhSeries.map((line) => line.name)).toEqual(['抢到', '已售罄', '被限流']);
    expect(seriesOf(attemptsOption(series, en)).map((line) => line.name)).toEqual(['Reserved', 'Sold out', 'Rate-limited']);
    expect(zhSeries.every((line) => line.type === 'line' && line.stack === 'attempts')).toBe(true);
    const soldOut = zhSeries.find((line) => line.id === 'sold_out')!;
    expect(soldOut.data).toEqual([
      [(second0 + 1) * 1000, 5],
      [(second0 + 2) * 1000, 2],
      [(second0 + 3) * 1000, 2],
    ]);
    const limited = zhSeries.find((line) => line.id === 'rate_limited')!;
    expect(limited.data).toEqual([
      [(second0 + 1) * 1000, 0],
      [(second0 + 2) * 1000, 2],
      [(second0 + 3) * 1000, 2],
    ]);
  });

  it('keeps the time axis two minutes wide, ending now', () => {
    const axis = (attemptsOption(series, en) as { xAxis: { type: string; min: number; max: number } }).xAxis;
    expect(axis.type).toBe('time');
    expect(axis.max).toBe((second0 + 3) * 1000);
    expect(axis.max - axis.min).toBe(119_000);
  });

  it('draws reservations and payments per second', () => {
    const lines = seriesOf(ordersOption(series, zh));
    expect(lines.map((line) => line.name)).toEqual(['抢到/秒', '支付/秒']);
    expect(seriesOf(ordersOption(series, en)).map((line) => line.name)).toEqual(['Reserved/s', 'Paid/s']);
    expect(lines[0]!.data.map((point) => (point as number[])[1])).toEqual([2, 0, 0]);
    expect(lines[1]!.data.map((point) => (point as number[])[1])).toEqual([1, 0.5, 0.5]);
  });

  it('shows each item’s units on sale, awaiting payment and paid as stacked bars', () => {
    const option = stockOption(items, zh) as { yAxis: { data: string[] } };
    expect(option.yAxis.data).toEqual(['旗舰手机', '蓝牙耳机（已暂停）']);
    expect((stockOption(items, en) as { yAxis: { data: string[] } }).yAxis.data[1]).toBe('蓝牙耳机 (paused)');
    const bars = seriesOf(option);
    expect(bars.map((bar) => [bar.name, bar.data])).toEqual([
      ['在售', [60, 0]],
      ['待支付', [15, 0]],
      ['已支付', [25, 3]],
    ]);
    expect(bars.every((bar) => bar.type === 'bar' && bar.stack === 'units')).toBe(true);
    expect(seriesOf(stockOption(items, en)).map((bar) => bar.name)).toEqual(['On sale', 'Awaiting payment', 'Paid']);
  });

  it('draws the funnel from views to paid, scaled to the widest step', () => {
    const option = funnelOption({ views: 1000, attempts: 400, reserved: 50, paid: 30 }, en);
    const [funnel] = seriesOf(option) as (SeriesOption & { max: number; sort: string })[];
    expect(funnel!.type).toBe('funnel');
    expect(funnel!.sort).toBe('none');
    expect(funnel!.max).toBe(1000);
    expect(funnel!.data).toEqual([
      { name: 'Views', value: 1000 },
      { name: 'Attempts', value: 400 },
      { name: 'Reserved', value: 50 },
      { name: 'Paid', value: 30 },
    ]);
    expect((seriesOf(funnelOption({ views: 0, attempts: 0, reserved: 0, paid: 0 }, zh))[0]!.data as { name: string }[]).map((step) => step.name)).toEqual(['浏览', '抢购', '抢到', '支付']);
  });
});
