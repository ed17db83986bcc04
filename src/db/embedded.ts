import { drizzle } from 'drizzle-orm/pg-proxy';
import { Worker } from 'node:worker_threads';
import type { Database, Orm } from './database.js';
import * as schema from './schema.js';
import type { Command, Reply, Request } from './workerProtocol.js';

/** An error from the embedded database, with PostgreSQL's SQLSTATE code like a server's. */
class EmbeddedDatabaseError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

type Pending = { resolve: (rows: unknown[]) => void; reject: (error: Error) => void };

/**
 * PGlite in a worker thread (src/db/pgliteWorker.ts). Queries travel as messages; PostgreSQL
 * runs them one at a time, in order, as a single connection would.
 */
export async function openEmbedded(dataDir: string | undefined, migrationsFolder: string): Promise<Database> {
  // The worker runs TypeScript too: it registers tsx's loader, then loads the database thread.
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./pgliteWorker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { dataDir, migrationsFolder } });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let failure: Error | null = null;

  const ready = new Promise<void>((resolve, reject) => {
    pending.set(0, { resolve: () => resolve(), reject });
  });
  worker.on('message', (reply: Reply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.rows);
    else waiting.reject(new EmbeddedDatabaseError(reply.error.message, reply.error.code));
  });
  const fail = (error: Error) => {
    failure = error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the embedded database stopped (exit ${code})`)));
  await ready;

  function send<T>(command: Command): Promise<T[]> {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve: resolve as (rows: unknown[]) => void, reject });
      worker.postMessage({ ...command, id } satisfies Request);
    });
  }

  const orm = drizzle(
    async (sql, params, method) => ({ rows: await send({ kind: 'query', sql, params, arrays: method === 'all' }) }),
    { schema },
  ) as unknown as Orm;

  return {
    kind: 'pglite',
    orm,
    query: <Row>(sql: string, params: unknown[] = []) => send<Row>({ kind: 'query', sql, params, arrays: false }),
    async migrate() {
      await send({ kind: 'migrate' });
    },
    async close() {
      if (failure) return;
      await send({ kind: 'close' });
      await worker.terminate();
    },
  };
}
