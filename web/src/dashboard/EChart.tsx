import { BarChart, FunnelChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type EChartsCoreOption, type EChartsType, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the dashboard draws, so the chunk stays small; this file is the only one importing echarts.
use([LineChart, BarChart, FunnelChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** One echarts instance in a box of fixed height: made on mount, updated in place, gone on unmount. */
export function EChart({ option, height, label, dark = false }: { option: EChartsCoreOption; height: number; label: string; dark?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  // The option a new instance starts from (after a colour-scheme switch, the one shown last).
  const latest = useRef(option);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = init(element, dark ? 'dark' : undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.setOption(latest.current);
    // The box follows the layout (window size, sidebars), and the canvas follows the box.
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [dark]);

  useEffect(() => {
    latest.current = option;
    // Merge, so lines glide instead of redrawing; series are replaced by id, so a gone series goes.
    chart.current?.setOption(option, { notMerge: false, replaceMerge: ['series'] });
  }, [option]);

  return <div ref={box} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
