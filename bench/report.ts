import type { Figures } from './load.js';
import type { StockCheck } from './stock.js';

const targets = { reserveRatio: 0.6, soldOutRatio: 0.85, p99Ms: 20 };

function row(name: string, f: Figures): string {
  const statuses = Object.entries(f.statuses)
    .map(([code, n]) => `${code}×${n}`)
    .join(' ');
  const failures = f.errors + f.timeouts > 0 ? ` errors ${f.errors} timeouts ${f.timeouts}` : '';
  return [
    name.padEnd(24),
    f.perSecond.toFixed(0).padStart(8),
    f.p50.toFixed(1).padStart(7),
    f.p99.toFixed(1).padStart(7),
    String(f.requests).padStart(9),
    String(f.non2xx).padStart(8),
    `${f.cpu.server}/${f.cpu.loadGenerator}/${f.cpu.other}`.padStart(16),
    f.serverMicrosPerRequest.toFixed(0).padStart(10),
    `  ${statuses}${failures}`,
  ].join(' ');
}

const verdict = (met: boolean) => (met ? 'met' : 'NOT met');

export interface Rows {
  a: Figures;
  b: Figures;
  c: Figures;
  d: Figures;
  /** Our reserve route on Redis (the scaled deployment), one API process. */
  e: Figures;
  f: Figures;
  /** The same with two API processes on one port (`serve --workers 2`). */
  g: Figures;
}

const ratio = (x: Figures, y: Figures) => (x.perSecond / y.perSecond).toFixed(2);

export function printReport({ a, b, c, d, e, f, g }: Rows, checks: StockCheck[]): void {
  console.log();
  console.log(`${'scenario'.padEnd(24)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'requests'.padStart(9)} ${'non-2xx'.padStart(8)} ${'CPU% srv/gen/oth'.padStart(16)} ${'srv µs/req'.padStart(10)}   statuses`);
  console.log(row('(a) bare Fastify hello', a));
  console.log(row('(b) reserve, in stock', b));
  console.log(row('(c) reserve, sold out', c));
  console.log(row('(d) one EVALSHA (floor)', d));
  console.log(row('(e) reserve on Redis', e));
  console.log(row('(f) naive PG, in stock', f));
  console.log(row('(g) Redis, 2 processes', g));
  console.log('CPU% = % of one core used during the run by the server / the load generator (this process) / all else;');
  console.log('srv µs/req = server CPU time per request. A high "oth" means something else shared the machine.');
  console.log('(d) and (f) are single-process servers like (a); (d) includes the Redis server\'s CPU and (f) PostgreSQL\'s in "oth".');
  console.log();
  const ba = b.perSecond / a.perSecond;
  const ca = c.perSecond / a.perSecond;
  console.log(`b/a = ${ba.toFixed(2)} (target ≥ ${targets.reserveRatio}: ${verdict(ba >= targets.reserveRatio)})`);
  console.log(`c/a = ${ca.toFixed(2)} (target ≥ ${targets.soldOutRatio}: ${verdict(ca >= targets.soldOutRatio)})`);
  console.log(
    `p99 (b) ${b.p99} ms, (c) ${c.p99} ms (target < ${targets.p99Ms} ms: ${verdict(b.p99 < targets.p99Ms && c.p99 < targets.p99Ms)})`,
  );
  console.log(`e/d = ${ratio(e, d)} (our Redis route against one bare EVALSHA; target ≥ 0.85: ${verdict(e.perSecond / d.perSecond >= 0.85)})`);
  console.log(`e/f = ${ratio(e, f)} (our Redis route against the naive PostgreSQL route; target ≥ 15: ${verdict(e.perSecond / f.perSecond >= 15)})`);
  console.log(`g/e = ${ratio(g, e)} (two API processes against one)`);
  const unexpected = (x: Figures, code: string) => x.requests - (x.statuses[code] ?? 0);
  console.log(
    `non-201 in (b): ${unexpected(b, '201')}; non-409 in (c): ${unexpected(c, '409')}; ` +
      `non-201 in (d): ${unexpected(d, '201')}; non-201 in (e): ${unexpected(e, '201')}; ` +
      `non-201 in (f): ${unexpected(f, '201')}; non-201 in (g): ${unexpected(g, '201')}`,
  );
  console.log();
  for (const check of checks) for (const line of check.lines) console.log(line);
  console.log(checks.every((check) => check.ok) ? 'oversell: none' : 'OVERSELL OR LOST RESERVATIONS — see the items above');
}
