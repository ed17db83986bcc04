import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { type Database, type DatabaseOptions, type Query, inTransaction, openDatabase } from '../db/database.js';
import {
  type BackupHeader,
  BackupError,
  type EndLine,
  FORMAT,
  type TableHeader,
  type TableInfo,
  VERSION,
  appliedSchema,
  describeTables,
  ident,
} from './format.js';

/** Rows fetched from the cursor, and written, at a time. */
const PAGE = 1000;

export interface BackupSummary {
  file: string;
  schema: string;
  source: 'postgres' | 'pglite';
  rows: Record<string, number>;
}

/**
 * Writes a backup of the database at `source` to `file` (format: ./format.ts).
 * A PostgreSQL server may be serving meanwhile: the backup is one snapshot. An embedded data folder
 * opens in one process only: back it up with the server stopped.
 */
export async function backup(source: DatabaseOptions, file: string): Promise<BackupSummary> {
  if (!source.url) {
    if (!source.dataDir) throw new BackupError('nothing to back up: set DATABASE_URL or give --data DIR');
    // Opening a folder that holds no database would create an empty one.
    if (!existsSync(join(source.dataDir, 'PG_VERSION'))) throw new BackupError(`no embedded database in ${source.dataDir}`);
  }
  const db = await openDatabase(source);
  try {
    return await backupDatabase(db, file);
  } finally {
    await db.close();
  }
}

/** Writes a backup of an open database to `file`; see `backup`. */
export async function backupDatabase(db: Database, file: string): Promise<BackupSummary> {
  // Written beside the target, then renamed over it: a crash never leaves half a backup under `file`.
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  let handle;
  try {
    handle = await open(temporary, 'wx', 0o600); // it holds the token secret
  } catch (error) {
    throw new BackupError(`cannot write ${file}: ${(error as Error).message}`);
  }
  try {
    const out = handle;
    const write = (lines: string[]) => out.write(lines.join('\n') + '\n');
    // One snapshot for every table: an order and its payment are in the backup together, or neither.
    const summary = await inTransaction(db, 'begin isolation level repeatable read read only', async (query) => {
      const schema = await appliedSchema(query);
      if (!schema) throw new BackupError('the database has no miaosha tables (never migrated): nothing to back up');
      const header: BackupHeader = { format: FORMAT, version: VERSION, createdAt: new Date().toISOString(), schema, source: db.kind };
      await write([JSON.stringify(header)]);
      const rows: Record<string, number> = {};
      for (const table of await describeTables(query)) rows[table.name] = await copyTable(query, table, write);
      const end: EndLine = { end: { rows } };
      await write([JSON.stringify(end)]);
      return { file, schema, source: db.kind, rows };
    });
    await out.sync();
    await out.close();
    handle = undefined;
    await rename(temporary, file);
    await syncFolder(dirname(file));
    return summary;
  } catch (error) {
    await handle?.close().catch(() => {});
    await rm(temporary, { force: true });
    throw error;
  }
}

/** One table through a cursor, `PAGE` rows at a time; each row serialised to a JSON array by PostgreSQL. */
async function copyTable(query: Query, table: TableInfo, write: (lines: string[]) => Promise<unknown>): Promise<number> {
  const header: TableHeader = { table: table.name, columns: table.columns.map((c) => c.name), types: table.columns.map((c) => c.type) };
  await write([JSON.stringify(header)]);
  const values = table.columns.map((c) => exported(c.name, c.type)).join(', ');
  const order = table.primaryKey.length > 0 ? ` order by ${table.primaryKey.map(ident).join(', ')}` : '';
  await query(`declare miaosha_backup no scroll cursor for select json_build_array(${values})::text as line from ${ident(table.name)}${order}`);
  let count = 0;
  for (;;) {
    const page = await query<{ line: string }>(`fetch ${PAGE} from miaosha_backup`);
    if (page.length === 0) break;
    await write(page.map((r) => r.line));
    count += page.length;
  }
  await query('close miaosha_backup');
  return count;
}

/** How a column's value goes into the file: JSON-safe and exact (a bigint would lose digits as a JSON number). */
function exported(column: string, type: string): string {
  const c = ident(column);
  const finite = (iso: string) => `case when isfinite(${c}) then ${iso} else ${c}::text end`; // ±infinity as is
  if (/^timestamp(\(\d\))? with time zone$/.test(type)) return finite(`to_char(${c} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);
  if (/^timestamp(\(\d\))? without time zone$/.test(type)) return finite(`to_char(${c}, 'YYYY-MM-DD"T"HH24:MI:SS.US')`);
  if (/^(integer|smallint|boolean|text|character varying(\(\d+\))?|json|jsonb|double precision|real)$/.test(type)) return c;
  return `${c}::text`; // bigint, numeric, date, uuid, …: their text form
}

async function syncFolder(folder: string): Promise<void> {
  try {
    const dir = await open(folder, 'r');
    await dir.sync().finally(() => dir.close());
  } catch {
    // not every file system lets a folder be synced; the rename itself is done
  }
}
