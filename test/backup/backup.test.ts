import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { backup } from '../../src/backup/backup.js';
import { storeTables } from '../../src/backup/format.js';
import { restore, restoreDatabase } from '../../src/backup/restore.js';
import { type DatabaseOptions, openDatabase } from '../../src/db/database.js';
import { type Platform, startPlatform } from '../../src/platform.js';
import { ShopperApi } from '../support/api.js';
import { adminToken, freshServerDatabase } from '../support/platform.js';
import { Operator } from '../support/shop.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../bin/miaosha.js', import.meta.url));
const admin = { authorization: `Bearer ${adminToken}` };
const scratch = mkdtempSync(join(tmpdir(), 'miaosha-backup-'));
let fileNo = 0;
const scratchFile = (name: string) => join(scratch, `${++fileNo}-${name}`);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Each step opens whole databases (an embedded one takes seconds on a busy machine).
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

/** The two kinds of durable store: embedded (PGlite in a data folder) and the PostgreSQL server. */
const kinds = ['pglite', 'postgres'] as const;
type Kind = (typeof kinds)[number];

/** An empty database of either kind, that outlives the platforms started on it. */
interface Store {
  kind: Kind;
  options: DatabaseOptions;
  drop(): Promise<void>;
}

async function freshStore(kind: Kind): Promise<Store> {
  if (kind === 'postgres') {
    const fresh = await freshServerDatabase();
    return { kind, options: { url: fresh.url }, drop: fresh.drop };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'miaosha-backup-data-'));
  return { kind, options: { dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** A platform on the store. No token secret given: it is the one kept in the database (settings). */
function start(store: Store): Promise<Platform> {
  return startPlatform({
    databaseUrl: store.options.url,
    dataDir: store.options.dataDir,
    adminToken,
    payment: { latencyMs: 1, timeoutMs: 2000 },
    shopperRate: { perSecond: 0, burst: 0 },
  });
}

/** Everything in the store, as a backup file shows it, without the header (its time and source differ). */
async function contents(store: Store): Promise<string> {
  const file = scratchFile('contents.jsonl');
  await backup(store.options, file);
  const text = readFileSync(file, 'utf8');
  rmSync(file);
  return text.slice(text.indexOf('\n') + 1);
}

function sql(url: string) {
  return async <Row = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<Row[]> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as Row[];
    } finally {
      await client.end();
    }
  };
}

