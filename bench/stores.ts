// The shared servers the Redis and PostgreSQL rows use. Everything the bench creates there has a
// random name and is registered for removal before it exists, so a failed or interrupted run
// leaves nothing behind (and never touches what parallel test runs keep there).
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

export const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** An existing database to connect to for CREATE/DROP DATABASE. */
export const postgresUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const removals: { what: string; run: () => Promise<void> }[] = [];

const suffix = () => randomBytes(6).toString('hex');

/** Resolves once `p` has finished either way. */
const settled = (p: Promise<unknown>) => p.then(() => undefined, () => undefined);

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function withRedis<T>(work: (redis: Redis) => Promise<T>): Promise<T> {
  // No retries: a missing Redis should fail the run at once, not hang it.
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, retryStrategy: () => null, lazyConnect: true });
  await redis.connect();
  try {
    return await work(redis);
  } finally {
    redis.disconnect();
  }
}

/** A fresh, empty database `miaosha_bench_<random>`; its URL. Dropped (with force) by removeStores. */
export async function freshDatabase(): Promise<string> {
  const name = `miaosha_bench_${suffix()}`;
  const created = withClient(postgresUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  // The drop waits for the create, so an interrupt in between can't leave the database behind.
  removals.push({
    what: `database ${name}`,
    run: () =>
      settled(created)
        .then(() => withClient(postgresUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)))
        .then(() => undefined),
  });
  await created;
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function query<R extends pg.QueryResultRow>(url: string, text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
  return withClient(url, (c) => c.query<R>(text, values));
}

/** A Redis counter `miaosha-bench:<random>:stock` set to `units`; its key. Deleted by removeStores. */
export async function redisCounter(units: number): Promise<string> {
  const key = `miaosha-bench:${suffix()}:stock`;
  const created = withRedis((r) => r.set(key, units));
  removals.push({ what: `Redis key ${key}`, run: () => settled(created).then(() => withRedis((r) => r.del(key))).then(() => undefined) });
  await created;
  return key;
}

/** A Redis key prefix `miaosha-bench:<random>:` for a server's keys; they are deleted by removeStores. */
export function redisPrefix(): string {
  const prefix = `miaosha-bench:${suffix()}:`;
  removals.push({
    what: `Redis keys ${prefix}*`,
    run: () =>
      withRedis(async (r) => {
        let cursor = '0';
        do {
          const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
          if (keys.length > 0) await r.unlink(...keys);
          cursor = next;
        } while (cursor !== '0');
      }),
  });
  return prefix;
}

export async function redisGet(key: string): Promise<string | null> {
  return withRedis((r) => r.get(key));
}

/** Drops every database and key created so far; a failure is reported, not thrown, so the rest still go. */
export async function removeStores(): Promise<void> {
  for (const { what, run } of removals.splice(0).reverse()) {
    try {
      await run();
    } catch (error) {
      console.error(`    could not remove ${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
