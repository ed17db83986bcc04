import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { remote, type Call } from '../demo/api.js';
import { type DemoShop, seedDemo } from '../demo/seed.js';
import { createLogger } from '../observe/logger.js';
import { startPlatform } from '../platform.js';

const usage = `miaosha — flash sales and promotion campaigns

  miaosha serve [--port N] [--host H] [--data DIR] [--demo]
      Run the platform. Embedded (PGlite in DIR, default ./data) unless DATABASE_URL is set.
      --demo seeds the demo campaign when the shop is empty.
  miaosha demo [--url URL]          Seed a demo campaign on a running server; print URLs and tokens.
  miaosha migrate [--data DIR]      Apply database migrations (DATABASE_URL or the embedded DIR).
  miaosha users N --out FILE [--url URL] [--tier T]
                                    Create N synthetic shoppers; write one token a line to FILE.
  miaosha stats SESSION_ID [--url URL]
                                    Units per item of a session: on sale, reserved, paid, cancelled.

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
  const [first] = shop.shoppers;
  console.log(`\nTry a purchase:\n  curl -X POST ${base}/api/sessions/${shop.sessionIds[0]}/items/${shop.firstItemId}/reservations \\
    -H 'authorization: Bearer ${first.token}' -H 'idempotency-key: try-1' \\
    -H 'content-type: application/json' -d '{"quantity":1}'`);
}

async function serve(): Promise<void> {
  const logger = createLogger();
  if (!config.platform.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
  const platform = await startPlatform({ ...config.platform, logger });
  const { app, services } = platform;
  const base = `http://localhost:${config.port}`;
  if (!config.platform.databaseUrl) {
    const file = join(config.dataDir, 'admin-token');
    writeFileSync(file, services.adminToken + '\n');
    chmodSync(file, 0o600);
  }
  // The demo is seeded before the port opens: once the server answers, the shop is ready.
  let shop: DemoShop | null = null;
  if (values.demo && services.catalog.campaigns.size === 0) {
    shop = await seedDemo(async (method, url, body) => {
      const res = await app.inject({ method, url, payload: body as object, headers: { authorization: `Bearer ${services.adminToken}` } });
      if (res.statusCode >= 300) throw new Error(`${url} → ${res.statusCode} ${res.body}`);
      return res.json();
    });
  }
  if (shop) printShop(base, shop);
  await app.listen({ host: config.host, port: config.port });
  logger.info({ deployment: services.deployment, port: config.port }, 'miaosha is serving');
  console.log(`\nMiaosha (${services.deployment}) at ${base}  ·  docs ${base}/docs  ·  operator token: ${process.env.MIAOSHA_ADMIN_TOKEN ? '(MIAOSHA_ADMIN_TOKEN)' : services.adminToken}`);

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
    default:
      console.error(`unknown command ${command}\n\n${usage}`);
      process.exitCode = 2;
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