describe.each([
  ['pglite', 'pglite'],
  ['postgres', 'postgres'],
  ['pglite', 'postgres'],
] as const)('a backup of %s restored into %s', (from, into) => {
  let source: Store;
  let target: Store;
  let platform: Platform | null = null;
  const file = scratchFile(`${from}-${into}.jsonl`);
  let shoppers: { id: string; token: string }[];
  let sessionId: string;
  let phone: string;
  let earbuds: string;
  let orderIds: string[];
  let before: { orders: unknown[]; stock: { phone: number; earbuds: number } };

  beforeAll(async () => {
    [source, target] = await Promise.all([freshStore(from), freshStore(into)]);
  });
  afterAll(async () => {
    await platform?.close();
    await source?.drop();
    await target?.drop();
  });

  async function seen(p: Platform) {
    const api = new ShopperApi(p.app);
    const orders = [];
    for (const s of shoppers) {
      const res = await api.orders(s.token);
      expect(res.statusCode).toBe(200); // the token still verifies: the secret came back with the data
      orders.push(res.json());
    }
    return { orders, stock: { phone: await api.stock(sessionId, phone), earbuds: await api.stock(sessionId, earbuds) } };
  }

  it('backs up a shop with reserved, paid and cancelled orders', async () => {
    platform = await start(source);
    const op = new Operator(platform.app, admin);
    const api = new ShopperApi(platform.app);
    shoppers = await op.shoppers(5, { tier: 'gold', region: 'CN-31', realNameVerified: true }, '138');
    ({ sessionId } = await op.session({ paymentWindowSeconds: 900 }));
    phone = await op.item(sessionId, { stock: 10, perUserLimit: 2, flashPrice: 1990, sku: 'P16' });
    earbuds = await op.item(sessionId, { title: 'Earbuds', stock: 3, perUserLimit: 1, flashPrice: 990, eligibility: { tiers: ['gold'] } });
    const [s0, s1, s2, s3] = shoppers;
    orderIds = [
      await api.reserved(s0.token, sessionId, phone, 'k0'),
      await api.reserved(s1.token, sessionId, phone, 'k1', 2),
      await api.reserved(s2.token, sessionId, earbuds, 'k2'),
      await api.reserved(s3.token, sessionId, phone, 'k3'),
      await api.reserved(s0.token, sessionId, earbuds, 'k4'),
    ];
    expect((await api.pay(s1.token, orderIds[1])).statusCode).toBe(200);
    expect((await api.cancel(s3.token, orderIds[3])).statusCode).toBe(200);
    before = await seen(platform);
    expect(before.stock).toEqual({ phone: 7, earbuds: 1 });

    if (source.kind === 'postgres') {
      await backup(source.options, file); // while it serves
      await platform.close();
    } else {
      await platform.close(); // an embedded data folder opens in one process only
      await backup(source.options, file);
    }
    platform = null;

    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const header = JSON.parse(lines[0]);
    expect(header).toMatchObject({ format: 'miaosha-backup', version: 1, schema: '0004_promotions', source: from });
    expect(Date.parse(header.createdAt)).toBeGreaterThan(Date.now() - 600_000);
    const tables = lines.filter((l) => l.startsWith('{"table"')).map((l) => JSON.parse(l).table);
    expect([...tables].sort()).toEqual(storeTables());
    expect(tables.indexOf('campaigns')).toBeLessThan(tables.indexOf('sessions')); // parents first
    expect(tables.indexOf('sessions')).toBeLessThan(tables.indexOf('items'));
    const end = JSON.parse(lines.at(-1)!);
    expect(end.end.rows).toMatchObject({ orders: 5, payments: 1, users: 5, campaigns: 1, sessions: 1, items: 2 });
    // Order ids are 19 digits: strings, not JSON numbers that would lose digits.
    const orderHeader = lines.findIndex((l) => l.startsWith('{"table":"orders"'));
    expect(orderIds).toContain(JSON.parse(lines[orderHeader + 1])[0]);
  });

  it('restores every row into a fresh database, ids and sequences included', async () => {
    const summary = await restore(target.options, file);
    expect(summary).toMatchObject({ schema: '0004_promotions', target: into, rows: { orders: 5, payments: 1 } });
    expect(await contents(target)).toBe(await contents(source));
  });

  it('a platform on the restored database shows the same orders, payments, stock and tokens', async () => {
    platform = await start(target);
    expect(await seen(platform)).toEqual(before);
    const paid = (before.orders[1] as { orders: { id: string }[] }).orders.find((o) => o.id === orderIds[1]);
    expect(paid).toMatchObject({ status: 'paid', payment: { status: 'succeeded' } });
  });

  it('keeps selling: new ids do not collide and per-shopper limits count the restored orders', async () => {
    const api = new ShopperApi(platform!.app);
    const op = new Operator(platform!.app, admin);
    const [s0, s1, s2, , s4] = shoppers;
    const fresh = await api.reserved(s4.token, sessionId, phone, 'new-1');
    expect(orderIds).not.toContain(fresh);
    expect(BigInt(fresh) > orderIds.map(BigInt).reduce((a, b) => (a > b ? a : b))).toBe(true);
    expect((await api.reserve(s1.token, sessionId, phone, 'new-2')).json().error.code).toBe('LIMIT_REACHED'); // holds 2 of 2
    expect((await api.reserve(s2.token, sessionId, earbuds, 'new-3')).json().error.code).toBe('LIMIT_REACHED'); // 1 of 1
    await api.reserved(s0.token, sessionId, phone, 'new-4'); // held 1 of 2
    expect((await api.reserve(s0.token, sessionId, phone, 'new-5')).json().error.code).toBe('LIMIT_REACHED');
    // A replayed idempotency key gets the answer it got before the backup.
    const replay = await api.reserve(s0.token, sessionId, phone, 'k0');
    expect(replay.json().orderId).toBe(orderIds[0]);
    expect(await api.stock(sessionId, phone)).toBe(5);
    expect(await api.stock(sessionId, earbuds)).toBe(1);

    // Identity sequences moved past the restored ids.
    const newcomers = await op.shoppers(2, {}, '137');
    const oldMax = Math.max(...shoppers.map((s) => Number(s.id)));
    for (const n of newcomers) expect(Number(n.id)).toBeGreaterThan(oldMax);
    const { sessionId: another } = await op.session();
    expect(Number(another)).toBeGreaterThan(Number(sessionId));
    const item = await op.item(another, { stock: 4 });
    expect(Number(item)).toBeGreaterThan(Number(earbuds));
    await api.reserved(newcomers[0].token, another, item, 'n-1');
  });
});

