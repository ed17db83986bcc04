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

export function printReport({ a, b, c }: { a: Figures; b: Figures; c: Figures }, stock: StockCheck): void {
  console.log();
  console.log(`${'scenario'.padEnd(24)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'requests'.padStart(9)} ${'non-2xx'.padStart(8)} ${'CPU% srv/gen/oth'.padStart(16)} ${'srv µs/req'.padStart(10)}   statuses`);
  console.log(row('(a) bare Fastify hello', a));
  console.log(row('(b) reserve, in stock', b));
  console.log(row('(c) reserve, sold out', c));
  console.log('CPU% = % of one core used during the run by the server / the load generator (this process) / all else;');
  console.log('srv µs/req = server CPU time per request. A high "oth" means something else shared the machine.');
  console.log();
  const ba = b.perSecond / a.perSecond;
  const ca = c.perSecond / a.perSecond;
  console.log(`b/a = ${ba.toFixed(2)} (target ≥ ${targets.reserveRatio}: ${verdict(ba >= targets.reserveRatio)})`);
  console.log(`c/a = ${ca.toFixed(2)} (target ≥ ${targets.soldOutRatio}: ${verdict(ca >= targets.soldOutRatio)})`);
  console.log(
    `p99 (b) ${b.p99} ms, (c) ${c.p99} ms (target < ${targets.p99Ms} ms: ${verdict(b.p99 < targets.p99Ms && c.p99 < targets.p99Ms)})`,
  );
  const unexpectedB = b.requests - (b.statuses['201'] ?? 0);
  const unexpectedC = c.requests - (c.statuses['409'] ?? 0);
  console.log(`non-201 in (b): ${unexpectedB}; non-409 in (c): ${unexpectedC}`);
  console.log();
  for (const line of stock.lines) console.log(line);
  console.log(stock.ok ? 'oversell: none' : 'OVERSELL OR LOST RESERVATIONS — see the items above');
}
