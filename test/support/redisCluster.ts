import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/**
 * A throwaway Redis Cluster for tests: `masters` redis-server processes on loopback ports, no
 * replicas, no persistence, in a temp dir of their own. Each server is a child of this process (no
 * --daemonize), so `stop()` ends exactly the processes it started, by PID.
 */
export interface RedisClusterHandle {
  nodes: { host: string; port: number }[];
  stop(): Promise<void>;
}

export interface RedisClusterOptions {
  masters?: number;
  /** The redis-server binary; default `redis-server` on the PATH (env REDIS_SERVER overrides). */
  redisServer?: string;
  /** How long the whole start may take before it gives up; default 30 s. */
  timeoutMs?: number;
}

const host = '127.0.0.1';
const slots = 16_384;
/** The cluster bus listens on port + 10000: a node's port must leave room for it. */
const busOffset = 10_000;
const highestPort = 55_000;

/** Every child still running and every temp dir still there, so a dying test process leaves nothing behind. */
const running = new Set<ChildProcess>();
const dirs = new Set<string>();
let exitHooked = false;

export async function startRedisCluster({
  masters = 3,
  redisServer = process.env.REDIS_SERVER ?? 'redis-server',
  timeoutMs = 30_000,
}: RedisClusterOptions = {}): Promise<RedisClusterHandle> {
  if (!Number.isInteger(masters) || masters < 1) throw new Error(`a cluster needs at least one master, not ${masters}`);
  hookExit();
  const dir = mkdtempSync(join(tmpdir(), 'miaosha-redis-cluster-'));
  dirs.add(dir);
  const children: ChildProcess[] = [];
  const deadline = Date.now() + timeoutMs;

  const stop = async () => {
    await Promise.all(children.map((child) => terminate(child)));
    rmSync(dir, { recursive: true, force: true });
    dirs.delete(dir);
  };

  try {
    const ports: number[] = [];
    for (let i = 0; i < masters; i++) {
      const { port, child } = await startNode(redisServer, dir, ports, deadline);
      ports.push(port);
      children.push(child);
    }
    await formCluster(ports, deadline);
    return { nodes: ports.map((port) => ({ host, port })), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** One cluster-enabled redis-server on a free port; a port taken in the meantime is retried with another. */
async function startNode(redisServer: string, dir: string, taken: number[], deadline: number): Promise<{ port: number; child: ChildProcess }> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort(taken);
    const child = spawn(
      redisServer,
      [
        '--port', String(port),
        '--bind', host,
        '--cluster-enabled', 'yes',
        '--cluster-config-file', `nodes-${port}.conf`,
        '--cluster-announce-ip', host,
        '--dir', dir,
        '--save', '',
        '--appendonly', 'no',
        '--protected-mode', 'no',
        '--logfile', '',
        '--loglevel', 'notice',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    running.add(child);
    child.once('exit', () => running.delete(child));
    try {
      await ready(child, port, deadline);
      return { port, child };
    } catch (error) {
      lastError = error;
      await terminate(child);
      if (Date.now() > deadline) break;
    }
  }
  throw new Error(`redis-server would not start: ${(lastError as Error)?.message ?? lastError}`);
}

/** Waits for the server to log that it accepts connections, then for it to answer PING. */
function ready(child: ChildProcess, port: number, deadline: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    let settled = false;
    let pinging = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
      // Keep draining the pipes so a chatty server never blocks on a full one.
      child.stdout?.resume();
      child.stderr?.resume();
      if (error) reject(error);
      else resolve();
    };
    const onData = (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-4_000);
      if (!pinging && log.includes('Ready to accept connections')) {
        pinging = true;
        ping(port, deadline).then(() => finish(), finish);
      }
    };
    const onExit = (code: number | null, signal: string | null) =>
      finish(new Error(`redis-server on port ${port} exited (${signal ?? code}): ${log.trim().split('\n').slice(-3).join(' | ')}`));
    const onError = (error: Error) => finish(error);
    const timer = setTimeout(() => finish(new Error(`redis-server on port ${port} not ready in time`)), Math.max(0, deadline - Date.now()));
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-4_000);
    });
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

