// npm run bench — bare Fastify vs the reserve route, all on loopback, with an oversell check;
// plus the floor under any Redis design (one EVALSHA) and a naive PostgreSQL baseline.
// BENCH_CPU_PROF=DIR also writes a V8 CPU profile of the miaosha server child into DIR.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Child, freePort, startChild, stopAll, stopChild, waitReady } from './children.js';
import { type Feed, type Figures, connections, measure } from './load.js';
import { printReport } from './report.js';
import { Shop } from './shop.js';
import { type StockCheck, checkStock } from './stock.js';
import { freshDatabase, query, redisCounter, redisGet, redisPrefix, redisUrl, removeStores } from './stores.js';

const warmupSeconds = 3;
const seconds = 10;
const ampleStock = 5_000_000;
const quantityOne = '{"quantity":1}';

const tempDirs: string[] = [];

let cleaning: Promise<void> | undefined;

/**
 * Children first (they hold connections to the databases), then the databases, keys and dirs.
 * Once only: the signal handler and main's `finally` share it, so the exit waits for the drops.
 */
function cleanUp(): Promise<void> {
  cleaning ??= stopAll()
    .finally(removeStores)
    .finally(() => {
      for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    });
  return cleaning;
}

/**
 * Stand-ins as long as real shopper tokens, so every request costs the load generator the same;
 * for the servers that ignore them (or, in the naive run, take the key as the user).
 */
function fakeFeed(prefix: string): Feed {
  const fakes = Array.from({ length: 1000 }, () => randomBytes(105).toString('base64url'));
  let n = 0;
  return () => {
    const i = n++;
    return { token: fakes[i % fakes.length], key: `${prefix}-${i}` };
  };
}

/** A bench child script (hello.ts, evalsha.ts, naive.ts), started like the server: node with tsx. */
async function startScript(name: string, env: Record<string, string>): Promise<{ child: Child; base: string }> {
  const port = await freePort();
  const child = startChild(name, ['--import', 'tsx', `bench/${name}.ts`], { ...env, PORT: String(port) });
  const base = `http://127.0.0.1:${port}`;
  await waitReady(child, name === 'hello' ? `${base}/hello` : `${base}/healthz`);
  return { child, base };
}

/** (a) Bare Fastify, sent the same headers the reserve runs send (it ignores them). */
async function hello(): Promise<Figures> {
  const { child, base } = await startScript('hello', {});
  const scenario = { url: `${base}/hello`, method: 'GET' as const, feed: fakeFeed('h'), serverPid: child.process.pid! };
  await measure(scenario, warmupSeconds);
  const figures = await measure(scenario, seconds);
  await stopChild(child);
  return figures;
}

/** A running `miaosha serve` with a live session and a pool of shoppers. */
interface Miaosha {
  child: Child;
  serverPid: number;
  shop: Shop;
  sessionId: string;
  tokens: string[];
  reserveUrl(itemId: string): string;
}

