import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Platform, type PlatformOptions, startPlatform } from '../../src/platform.js';

/** Every suite that touches storage runs on both: PGlite in process and the PostgreSQL server. */
export const backends = ['pglite', 'postgres'] as const;
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

export const adminToken = 'test-operator-token';

export interface TestPlatform {
  platform: Platform;
  admin: { authorization: string };
  close(): Promise<void>;
}

export async function startTestPlatform(backend: Backend, options: PlatformOptions = {}): Promise<TestPlatform> {
  let drop = async () => {};
  let databaseUrl: string | undefined;
  if (backend === 'postgres') {
    const fresh = await freshServerDatabase();
    databaseUrl = fresh.url;
    drop = fresh.drop;
  }
  const platform = await startPlatform({
    databaseUrl,
    adminToken,
    tokenSecret: 'test-secret',
    payment: { latencyMs: 1, timeoutMs: 2000 },
    shopperRate: { perSecond: 0, burst: 0 },
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
