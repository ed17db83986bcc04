import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { type Socket, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const cli = fileURLToPath(new URL('../../bin/miaosha.js', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A real `miaosha serve` process, to be killed like a real one. */
export interface ServerProcess {
  base: string;
  child: ChildProcess;
  output: () => string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startServer(args: string[], env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [cli, 'serve', '--host', '127.0.0.1', '--port', String(port), ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    child,
    output: () => log,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Fault drills (test/faults): a scaled deployment's stores, made to fail on purpose.
// Every process here is a child of the test process, stopped by its PID; nothing is daemonized.

/** Children still running, SIGKILLed if the test process exits without stopping them. */
const children = new Set<ChildProcess>();
let exitHooked = false;

function track(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
  if (exitHooked) return;
  exitHooked = true;
  process.once('exit', () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  });
}

/** `signal` to the child (by its PID), resolved once it has exited. */
async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await exited;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns something other than undefined/false; fails with `what` after `timeoutMs`. */
export async function pollUntil<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 15_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`);
    await sleep(everyMs);
  }
}

/**
 * A TCP proxy on a loopback port in front of `target` (e.g. PostgreSQL at 127.0.0.1:5432), to pull the
 * cable: `unplug` destroys every open connection and stops listening, so new connections are refused
 * (ECONNREFUSED, as from a host that is down); `plugBack` listens again on the same port.
 */
export interface TcpProxy {
  port: number;
  unplug(): Promise<void>;
  plugBack(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      socket.on('error', () => {}); // the other side is destroyed with it, just below
    }
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(0);
  const port = (server.address() as { port: number }).port;
  let listening = true;

  const unplug = async () => {
    if (!listening) return;
    listening = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  return {
    port,
    unplug,
    async plugBack() {
      if (listening) return;
      // The port was free a moment ago; retry briefly in case the kernel still holds it.
      for (let attempt = 0; ; attempt++) {
        try {
          await listen(port);
          break;
        } catch (error) {
          if (attempt >= 20) throw error;
          await sleep(50);
        }
      }
      listening = true;
    },
    close: unplug,
  };
}

/** A postgres:// URL with its host and port replaced, e.g. to go through a TcpProxy. */
export function viaPort(databaseUrl: string, port: number): string {
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return url.toString();
}

/**
 * A private `redis-server` on a free loopback port with its own temp dir, a child of this process
 * (not daemonized). `kill` ends it like a crash (SIGKILL by default); `restart` starts it again on the
 * same port and dir, so it reloads its AOF; `stop` ends it and removes the dir.
 */
export interface RedisServerProcess {
  port: number;
  url: string;
  dir: string;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedisServer(args: string[] = [], redisServer = process.env.REDIS_SERVER ?? 'redis-server'): Promise<RedisServerProcess> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'miaosha-redis-'));
  let child: ChildProcess;
  let log = '';
  const spawnIt = async () => {
    child = spawn(redisServer, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--protected-mode', 'no', '--logfile', '', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    track(child);
    child.stdout!.on('data', (d) => (log = (log + d).slice(-20_000)));
    child.stderr!.on('data', (d) => (log = (log + d).slice(-20_000)));
    const started = child;
    const state = await pollUntil(
      `redis-server on port ${port} to answer PING`,
      async () => (started.exitCode !== null ? 'exited' : (await ping(port)) === '+PONG' ? 'ready' : undefined),
      15_000,
      50,
    ).catch(async (error) => {
      await stopChild(started);
      throw error;
    });
    if (state === 'exited') throw new Error(`redis-server on port ${port} exited:\n${log}`);
  };
  await spawnIt().catch((error) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    output: () => log,
    kill: (signal = 'SIGKILL') => stopChild(child, signal),
    async restart() {
      await stopChild(child);
      await spawnIt();
    },
    async stop() {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One PING over a raw connection: '+PONG', '-LOADING …' while it reads its AOF, or a thrown error. */
function ping(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('PING timed out'));
    }, 1_000);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('data', (d) => {
      reply += d;
      if (reply.includes('\r\n')) {
        clearTimeout(timer);
        socket.destroy();
        resolve(reply.trim());
      }
    });
    socket.write('*1\r\n$4\r\nPING\r\n');
  });
}


/** A sale opened through a node's operator API: one session on now, its items, its shoppers' tokens. */
export interface Sale {
  sessionId: string;
  /** The first item (most drills sell one). */
  itemId: string;
  itemIds: string[];
  /** Of each item. */
  stock: number;
  perUserLimit: number;
  shoppers: { id: string; token: string }[];
}

export async function openSale(
  base: string,
  adminToken: string,
  options: { stock: number; perUserLimit: number; shoppers: number; phonePrefix: string; items?: number },
): Promise<Sale> {
  const call = async (url: string, body: unknown) => {
    const res = await fetch(new URL(url, base), {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`POST ${url} → ${res.status} ${text}`);
    return JSON.parse(text);
  };
  const now = Date.now();
  const campaign = await call('/api/admin/campaigns', {
    name: 'fault drill',
    type: 'clearance',
    startsAt: new Date(now - 60_000).toISOString(),
    endsAt: new Date(now + 3600_000).toISOString(),
  });
  const session = await call(`/api/admin/campaigns/${campaign.id}/sessions`, {
    startsAt: new Date(now - 1000).toISOString(),
    endsAt: new Date(now + 1800_000).toISOString(),
  });
  const itemIds: string[] = [];
  for (let i = 0; i < (options.items ?? 1); i++) {
    const item = await call(`/api/admin/sessions/${session.id}/items`, {
      title: `fault-tolerant rice cooker ${i + 1}`,
      originalPrice: 29_900,
      flashPrice: 100,
      stock: options.stock,
      perUserLimit: options.perUserLimit,
    });
    itemIds.push(item.id);
  }
  const { users } = await call('/api/admin/users/bulk', {
    users: Array.from({ length: options.shoppers }, (_, i) => ({ phone: `${options.phonePrefix}${String(i).padStart(11 - options.phonePrefix.length, '0')}` })),
  });
  return { sessionId: session.id, itemId: itemIds[0], itemIds, stock: options.stock, perUserLimit: options.perUserLimit, shoppers: users };
}

/** The order rows of an item, straight from PostgreSQL. */
export async function orderRows(databaseUrl: string, itemId: string): Promise<{ id: string; userId: string; quantity: number; idempotencyKey: string }[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select id::text as id, user_id::text as "userId", quantity, idempotency_key as "idempotencyKey" from orders where item_id = $1`,
      [itemId],
    );
    return rows;
  } finally {
    await client.end();
  }
}