/** `args`/`env` choose the deployment: `--data DIR` is embedded, DATABASE_URL + REDIS_URL is scaled. */
async function startMiaosha(name: string, args: string[], env: Record<string, string>): Promise<Miaosha> {
  const port = await freePort();
  const adminToken = randomBytes(24).toString('base64url');
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', resolve(process.env.BENCH_CPU_PROF)] : [];
  const child = startChild(name, [...profile, 'bin/miaosha.js', 'serve', '--host', '127.0.0.1', '--port', String(port), ...args], {
    MIAOSHA_SHOPPER_RATE: '0',
    MIAOSHA_ADMIN_TOKEN: adminToken,
    LOG_LEVEL: 'warn',
    ...env,
  });
  const base = `http://127.0.0.1:${port}`;
  await waitReady(child, `${base}/healthz`);
  const serverPid = child.process.pid!;
  const shop = new Shop(base, adminToken);
  const { deployment } = await shop.call<{ deployment: string }>('GET', '/healthz');
  console.log(`    miaosha serve (${deployment}), pid ${serverPid}`);

  const sessionId = await shop.liveSession();
  const started = performance.now();
  const tokens = await shop.shoppers(0, 20_000);
  console.log(`    ${tokens.length} shoppers created in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const reserveUrl = (itemId: string) => `${base}/api/sessions/${sessionId}/items/${itemId}/reservations`;
  return { child, serverPid, shop, sessionId, tokens, reserveUrl };
}

/**
 * Reserve with ample stock: a warm-up on its own item, then the measured run in which every request
 * is a different shopper buying 1 unit. Returns the 201s per item for the stock check.
 */
async function reserveInStock(m: Miaosha, label: string, ceiling: number): Promise<{ figures: Figures; acknowledged: Map<string, number> }> {
  const { shop, sessionId, tokens, serverPid } = m;
  const warmItem = await shop.item(sessionId, 'warm-up', ampleStock, 100);
  const ampleItem = await shop.item(sessionId, 'ample stock', ampleStock, 1);

  // The warm-up (up to 100 units a shopper) also tells how many fresh shoppers the measured run needs.
  console.log(`${label} reserve, ample stock: warm-up …`);
  let w = 0;
  const warmFeed: Feed = () => {
    const i = w++;
    return { token: tokens[i % tokens.length], key: `w-${i}` };
  };
  const warm = await measure({ url: m.reserveUrl(warmItem), method: 'POST', body: quantityOne, feed: warmFeed, serverPid }, warmupSeconds);
  // A warm server runs well ahead of the cold warm-up (about 1.5× seen); bare Fastify is the ceiling.
  const expectedRate = Math.min((warm.requests / warm.seconds) * 2.5, ceiling * 1.2);
  const needed = Math.ceil(expectedRate * seconds) + connections;
  if (needed > tokens.length) {
    const started = performance.now();
    for (const token of await shop.shoppers(tokens.length, needed - tokens.length)) tokens.push(token);
    console.log(`    ${tokens.length} shoppers in all (topped up in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }

  console.log(`${label} reserve, ample stock …`);
  let bi = 0;
  let reused = 0;
  const ampleFeed: Feed = () => {
    const i = bi++;
    // Running out would reuse a shopper and earn a LIMIT_REACHED; it is counted and reported.
    if (i >= tokens.length) reused++;
    return { token: tokens[i % tokens.length], key: `b-${i}` };
  };
  const figures = await measure({ url: m.reserveUrl(ampleItem), method: 'POST', body: quantityOne, feed: ampleFeed, serverPid }, seconds);
  if (reused > 0) console.log(`    warning: ${reused} requests reused a shopper (pool of ${tokens.length})`);
  const acknowledged = new Map([
    [warmItem, warm.statuses['201'] ?? 0],
    [ampleItem, figures.statuses['201'] ?? 0],
  ]);
  return { figures, acknowledged };
}

/** Reserve on an item whose only unit is gone: every attempt must be refused with SOLD_OUT. */
async function reserveSoldOut(m: Miaosha, label: string): Promise<{ figures: Figures; acknowledged: Map<string, number> }> {
  const { shop, sessionId, tokens, serverPid } = m;
  const soldOutItem = await shop.item(sessionId, 'sold out', 1, 1);
  const first = await shop.reserve(sessionId, soldOutItem, tokens[0], 'c-first');
  const second = await shop.reserve(sessionId, soldOutItem, tokens[1], 'c-second');
  if (first.status !== 201 || second.status !== 409 || second.code !== 'SOLD_OUT') {
    throw new Error(`sold-out item not set up: first ${first.status}, then ${second.status} ${second.code ?? ''}`);
  }
  console.log(`${label} reserve, sold out …`);
  // Cycles through the pool, skipping the shopper who holds the unit (they would hit LIMIT_REACHED).
  // The refusal does not depend on a shopper's history, so a repeat after the whole pool is harmless.
  let ci = 0;
  const soldOutFeed: Feed = () => {
    const i = ci++;
    return { token: tokens[1 + (i % (tokens.length - 1))], key: `c-${i}` };
  };
  const soldOut = { url: m.reserveUrl(soldOutItem), method: 'POST' as const, body: quantityOne, feed: soldOutFeed, serverPid };
  await measure(soldOut, warmupSeconds);
  const figures = await measure(soldOut, seconds);
  return { figures, acknowledged: new Map([[soldOutItem, 1]]) };
}

/** (b) and (c): the embedded deployment (PGlite in a temp dir, one process). */
async function embedded(a: Figures): Promise<{ b: Figures; c: Figures; stock: StockCheck }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'miaosha-bench-'));
  tempDirs.push(dataDir);
  const m = await startMiaosha('miaosha', ['--data', dataDir], {});
  const inStock = await reserveInStock(m, '(b)', a.perSecond);
  const soldOut = await reserveSoldOut(m, '(c)');
  // Every 201 was acknowledged as durable, so the database must hold at least that many units.
  const stock = await checkStock(m.shop, m.sessionId, new Map([...inStock.acknowledged, ...soldOut.acknowledged]));
  await stopChild(m.child);
  return { b: inStock.figures, c: soldOut.figures, stock };
}

/**
 * (e) and (g): the scaled deployment (Redis hot store, Streams pipeline into PostgreSQL), as one API
 * process, then as two (`serve --workers 2` on one port). Each run gets its own database and prefix.
 */
async function scaled(a: Figures, workers: number, label: string): Promise<{ figures: Figures; stock: StockCheck }> {
  const env = { REDIS_URL: redisUrl, MIAOSHA_REDIS_PREFIX: redisPrefix(), DATABASE_URL: await freshDatabase() };
  const m = await startMiaosha(`miaosha-${workers}`, workers > 1 ? ['--workers', String(workers)] : [], env);
  const inStock = await reserveInStock(m, label, a.perSecond);
  const stock = await checkStock(m.shop, m.sessionId, inStock.acknowledged);
  await stopChild(m.child);
  return { figures: inStock.figures, stock };
}

