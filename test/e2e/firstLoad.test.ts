import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs helper shared with the bench
import { firstLoad } from '../../web/firstLoad.mjs';

// The project's globalSetup builds web/dist before the run.
describe('the shopper page on a phone network', () => {
  it('loads under 200 KB of gzipped JavaScript; the console and the dashboard (echarts) come later', () => {
    const load = firstLoad() as { jsGzipBytes: number; lazyChunks: { name: string; file: string }[] };
    expect(load.jsGzipBytes).toBeLessThan(200 * 1024);
    const lazy = load.lazyChunks.map((chunk) => chunk.name);
    expect(lazy).toContain('ConsoleApp');
    expect(lazy).toContain('DashboardApp');
  });
});
