import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.js';
import type { RedisSettings } from '../../src/scaled/connection.js';
import { emptyHotStore } from '../../src/scaled/reset.js';
import { type Platform, type PlatformOptions, startPlatform } from '../../src/platform.js';

/**
 * Every suite that touches storage runs on each: PGlite in process (embedded), the PostgreSQL server,
 * and the scaled deployment (Redis hot store and order pipeline, PostgreSQL server) on one Redis and
 * on a 3-master Redis Cluster (started once per run, test/support/globalSetup.ts).
 */
export const backends = ['pglite', 'postgres', 'redis', 'cluster'] as const;

/** The backends of the scaled deployment. */
export const scaledBackends = ['redis', 'cluster'] as const;
export const isScaled = (backend: Backend) => backend === 'redis' || backend === 'cluster';
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

/** A migrated database of either kind with nothing else: for stores kept by the database alone. */
export async function openTestDatabase(kind: 'pglite' | 'postgres'): Promise<{ db: Database; close: () => Promise<void> }> {
  const fresh = kind === 'postgres' ? await freshServerDatabase() : null;
  const db = await openDatabase(fresh ? { url: fresh.url } : {});
  await db.migrate();
  return {
    db,
    async close() {
      await db.close();
      await fresh?.drop();
    },
  };
}

export const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Redis settings for a scaled backend, under a prefix of its own: the servers are shared by the run. */
export function redisFor(backend: 'redis' | 'cluster'): Required<Pick<RedisSettings, 'prefix'>> & RedisSettings {
  const prefix = `miaosha-test:${randomBytes(6).toString('hex')}:`;
  if (backend === 'redis') return { url: redisUrl, prefix };
  return { clusterNodes: inject('redisCluster').map((n) => `${n.host}:${n.port}`), prefix };
}

/** Deletes a platform's Redis keys, and only those. */
export function dropRedisKeys(settings: RedisSettings): Promise<void> {
  return emptyHotStore(settings);
}

export const adminToken = 'test-operator-token';

export interface TestPlatform {
  platform: Platform;
  /** The PostgreSQL server database (undefined on PGlite). */
  databaseUrl?: string;
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
  if (backend === 'redis' || backend === 'cluster') {
    const settings = redisFor(backend);
    redis = settings;
    const dropDatabase = drop;
    drop = async () => {
      await dropDatabase();
      await dropRedisKeys(settings);
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
    databaseUrl: options.databaseUrl ?? databaseUrl,
    admin: { authorization: `Bearer ${adminToken}` },
    async close() {
      await platform.close();
      await drop();
    },
  };
}

/** Several API nodes of one scaled deployment, in this process: one database, one Redis prefix. */
export async function startScaledNodes(
  count: number,
  backend: 'redis' | 'cluster' = 'redis',
  options: PlatformOptions = {},
): Promise<{ nodes: Platform[]; admin: { authorization: string }; close(): Promise<void> }> {
  const fresh = await freshServerDatabase();
  const redis = redisFor(backend);
  const nodes: Platform[] = [];
  try {
    for (let i = 0; i < count; i++) {
      nodes.push(
        await startPlatform({
          databaseUrl: fresh.url,
          redis,
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
    await dropRedisKeys(redis);
    throw error;
  }
  return {
    nodes,
    admin: { authorization: `Bearer ${adminToken}` },
    async close() {
      await Promise.all(nodes.map((node) => node.close()));
      await fresh.drop();
      await dropRedisKeys(redis);
    },
  };
}
