import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import cluster from 'node:cluster';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { backupCommand, restoreCommand } from '../backup/cli.js';
import { readConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { remote, type Call } from '../demo/api.js';
import { type DemoShop, seedDemo } from '../demo/seed.js';
import { createLogger } from '../observe/logger.js';
import { startPlatform } from '../platform.js';
import { emptyHotStore } from '../scaled/reset.js';

const usage = `miaosha — flash sales and promotion campaigns

  miaosha serve [--port N] [--host H] [--data DIR] [--demo] [--workers N]
      Run the platform. Embedded (PGlite in DIR, default ./data) unless DATABASE_URL is set;
      scaled (hot store and order pipeline in Redis) when REDIS_URL or REDIS_CLUSTER_NODES is set too.
      --demo seeds the demo campaign when the shop is empty, lists its shoppers for sign-in and
      shows one-time sign-in codes in the answer (there is no SMS gateway).
      --workers N runs N processes on the one port (scaled deployment only), restarting any that dies.
  miaosha demo [--url URL]          Seed a demo campaign on a running server; print URLs and tokens.
  miaosha migrate [--data DIR]      Apply database migrations (DATABASE_URL or the embedded DIR).
  miaosha users N --out FILE [--url URL] [--tier T]
                                    Create N synthetic shoppers; write one token a line to FILE.
  miaosha stats SESSION_ID [--url URL]
                                    Units per item of a session: on sale, reserved, paid, cancelled.
  miaosha reconcile [--session ID] [--fix] [--force] [--url URL]
                                    Per item: stock = units on sale + units in live orders? Prints the
                                    drift; --fix rebuilds what the hot store lost and corrects drifting
                                    items whose session is not live (--force: live ones too).
  miaosha backup FILE [--data DIR]  Write a consistent snapshot of the database to FILE (JSON lines).
                                    A server (DATABASE_URL) may keep selling; embedded: stop the server.
  miaosha restore FILE [--data DIR] [--force]
                                    Replace the database with FILE's contents (one transaction); stop
                                    the servers first. --force: even if it holds campaigns or orders.

Commands that talk to a running server use --url (default http://127.0.0.1:$PORT) and the
operator token from MIAOSHA_ADMIN_TOKEN, or the one an embedded server wrote into DIR/admin-token.`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    data: { type: 'string' },
    url: { type: 'string' },
    out: { type: 'string' },
    tier: { type: 'string' },
    demo: { type: 'boolean' },
    force: { type: 'boolean' },
    fix: { type: 'boolean' },
    session: { type: 'string' },
    workers: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

const config = readConfig(process.env, values);
const command = positionals[0];

function adminTokenFor(): string {
  if (process.env.MIAOSHA_ADMIN_TOKEN) return process.env.MIAOSHA_ADMIN_TOKEN;
  try {
    return readFileSync(join(config.dataDir, 'admin-token'), 'utf8').trim();
  } catch {
    throw new Error('set MIAOSHA_ADMIN_TOKEN (or run next to an embedded server\'s --data folder)');
  }
}

function api(): Call {
  return remote(values.url ?? `http://127.0.0.1:${config.port}`, adminTokenFor());
}

function printShop(base: string, shop: DemoShop): void {
  console.log(`\nDemo campaign ${shop.campaignId} is ready.`);
  for (const id of shop.sessionIds) console.log(`  session ${id}: ${base}/api/sessions/${id}   live stream: ${base}/api/sessions/${id}/events`);
  console.log(`  API docs: ${base}/docs`);
  console.log('\nShopper tokens (Authorization: Bearer …):');
  for (const s of shop.shoppers) console.log(`  ${s.tier.padEnd(8)} user ${s.id}: ${s.token}`);
  console.log('\nOr sign in with a phone (POST /api/auth/codes, then /api/auth/sign-in; a demo shows the code):');
  for (const s of shop.shoppers) console.log(`  ${s.tier.padEnd(8)} ${s.phone}`);
  const [first] = shop.shoppers;
  console.log(`\nTry a purchase:\n  curl -X POST ${base}/api/sessions/${shop.sessionIds[0]}/items/${shop.firstItemId}/reservations \\
    -H 'authorization: Bearer ${first.token}' -H 'idempotency-key: try-1' \\
    -H 'content-type: application/json' -d '{"quantity":1}'`);
}

/**
 * `serve --workers N`: this process only supervises N workers (node:cluster) sharing the port, each a
 * full API node of the scaled deployment with its own leased order-id node number. One database
 * migration runs here first, so the workers do not race to create the same tables.
 */
async function supervise(count: number): Promise<void> {
  if (!config.platform.redis || !config.platform.databaseUrl) {
    throw new Error('--workers needs the scaled deployment: set DATABASE_URL and REDIS_URL (or REDIS_CLUSTER_NODES)');
  }
  const logger = createLogger();
  await migrate();
  let stopping = false;
  const fork = (index: number) => {
    // Node numbers are leased per worker; one configured number shared by all would repeat order ids.
    const worker = cluster.fork({ MIAOSHA_WORKER: String(index), MIAOSHA_NODE_ID: '' });
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      logger.error({ worker: index, pid: worker.process.pid, code, signal }, 'worker died; starting another');
      setTimeout(() => fork(index), 1000).unref();
    });
    return worker;
  };
  // The first worker seeds the demo before it listens; the others start once it does, so whichever
  // answers first, the shop is ready.
  const first = fork(1);
  await new Promise<void>((resolve, reject) => {
    first.once('listening', () => resolve());
    first.once('exit', (code) => reject(new Error(`the first worker exited (code ${code}) before it listened`)));
  });
  const others = Array.from({ length: count - 1 }, (_, i) => fork(i + 2));
  await Promise.all(others.map((worker) => new Promise((resolve) => worker.once('listening', resolve))));
  console.log(`Miaosha (scaled): ${count} workers serving port ${config.port}`);
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping the workers');
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    cluster.disconnect(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function serve(): Promise<void> {
  const workers = values.workers === undefined ? 1 : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1) throw new Error('--workers must be a whole number ≥ 1');
  if (workers > 1 && cluster.isPrimary) return supervise(workers);
  // Under --workers, the first worker seeds the demo and prints; the others only serve.
  const first = (process.env.MIAOSHA_WORKER ?? '1') === '1';
  const logger = createLogger();
  if (!config.platform.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
  // A demo has no SMS gateway: it shows sign-in codes in the answer, and lists its demo shoppers.
  const platform = await startPlatform({ ...config.platform, demo: values.demo ?? false, logger });
  const { app, services } = platform;
  const base = `http://localhost:${config.port}`;
  if (!config.platform.databaseUrl) {
    const file = join(config.dataDir, 'admin-token');
    writeFileSync(file, services.adminToken + '\n');
    chmodSync(file, 0o600);
  }
  // The demo is seeded before the port opens: once the server answers, the shop is ready.
  let shop: DemoShop | null = null;
  if (values.demo && first && services.catalog.campaigns.size === 0) {
    shop = await seedDemo(async (method, url, body) => {
      const res = await app.inject({ method, url, payload: body as object, headers: { authorization: `Bearer ${services.adminToken}` } });
      if (res.statusCode >= 300) throw new Error(`${url} → ${res.statusCode} ${res.body}`);
      return res.json();
    });
  }
  if (shop) {
    await services.demoShoppers.remember(shop.shoppers.map(({ phone, tier, realNameVerified, region }) => ({ phone, tier, realNameVerified, region })));
    printShop(base, shop);
  }
  await app.listen({ host: config.host, port: config.port });
  logger.info({ deployment: services.deployment, port: config.port }, 'miaosha is serving');
  console.log(`\nMiaosha (${services.deployment}) at ${base}  ·  docs ${base}/docs  ·  operator token: ${process.env.MIAOSHA_ADMIN_TOKEN ? '(MIAOSHA_ADMIN_TOKEN)' : services.adminToken}`);
  console.log(
    existsSync(join(services.webDist, 'index.html'))
      ? `  shop ${base}/  ·  operator console ${base}/console  ·  live dashboard ${base}/dashboard`
      : '  the web app is not built: run `npm run build` for the shop, console and dashboard pages',
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing acknowledged work');
    await platform.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

async function migrate(): Promise<void> {
  if (!config.platform.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
  const db = await openDatabase({ url: config.platform.databaseUrl, dataDir: config.platform.dataDir });
  await db.migrate();
  await db.close();
  console.log(`migrations applied (${db.kind})`);
}

async function users(): Promise<void> {
  const count = Number(positionals[1]);
  if (!Number.isInteger(count) || count < 1 || !values.out) throw new Error('usage: miaosha users N --out FILE');
  const call = api();
  const stamp = String(Date.now() % 1_000_000).padStart(6, '0'); // keeps runs apart
  const tokens: string[] = [];
  for (let start = 0; start < count; start += 1000) {
    const batch = [];
    for (let i = start; i < Math.min(count, start + 1000); i++) {
      batch.push({ phone: `17${stamp}${String(i).padStart(7, '0')}`, ...(values.tier ? { tier: values.tier } : {}) });
    }
    const res = await call('POST', '/api/admin/users/bulk', { users: batch });
    for (const u of res.users) tokens.push(u.token);
  }
  writeFileSync(values.out, tokens.join('\n') + '\n');
  console.log(`${tokens.length} shoppers created; tokens in ${values.out}`);
}

async function stats(): Promise<void> {
  const sessionId = positionals[1];
  if (!sessionId) throw new Error('usage: miaosha stats SESSION_ID');
  const res = await api()('GET', `/api/admin/sessions/${sessionId}/stats`);
  console.table(res.items);
}

/** After a restore: empty the Redis hot store, then start a node once — it rebuilds what Redis lacks. */
async function rebuildScaledHotStore(): Promise<void> {
  await emptyHotStore(config.platform.redis!);
  const platform = await startPlatform({ ...config.platform, logger: false });
  await platform.close();
}

async function reconcile(): Promise<void> {
  const query = values.session ? `?sessionId=${encodeURIComponent(values.session)}` : '';
  const res = values.fix
    ? await api()('POST', `/api/admin/reconcile${query}`, { force: values.force ?? false })
    : await api()('GET', `/api/admin/reconcile${query}`);
  console.table(res.items);
  if (values.fix) {
    console.log(`rebuilt from the database: ${res.recovered.length ? res.recovered.join(', ') : 'nothing was lost'}`);
    console.log(`stock corrected: ${res.corrected.length ? res.corrected.join(', ') : 'none'}`);
  }
  const drifting = (res.items as { drift: number }[]).filter((item) => item.drift !== 0);
  if (drifting.length > 0) {
    console.log(`${drifting.length} item(s) drift${values.fix ? ' still (live sessions are left alone without --force)' : ''}`);
    process.exitCode = 3;
  }
}

async function main(): Promise<void> {
  if (values.help || !command) {
    console.log(usage);
    return;
  }
  switch (command) {
    case 'serve':
      return serve();
    case 'demo': {
      const base = values.url ?? `http://127.0.0.1:${config.port}`;
      return printShop(base, await seedDemo(api()));
    }
    case 'migrate':
      return migrate();
    case 'users':
      return users();
    case 'stats':
      return stats();
    case 'reconcile':
      return reconcile();
    case 'backup':
      return backupCommand(positionals[1], { url: config.platform.databaseUrl, dataDir: config.platform.dataDir });
    case 'restore':
      await restoreCommand(
        positionals[1],
        { url: config.platform.databaseUrl, dataDir: config.platform.dataDir },
        values.force ?? false,
        config.platform.redis ? rebuildScaledHotStore : undefined,
      );
      return;
    default:
      console.error(`unknown command ${command}\n\n${usage}`);
      process.exitCode = 2;
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