describe.each(kinds)('restore refuses without changing %s', (kind) => {
  let target: Store;
  let good: string;
  let before: string;

  beforeAll(async () => {
    target = await freshStore(kind);
    // A small shop to back up, and the same shop restored into the target: the target is not empty.
    const shop = await freshStore('postgres');
    try {
      const p = await start(shop);
      const op = new Operator(p.app, admin);
      const api = new ShopperApi(p.app);
      const [s] = await op.shoppers(3, {}, '136');
      const { sessionId } = await op.session();
      const item = await op.item(sessionId, { stock: 5 });
      await api.reserved(s.token, sessionId, item, 'r-1');
      await p.close();
      good = scratchFile('good.jsonl');
      await backup(shop.options, good);
    } finally {
      await shop.drop();
    }
    await restore(target.options, good);
    before = await contents(target);
  });
  afterAll(async () => {
    await target?.drop();
  });

  const variant = (name: string, text: string) => {
    const file = scratchFile(name);
    writeFileSync(file, text);
    return file;
  };
  const lines = () => readFileSync(good, 'utf8').trimEnd().split('\n');

  it('a file that is not a backup', async () => {
    const garbage = variant('garbage.bin', Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)).toString('latin1'));
    await expect(restore(target.options, garbage, { force: true })).rejects.toThrow(/is not a miaosha backup/);
    await expect(restore(target.options, variant('empty', ''), { force: true })).rejects.toThrow(/is not a miaosha backup/);
    await expect(restore(target.options, variant('json', '{"format":"other"}\n'), { force: true })).rejects.toThrow(/is not a miaosha backup/);
    await expect(restore(target.options, join(scratch, 'no-such-file'), { force: true })).rejects.toThrow(/cannot read .*no-such-file/);
    expect(await contents(target)).toBe(before);
  });

  it('a backup of another format version or an unknown schema', async () => {
    const [head, ...rest] = lines();
    const v2 = variant('v2.jsonl', [JSON.stringify({ ...JSON.parse(head), version: 2 }), ...rest].join('\n'));
    await expect(restore(target.options, v2, { force: true })).rejects.toThrow(/format version 2; this miaosha reads version 1/);
    const newer = variant('newer.jsonl', [JSON.stringify({ ...JSON.parse(head), schema: '0042_future' }), ...rest].join('\n'));
    await expect(restore(target.options, newer, { force: true })).rejects.toThrow(/schema 0042_future/);
    expect(await contents(target)).toBe(before);
  });

  it('a backup cut short, or broken in the middle: the transaction rolls back', async () => {
    const all = lines();
    const cut = variant('cut.jsonl', all.slice(0, -3).join('\n') + '\n');
    await expect(restore(target.options, cut, { force: true })).rejects.toThrow(/incomplete/);
    // Rows load before the breakage is met: the tables were emptied and partly filled, then rolled back.
    const last = all.findLastIndex((l) => l.startsWith('[')); // a row of the last table that has rows
    const broken = [...all];
    broken[last] = broken[last].replace(/^\[/, '["not-a-number", ');
    const badValue = all.map((l) => (l.startsWith('["') && l.includes('"regular"') ? l.replace(/^\["\d+"/, '["x"') : l));
    expect(badValue).not.toEqual(all);
    const wrongCount = [...all.slice(0, -1), all.at(-1)!.replace('"orders":1', '"orders":2')];
    // The same, on a database kept open (opening an embedded one is slow).
    const db = await openDatabase(target.options);
    try {
      await expect(restoreDatabase(db, variant('arity.jsonl', broken.join('\n')), { force: true })).rejects.toThrow(/line \d+: a row of/);
      await expect(restoreDatabase(db, variant('value.jsonl', badValue.join('\n')), { force: true })).rejects.toThrow(/restoring users failed/);
      await expect(restoreDatabase(db, variant('count.jsonl', wrongCount.join('\n')), { force: true })).rejects.toThrow(/promises 2 rows of orders/);
      await expect(restoreDatabase(db, cut, { force: true })).rejects.toThrow(/incomplete/);
    } finally {
      await db.close();
    }
    expect(await contents(target)).toBe(before);
  });

  it('a database holding campaigns or orders, unless --force', async () => {
    await expect(restore(target.options, good)).rejects.toThrow(/not empty.*--force/);
    expect(await contents(target)).toBe(before);
    await restore(target.options, good, { force: true });
    expect(await contents(target)).toBe(before);
  });

  it('the migrations create no table the backup leaves out', async () => {
    const db = await openDatabase(target.options);
    try {
      const tables = await db.query<{ tablename: string }>(`select tablename from pg_tables where schemaname = 'public'`);
      expect(tables.map((t) => t.tablename).sort()).toEqual(storeTables().sort());
    } finally {
      await db.close();
    }
  });
});

