import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openEmbedded } from './embedded.js';
import * as schema from './schema.js';

export type Orm = PgDatabase<PgQueryResultHKT, typeof schema, ExtractTablesWithRelations<typeof schema>>;

/**
 * The durable store: PostgreSQL, either in process (PGlite, embedded) or a server (pg pool).
 * `orm` serves ordinary queries; `query` runs hand-written SQL where batching matters.
 */
export interface Database {
  kind: 'pglite' | 'postgres';
  orm: Orm;
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Runs one statement; `Database.query`'s shape. */
export type Query = Database['query'];

export interface DatabaseOptions {
  /** postgres://… for a PostgreSQL server; otherwise PGlite. */
  url?: string;
  /** PGlite data folder; omitted → in memory (tests). PGlite runs in its own thread. */
  dataDir?: string;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openServer(options.url);
  return openEmbedded(options.dataDir, migrationsFolder);
}

async function openServer(url: string): Promise<Database> {
  // A server that does not answer (a dropped route, not a refusal) fails a request after 3 s instead of hanging it.
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10), connectionTimeoutMillis: 3000 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const orm = drizzlePg(pool, { schema }) as unknown as Orm;
  const db: Database = {
    kind: 'postgres',
    orm,
    async query<Row>(text: string, params?: unknown[]) {
      const result = await pool.query(text, params);
      return result.rows as Row[];
    },
    migrate: () => migratePg(orm as never, { migrationsFolder }),
    close: () => (pool.ended ? Promise.resolve() : pool.end()),
  };
  pools.set(db, pool);
  return db;
}

const pools = new WeakMap<Database, pg.Pool>();

/**
 * Runs `work` in one transaction on one connection: `begin` opens it (e.g. `begin isolation level
 * repeatable read read only`), COMMIT follows, ROLLBACK if `work` throws. On a server, one pooled
 * connection is held throughout. Embedded: PGlite is a single connection, so anything else sent on
 * `db` meanwhile would land inside the transaction; use it where nothing else does (backup, restore).
 */
export async function inTransaction<T>(db: Database, begin: string, work: (query: Query) => Promise<T>): Promise<T> {
  const pool = pools.get(db);
  const client = pool ? await pool.connect() : null;
  const query: Query = client
    ? async <Row>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as Row[]
    : db.query;
  let broken: unknown;
  try {
    await query(begin);
    const result = await work(query);
    await query('commit');
    return result;
  } catch (error) {
    await query('rollback').catch((e: unknown) => (broken = e));
    throw error;
  } finally {
    client?.release(broken instanceof Error ? broken : undefined);
  }
}

/** PostgreSQL's unique_violation, whether the driver or the ORM raised it. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return e?.code === '23505' || e?.cause?.code === '23505';
}

/** PostgreSQL's check_violation of a named constraint, from the server or the embedded database. */
export function isCheckViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } } | null;
  const code = e?.code ?? e?.cause?.code;
  const message = `${e?.message ?? ''} ${e?.cause?.message ?? ''}`;
  return code === '23514' && message.includes(constraint);
}
