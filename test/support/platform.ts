import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { type Platform, type PlatformOptions, startPlatform } from '../../src/platform.js';

/**
 * Every suite that touches storage runs on each: PGlite in process (embedded), the PostgreSQL server,
 * and the scaled deployment (Redis hot store and order pipeline, PostgreSQL server).
 */
export const backends = ['pglite', 'postgres', 'redis'] as const;
export type Backend = (typeof backends)[number];

export const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh, empty database on the local PostgreSQL server; dropped by the returned function. */
export async function freshServerDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `miaosha_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The local Redis is shared: each platform works under a prefix of its own, deleted afterwards. */
export async function dropRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}

export const adminToken = 'test-operator-token';

export interface TestPlatform {
  platform: Platform;
  admin: { authorization: string };
  close(): Promise<void>;
}

export async function startTestPlatform(backend: Backend, options: PlatformOptions = {}): Promise<TestPlatform> {
  let drop = async () => {};
  let databaseUrl: string | undefined;
  let redis: PlatformOptions['redis'];
  if (backend !== 'pglite') {
    const fresh = await freshServerDatabase();
    databaseUrl = fresh.url;
    drop = fresh.drop;
  }
  if (backend === 'redis') {
    const prefix = `miaosha-test:${randomBytes(6).toString('hex')}:`;
    redis = { url: redisUrl, prefix };
    const dropDatabase = drop;
    drop = async () => {
      await dropDatabase();
      await dropRedisKeys(prefix);
    };
  }
  const platform = await startPlatform({
    databaseUrl,
    adminToken,
    tokenSecret: 'test-secret',
    payment: { latencyMs: 1, timeoutMs: 2000 },
    shopperRate: { perSecond: 0, burst: 0 },
    redis,
    ...options,
  });
  return {
    platform,
    admin: { authorization: `Bearer ${adminToken}` },
    async close() {
      await platform.close();
      await drop();
    },
  };
}

/** Several API nodes of one scaled deployment, in this process: one database, one Redis prefix. */
export async function startScaledNodes(count: number, options: PlatformOptions = {}): Promise<{ nodes: Platform[]; admin: { authorization: string }; close(): Promise<void> }> {
  const fresh = await freshServerDatabase();
  const prefix = `miaosha-test:${randomBytes(6).toString('hex')}:`;
  const nodes: Platform[] = [];
  try {
    for (let i = 0; i < count; i++) {
      nodes.push(
        await startPlatform({
          databaseUrl: fresh.url,
          redis: { url: redisUrl, prefix },
          adminToken,
          tokenSecret: 'test-secret',
          payment: { latencyMs: 1, timeoutMs: 2000 },
          shopperRate: { perSecond: 0, burst: 0 },
          ...options,
        }),
      );
    }
  } catch (error) {
    await Promise.all(nodes.map((node) => node.close()));
    await fresh.drop();
    await dropRedisKeys(prefix);
    throw error;
  }
  return {
    nodes,
    admin: { authorization: `Bearer ${adminToken}` },
    async close() {
      await Promise.all(nodes.map((node) => node.close()));
      await fresh.drop();
      await dropRedisKeys(prefix);
    },
  };
}