async function ping(port: number, deadline: number): Promise<void> {
  for (;;) {
    try {
      if ((await withNode(port, (redis) => redis.ping())) === 'PONG') return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await sleep(20);
  }
}

/**
 * Slots split evenly, distinct config epochs (as redis-cli --cluster create does, so no epoch
 * collision has to be resolved), then every node meets the first. Done once all nodes say the
 * cluster is ok and agree that every slot is served.
 */
async function formCluster(ports: number[], deadline: number): Promise<void> {
  await Promise.all(
    ports.map((port, i) =>
      withNode(port, async (redis) => {
        const first = Math.floor((i * slots) / ports.length);
        const last = Math.floor(((i + 1) * slots) / ports.length) - 1;
        await redis.call('CLUSTER', 'ADDSLOTSRANGE', String(first), String(last));
        await redis.call('CLUSTER', 'SET-CONFIG-EPOCH', String(i + 1));
      }),
    ),
  );
  await withNode(ports[0], async (redis) => {
    for (const port of ports.slice(1)) await redis.call('CLUSTER', 'MEET', host, String(port));
  });

  let last = '';
  while (Date.now() < deadline) {
    const states = await Promise.all(ports.map((port) => withNode(port, (redis) => nodeState(redis, ports))));
    const trouble = states.find((s) => s !== 'ok');
    if (!trouble) return;
    last = trouble;
    await sleep(50);
  }
  throw new Error(`the Redis Cluster did not come up in time: ${last}`);
}

/** 'ok', or what is still wrong as this node sees it. */
async function nodeState(redis: Redis, ports: number[]): Promise<string> {
  const info = String(await redis.call('CLUSTER', 'INFO'));
  const field = (name: string) => new RegExp(`^${name}:(\\S+)`, 'm').exec(info)?.[1];
  if (field('cluster_state') !== 'ok') return `${redis.options.port}: cluster_state ${field('cluster_state')}`;
  if (Number(field('cluster_known_nodes')) !== ports.length) return `${redis.options.port}: knows ${field('cluster_known_nodes')} nodes`;
  if (Number(field('cluster_slots_assigned')) !== slots) return `${redis.options.port}: ${field('cluster_slots_assigned')} slots assigned`;

  // Every slot served, each range by one of our nodes, as this node sees it.
  const ranges = (await redis.call('CLUSTER', 'SLOTS')) as [number, number, [string, number, ...unknown[]], ...unknown[]][];
  const sorted = ranges.map(([from, to, [ip, port]]) => ({ from, to, ip, port })).sort((a, b) => a.from - b.from);
  let next = 0;
  for (const range of sorted) {
    if (range.from !== next) return `${redis.options.port}: slot ${next} not served`;
    if (range.ip !== host || !ports.includes(Number(range.port))) return `${redis.options.port}: slots ${range.from}-${range.to} at ${range.ip}:${range.port}`;
    next = range.to + 1;
  }
  if (next !== slots) return `${redis.options.port}: slots from ${next} not served`;
  const masters = new Set(sorted.map((r) => r.port));
  if (masters.size !== ports.length) return `${redis.options.port}: slots on ${masters.size} masters`;
  return 'ok';
}

/** A short-lived plain connection to one node (no retries: the caller polls). */
async function withNode<T>(port: number, work: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis({ host, port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  redis.on('error', () => {}); // reported by the command that fails
  try {
    await redis.connect();
    return await work(redis);
  } finally {
    redis.disconnect();
  }
}

/** A port below 55000 that is free on loopback, as is its cluster bus port, and not already chosen. */
async function freePort(taken: number[]): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = await listenOn(0);
    if (port === null || port >= highestPort || taken.includes(port) || taken.includes(port + busOffset) || taken.includes(port - busOffset)) continue;
    if ((await listenOn(port + busOffset)) === null) continue;
    return port;
  }
  throw new Error('no free port pair (port, port + 10000) on 127.0.0.1');
}

/** Binds a server to the port (0: any), closes it, and returns the port; null if it was taken. */
function listenOn(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(null));
    server.listen({ port, host, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : null;
      server.close(() => resolve(bound));
    });
  });
}

/** SIGTERM, then SIGKILL if the process has not exited within the grace period. */
async function terminate(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const killed = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)))]);
  clearTimeout(timer);
  if (!killed) {
    child.kill('SIGKILL');
    await exited;
  }
  running.delete(child);
}

/** On exit (and on a signal nobody else handles), SIGKILL every server still running. */
function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  const killAll = () => {
    for (const child of running) {
      try {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    }
    running.clear();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    dirs.clear();
  };
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAll();
      // If nobody else ends the process for it (vitest does, at once), end it as the signal would have.
      setTimeout(() => {
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      }, 100);
    });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