describe('a backup taken while the shop is selling (PostgreSQL server)', () => {
  let source: Store;
  let platform: Platform;
  const restored: Store[] = [];

  beforeAll(async () => {
    source = await freshStore('postgres');
    platform = await start(source);
  });
  afterAll(async () => {
    await platform?.close();
    await source?.drop();
    for (const r of restored) await r.drop();
  });

  it('is one consistent snapshot: every payment has its order, no item oversold, paid orders with their payment', async () => {
    const op = new Operator(platform.app, admin);
    const api = new ShopperApi(platform.app);
    const shoppers = await op.shoppers(600, {}, '135');
    const { sessionId } = await op.session({ paymentWindowSeconds: 900 });
    const items = [await op.item(sessionId, { stock: 120, perUserLimit: 2 }), await op.item(sessionId, { stock: 200, perUserLimit: 2 })];
    const stock = new Map([[items[0], 120], [items[1], 200]]);

    let next = 0;
    let selling = true;
    const shopper = async () => {
      while (selling && next < shoppers.length) {
        const s = shoppers[next++];
        const item = items[next % 2];
        const res = await api.reserve(s.token, sessionId, item, `c-${s.id}`, 1 + (next % 2));
        if (res.statusCode !== 201) continue;
        const { orderId } = res.json();
        if (next % 5 === 0) await api.cancel(s.token, orderId);
        else if (next % 2 === 0) await api.pay(s.token, orderId);
      }
    };
    const crowd = Array.from({ length: 16 }, shopper);
    const files: string[] = [];
    await new Promise((r) => setTimeout(r, 150));
    for (let i = 0; i < 3; i++) {
      const file = scratchFile(`selling-${i}.jsonl`);
      await backup(source.options, file);
      files.push(file);
    }
    selling = false;
    await Promise.all(crowd);

    const counts = files.map((f) => JSON.parse(readFileSync(f, 'utf8').trimEnd().split('\n').at(-1)!).end.rows.orders as number);
    expect(counts.some((c) => c > 0)).toBe(true);

    for (const file of files) {
      const store = await freshStore('postgres');
      restored.push(store);
      await restore(store.options, file);
      const q = sql(store.options.url!);
      expect(await q(`select p.id from payments p left join orders o on o.id = p.order_id where o.id is null`)).toEqual([]);
      expect(await q(`select o.id from orders o where o.status = 'paid'
                        and not exists (select 1 from payments p where p.order_id = o.id and p.status = 'succeeded')`)).toEqual([]);
      const held = await q<{ id: string; stock: number; held: string }>(
        `select i.id::text, i.stock, coalesce(sum(o.quantity) filter (where o.status <> 'cancelled'), 0)::text as held
           from items i left join orders o on o.item_id = i.id group by i.id, i.stock`,
      );
      expect(held).toHaveLength(2);
      for (const row of held) expect(Number(row.held)).toBeLessThanOrEqual(stock.get(row.id)!);
    }

    // The last snapshot serves: live stock = stock − units held by the restored orders.
    const last = restored.at(-1)!;
    const q = sql(last.options.url!);
    const held = new Map(
      (await q<{ id: string; held: string }>(`select item_id::text as id, sum(quantity)::text as held from orders where status <> 'cancelled' group by item_id`)).map(
        (r) => [r.id, Number(r.held)],
      ),
    );
    const p = await start(last);
    try {
      const view = new ShopperApi(p.app);
      for (const item of items) expect(await view.stock(sessionId, item)).toBe(stock.get(item)! - (held.get(item) ?? 0));
    } finally {
      await p.close();
    }
  });
});

