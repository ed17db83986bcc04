/**
 * The embedded database's own thread. PGlite is PostgreSQL compiled to WebAssembly and runs
 * synchronously; here it runs beside the HTTP event loop instead of on it, so a group commit of a
 * few hundred order rows never stalls requests.
 */
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { parentPort, workerData } from 'node:worker_threads';
import type { Reply, Request } from './workerProtocol.js';

const { dataDir, migrationsFolder } = workerData as { dataDir?: string; migrationsFolder: string };
const port = parentPort!;
const db = await PGlite.create(dataDir);

async function handle(request: Request): Promise<Reply> {
  try {
    switch (request.kind) {
      case 'query': {
        const result = await db.query(request.sql, request.params, request.arrays ? { rowMode: 'array' } : undefined);
        return { id: request.id, ok: true, rows: result.rows as unknown[] };
      }
      case 'migrate':
        await migrate(drizzle(db), { migrationsFolder });
        return { id: request.id, ok: true, rows: [] };
      case 'close':
        await db.close();
        return { id: request.id, ok: true, rows: [] };
    }
  } catch (error) {
    const e = error as { message?: string; code?: string };
    return { id: request.id, ok: false, error: { message: e.message ?? String(error), code: e.code } };
  }
}

port.on('message', (request: Request) => {
  void handle(request).then((reply) => {
    port.postMessage(reply);
    if (request.kind === 'close') port.close();
  });
});
port.postMessage({ id: 0, ok: true, rows: [] } satisfies Reply); // ready