/** The warm-up and measured run of a POST to `${base}/reserve` on a bench child script. */
async function postRuns(child: Child, base: string, label: string, what: string): Promise<{ warm: Figures; figures: Figures }> {
  const scenario = { url: `${base}/reserve`, method: 'POST' as const, body: quantityOne, feed: fakeFeed(label), serverPid: child.process.pid! };
  console.log(`${label} ${what}: warm-up …`);
  const warm = await measure(scenario, warmupSeconds);
  console.log(`${label} ${what} …`);
  const figures = await measure(scenario, seconds);
  return { warm, figures };
}

/** No unit taken twice or lost: taken = initial − left, left ≥ 0, and taken ≥ the 201s seen. */
function unitCheck(name: string, initial: number, left: number, taken: number, acks: number): StockCheck {
  const problems = [
    taken !== initial - left && `taken ${taken} ≠ initial ${initial} − left ${left}`,
    left < 0 && `negative stock ${left}`,
    taken < acks && `only ${taken} units taken but ${acks} successes acknowledged`,
  ].filter((p): p is string => typeof p === 'string');
  return {
    ok: problems.length === 0,
    lines: [`${name}: initial ${initial}, left ${left}, taken ${taken} (201s seen ${acks})` + (problems.length > 0 ? ` — ${problems.join('; ')}` : '')],
  };
}

/** (d) One bare EVALSHA per request on the local Redis: the floor under any Redis design. */
async function evalshaFloor(): Promise<{ d: Figures; check: StockCheck }> {
  const initial = 1e12; // never runs out
  const key = await redisCounter(initial);
  const { child, base } = await startScript('evalsha', { REDIS_URL: redisUrl, STOCK_KEY: key });
  console.log(`    evalsha floor on ${redisUrl}, key ${key}, pid ${child.process.pid}`);
  const { warm, figures } = await postRuns(child, base, '(d)', 'one EVALSHA per request');
  await stopChild(child);
  const left = Number(await redisGet(key));
  const acks = (warm.statuses['201'] ?? 0) + (figures.statuses['201'] ?? 0);
  // Only the key's own count exists here, so "taken" is what the counter says.
  return { d: figures, check: unitCheck(`(d) Redis key ${key}`, initial, left, initial - left, acks) };
}

/** (f) The naive route on PostgreSQL: conditional UPDATE + INSERT per attempt, in a fresh database. */
async function naive(): Promise<{ f: Figures; check: StockCheck }> {
  const initial = ampleStock; // far more than 13 s at this rate can sell
  const databaseUrl = await freshDatabase();
  await query(databaseUrl, 'CREATE TABLE stock (item_id int PRIMARY KEY, units int)');
  await query(databaseUrl, 'CREATE TABLE orders (id bigserial PRIMARY KEY, item_id int, user_id text, created_at timestamptz DEFAULT now())');
  await query(databaseUrl, 'INSERT INTO stock (item_id, units) VALUES (1, $1)', [initial]);
  const settings = await query<{ name: string; setting: string }>(
    databaseUrl,
    "SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'synchronous_commit', 'fsync') ORDER BY name",
  );
  const { child, base } = await startScript('naive', { DATABASE_URL: databaseUrl, ITEM_ID: '1' });
  console.log(
    `    naive route on ${new URL(databaseUrl).pathname.slice(1)} (${settings.rows.map((r) => `${r.name} ${r.setting}`).join(', ')}), pid ${child.process.pid}`,
  );
  const { warm, figures } = await postRuns(child, base, '(f)', 'naive UPDATE + INSERT per request');
  // Stopped first: its pool drains, so every committed order is counted below.
  await stopChild(child);
  const units = await query<{ units: number }>(databaseUrl, 'SELECT units FROM stock WHERE item_id = 1');
  const orders = await query<{ n: string }>(databaseUrl, 'SELECT count(*) AS n FROM orders');
  const acks = (warm.statuses['201'] ?? 0) + (figures.statuses['201'] ?? 0);
  return { f: figures, check: unitCheck('(f) PostgreSQL stock row', initial, units.rows[0].units, Number(orders.rows[0].n), acks) };
}

async function main(): Promise<void> {
  console.log(
    `node ${process.version} · ${availableParallelism()} CPUs (${cpus()[0]?.model ?? '?'}) · load average ${loadavg()[0].toFixed(2)} · ` +
      `${connections} connections, ${warmupSeconds} s warm-up + ${seconds} s per run, load generator in this process`,
  );

  console.log('(a) bare Fastify …');
  const a = await hello();
  const { b, c, stock } = await embedded(a);
  const { d, check: redisCheck } = await evalshaFloor();
  const { f, check: naiveCheck } = await naive();
  const { figures: e, stock: eStock } = await scaled(a, 1, '(e)');
  const { figures: g, stock: gStock } = await scaled(a, 2, '(g)');

  const checks = [stock, redisCheck, naiveCheck, eStock, gStock];
  printReport({ a, b, c, d, e, f, g }, checks);
  if (!checks.every((check) => check.ok)) process.exitCode = 1;
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
