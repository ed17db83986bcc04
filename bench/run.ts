// npm run bench — bare Fastify vs the reserve route, all on loopback, with an oversell check.
// BENCH_CPU_PROF=DIR also writes a V8 CPU profile of the server child into DIR.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, startChild, stopAll, stopChild, waitReady } from './children.js';
import { type Feed, type Figures, connections, measure } from './load.js';
import { printReport } from './report.js';
import { Shop } from './shop.js';
import { checkStock } from './stock.js';

const warmupSeconds = 3;
const seconds = 10;
const ampleStock = 5_000_000;
const quantityOne = '{"quantity":1}';

const tempDirs: string[] = [];

function cleanUp(): Promise<void> {
  return stopAll().finally(() => {
    for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
}

/** (a) Bare Fastify, sent the same headers the reserve runs send (it ignores them). */
async function hello(): Promise<Figures> {
  const port = await freePort();
  const child = startChild('hello', ['--import', 'tsx', 'bench/hello.ts'], { PORT: String(port) });
  const url = `http://127.0.0.1:${port}/hello`;
  await waitReady(child, url);
  // Stand-ins as long as real shopper tokens, so every request costs the load generator the same.
  const fakes = Array.from({ length: 1000 }, () => randomBytes(105).toString('base64url'));
  const serverPid = child.process.pid!;
  let n = 0;
  const feed: Feed = () => {
    const i = n++;
    return { token: fakes[i % fakes.length], key: `h-${i}` };
  };
  await measure({ url, method: 'GET', feed, serverPid }, warmupSeconds);
  const figures = await measure({ url, method: 'GET', feed, serverPid }, seconds);
  await stopChild(child);
  return figures;
}

async function main(): Promise<void> {
  console.log(
    `node ${process.version} · ${availableParallelism()} CPUs (${cpus()[0]?.model ?? '?'}) · load average ${loadavg()[0].toFixed(2)} · ` +
      `${connections} connections, ${warmupSeconds} s warm-up + ${seconds} s per run, load generator in this process`,
  );

  console.log('(a) bare Fastify …');
  const a = await hello();

  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'miaosha-bench-'));
  tempDirs.push(dataDir);
  const adminToken = randomBytes(24).toString('base64url');
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', resolve(process.env.BENCH_CPU_PROF)] : [];
  const server = startChild(
    'miaosha',
    [...profile, 'bin/miaosha.js', 'serve', '--host', '127.0.0.1', '--port', String(port), '--data', dataDir],
    { MIAOSHA_SHOPPER_RATE: '0', MIAOSHA_ADMIN_TOKEN: adminToken, LOG_LEVEL: 'warn' },
  );
  const base = `http://127.0.0.1:${port}`;
  await waitReady(server, `${base}/healthz`);
  const serverPid = server.process.pid!;
  const shop = new Shop(base, adminToken);
  const { deployment } = await shop.call<{ deployment: string }>('GET', '/healthz');
  console.log(`    miaosha serve (${deployment}), pid ${serverPid}`);

  const sessionId = await shop.liveSession();
  const warmItem = await shop.item(sessionId, 'warm-up', ampleStock, 100);
  const ampleItem = await shop.item(sessionId, 'ample stock', ampleStock, 1);
  const soldOutItem = await shop.item(sessionId, 'sold out', 1, 1);
  const reserveUrl = (itemId: string) => `${base}/api/sessions/${sessionId}/items/${itemId}/reservations`;

  let started = performance.now();
  const tokens = await shop.shoppers(0, 20_000);
  console.log(`    ${tokens.length} shoppers created in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // Warm-up of the reserve route on its own item (up to 100 units each), which also tells how many
  // fresh shoppers the measured run needs: there every request is a different shopper buying 1 unit.
  console.log('(b) reserve, ample stock: warm-up …');
  let w = 0;
  const warmFeed: Feed = () => {
    const i = w++;
    return { token: tokens[i % tokens.length], key: `w-${i}` };
  };
  const warm = await measure({ url: reserveUrl(warmItem), method: 'POST', body: quantityOne, feed: warmFeed, serverPid }, warmupSeconds);
  // A warm server runs well ahead of the cold warm-up (about 1.5× seen); bare Fastify is the ceiling.
  const expectedRate = Math.min((warm.requests / warm.seconds) * 2.5, a.perSecond * 1.2);
  const needed = Math.ceil(expectedRate * seconds) + connections;
  if (needed > tokens.length) {
    started = performance.now();
    for (const token of await shop.shoppers(tokens.length, needed - tokens.length)) tokens.push(token);
    console.log(`    ${tokens.length} shoppers in all (topped up in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }

  console.log('(b) reserve, ample stock …');
  let bi = 0;
  let reused = 0;
  const ampleFeed: Feed = () => {
    const i = bi++;
    // Running out would reuse a shopper and earn a LIMIT_REACHED; it is counted and reported.
    if (i >= tokens.length) reused++;
    return { token: tokens[i % tokens.length], key: `b-${i}` };
  };
  const b = await measure({ url: reserveUrl(ampleItem), method: 'POST', body: quantityOne, feed: ampleFeed, serverPid }, seconds);
  if (reused > 0) console.log(`    warning: ${reused} requests reused a shopper (pool of ${tokens.length})`);

  // The only unit goes first; after that every attempt must be refused with SOLD_OUT.
  const first = await shop.reserve(sessionId, soldOutItem, tokens[0], 'c-first');
  const second = await shop.reserve(sessionId, soldOutItem, tokens[1], 'c-second');
  if (first.status !== 201 || second.status !== 409 || second.code !== 'SOLD_OUT') {
    throw new Error(`sold-out item not set up: first ${first.status}, then ${second.status} ${second.code ?? ''}`);
  }
  console.log('(c) reserve, sold out …');
  // Cycles through the pool, skipping the shopper who holds the unit (they would hit LIMIT_REACHED).
  // The refusal does not depend on a shopper's history, so a repeat after the whole pool is harmless.
  let ci = 0;
  const soldOutFeed: Feed = () => {
    const i = ci++;
    return { token: tokens[1 + (i % (tokens.length - 1))], key: `c-${i}` };
  };
  const soldOut = { url: reserveUrl(soldOutItem), method: 'POST' as const, body: quantityOne, feed: soldOutFeed, serverPid };
  await measure(soldOut, warmupSeconds);
  const c = await measure(soldOut, seconds);

  // Every 201 was acknowledged as durable, so the database must hold at least that many units.
  const acknowledged = new Map([
    [warmItem, warm.statuses['201'] ?? 0],
    [ampleItem, b.statuses['201'] ?? 0],
    [soldOutItem, 1],
  ]);
  const stock = await checkStock(shop, sessionId, acknowledged);

  printReport({ a, b, c }, stock);
  await stopChild(server);
  if (!stock.ok) process.exitCode = 1;
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    void cleanUp().finally(() => process.exit(130));
  });
}
try {
  await main();
} catch (error) {
  // After an interrupt the servers are gone on purpose; the requests that failed with them say nothing.
  if (!interrupted) console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