describe('miaosha backup / restore (the command)', () => {
  let source: Store;
  let target: Store;
  let dataDir: string;
  const file = scratchFile('cli.jsonl');
  const env = (extra: Record<string, string>) => ({ ...process.env, DATABASE_URL: '', REDIS_URL: '', REDIS_CLUSTER_NODES: '', MIAOSHA_DATA_DIR: '', ...extra });
  const miaosha = (args: string[], extra: Record<string, string> = {}) => run(process.execPath, [cli, ...args], { env: env(extra) });
  /** Exit code and stderr of a run that must fail. */
  const failing = async (args: string[], extra: Record<string, string> = {}) => {
    try {
      await miaosha(args, extra);
    } catch (error) {
      const e = error as { code: number; stderr: string };
      return { code: e.code, stderr: e.stderr };
    }
    throw new Error(`miaosha ${args.join(' ')} succeeded`);
  };

  beforeAll(async () => {
    [source, target] = await Promise.all([freshStore('postgres'), freshStore('postgres')]);
    dataDir = join(scratch, 'cli-data');
    const p = await start(source);
    const op = new Operator(p.app, admin);
    const api = new ShopperApi(p.app);
    const [s] = await op.shoppers(2, {}, '134');
    const { sessionId } = await op.session();
    await api.reserved(s.token, sessionId, await op.item(sessionId), 'cli-1');
    await p.close();
  });
  afterAll(async () => {
    await source?.drop();
    await target?.drop();
  });

  it('backup FILE writes the DATABASE_URL database; restore FILE loads it into another', async () => {
    const made = await miaosha(['backup', file], { DATABASE_URL: source.options.url! });
    expect(made.stdout).toMatch(/backup of the postgres database written to .*cli\.jsonl: 42 tables, \d+ rows \(1 orders\), schema 0004_promotions/);
    expect(JSON.parse(readFileSync(file, 'utf8').split('\n')[0])).toMatchObject({ format: 'miaosha-backup', version: 1 });
    const loaded = await miaosha(['restore', file], { DATABASE_URL: target.options.url! });
    expect(loaded.stdout).toContain('restored into the postgres database');
    expect(loaded.stdout).toContain('hot store: rebuilt at next start');
    expect(await contents(target)).toBe(await contents(source));
  });

  it('restore into a database that is not empty needs --force', async () => {
    const refused = await failing(['restore', file], { DATABASE_URL: target.options.url! });
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain('--force');
    await miaosha(['restore', file, '--force'], { DATABASE_URL: target.options.url! });
  });

  it('the embedded deployment: restore and backup --data DIR', async () => {
    const loaded = await miaosha(['restore', file, '--data', dataDir]);
    expect(loaded.stdout).toContain('restored into the pglite database');
    const again = scratchFile('cli-embedded.jsonl');
    const made = await miaosha(['backup', again, '--data', dataDir]);
    expect(made.stdout).toContain('backup of the pglite database');
    const body = (f: string) => readFileSync(f, 'utf8').slice(readFileSync(f, 'utf8').indexOf('\n') + 1);
    expect(body(again)).toBe(body(file));
  });

  it('bad input: exit code 1 and one line on stderr', async () => {
    const garbage = scratchFile('garbage.txt');
    writeFileSync(garbage, 'hello\nworld\n');
    const cases: [string[], RegExp][] = [
      [['backup'], /usage: miaosha backup FILE/],
      [['restore'], /usage: miaosha restore FILE/],
      [['restore', join(scratch, 'missing.jsonl')], /cannot read/],
      [['restore', garbage], /is not a miaosha backup/],
      [['backup', scratchFile('x.jsonl'), '--data', join(scratch, 'nothing-here')], /no embedded database in/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await failing(args, { DATABASE_URL: args[0] === 'restore' ? target.options.url! : '' });
      expect({ args, code }).toEqual({ args, code: 1 });
      expect(stderr).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
