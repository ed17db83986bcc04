import { createReadStream, mkdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { type Database, type DatabaseOptions, type Query, inTransaction, openDatabase } from '../db/database.js';
import {
  type BackupHeader,
  BackupError,
  FORMAT,
  type TableInfo,
  VERSION,
  describeTables,
  ident,
  literal,
  migrationTags,
} from './format.js';

/** Rows per INSERT (fewer for wide tables, to stay well under PostgreSQL's 65,535 parameters). */
const BATCH = 1000;

export interface RestoreOptions {
  /** Replace a database that already holds campaigns or orders. */
  force?: boolean;
}

export interface RestoreSummary {
  file: string;
  schema: string;
  target: 'postgres' | 'pglite';
  rows: Record<string, number>;
}

/**
 * Replaces the database at `target` with the backup in `file`: checks the file's header (a bad one
 * changes nothing), migrates the target, then in ONE transaction empties every store table, loads the
 * rows and moves identity sequences past the restored ids. Any failure rolls everything back.
 * A target holding campaigns or orders is refused unless `force`. Stop every server using the
 * target first: a running server's hot store would not know of the change.
 */
export async function restore(target: DatabaseOptions, file: string, options: RestoreOptions = {}): Promise<RestoreSummary> {
  await readHeader(file); // before the target is opened (and, embedded, created)
  if (!target.url) {
    if (!target.dataDir) throw new BackupError('nowhere to restore to: set DATABASE_URL or give --data DIR');
    mkdirSync(target.dataDir, { recursive: true });
  }
  const db = await openDatabase(target);
  try {
    return await restoreDatabase(db, file, options);
  } finally {
    await db.close();
  }
}

/** `restore` into an open database; nothing else may use `db` meanwhile (embedded: one connection). */
export async function restoreDatabase(db: Database, file: string, options: RestoreOptions = {}): Promise<RestoreSummary> {
  const header = await readHeader(file);
  if (!options.force) await refuseNonEmpty(db.query);
  await db.migrate();
  return inTransaction(db, 'begin', async (query) => {
    if (!options.force) await refuseNonEmpty(query); // again, now under the transaction
    const tables = await describeTables(query);
    await query(`truncate table ${tables.map((t) => ident(t.name)).join(', ')}`);
    const rows = await load(query, file, tables);
    for (const table of tables) {
      for (const { column, sequence } of table.sequences) {
        await query(`select setval(${literal(sequence)}, coalesce((select max(${ident(column)}) from ${ident(table.name)}), 0) + 1, false)`);
      }
    }
    return { file, schema: header.schema, target: db.kind, rows };
  });
}

/** The first line of `file`, checked: a miaosha backup this version reads, of a schema it knows. */
export async function readHeader(file: string): Promise<BackupHeader> {
  let first: string;
  try {
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      const text = buffer.subarray(0, bytesRead).toString('utf8');
      const newline = text.indexOf('\n');
      first = newline >= 0 ? text.slice(0, newline) : text;
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new BackupError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let header: Partial<BackupHeader> | null = null;
  try {
    header = JSON.parse(first) as Partial<BackupHeader>;
  } catch {
    // below
  }
  if (!header || typeof header !== 'object' || header.format !== FORMAT) throw new BackupError(`${file} is not a miaosha backup`);
  if (header.version !== VERSION) {
    throw new BackupError(`${file} is a miaosha backup of format version ${String(header.version)}; this miaosha reads version ${VERSION}`);
  }
  const tags = migrationTags().map((m) => m.tag);
  if (typeof header.schema !== 'string' || !tags.includes(header.schema)) {
    throw new BackupError(`${file} was made at schema ${String(header.schema)}, which this miaosha does not know (it knows ${tags.join(', ')})`);
  }
  return header as BackupHeader;
}

/** Non-empty = any campaigns or orders (settings and shoppers alone are what every start creates). */
async function refuseNonEmpty(query: Query): Promise<void> {
  for (const table of ['campaigns', 'orders']) {
    const [{ present }] = await query<{ present: boolean }>(`select to_regclass(${literal(`public.${table}`)}) is not null as present`);
    if (!present) continue;
    const [{ any }] = await query<{ any: boolean }>(`select exists (select 1 from ${ident(table)}) as "any"`);
    if (any) {
      throw new BackupError('the target database is not empty (it has campaigns or orders); restore replaces everything in it: pass --force to do so');
    }
  }
}

interface Loading {
  table: TableInfo;
  columns: { name: string; type: string }[];
  batchSize: number;
  count: number;
}

/** Streams the rows of `file` into the (emptied) tables, a batch per INSERT; returns rows per table. */
async function load(query: Query, file: string, tables: TableInfo[]): Promise<Record<string, number>> {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const counts: Record<string, number> = {};
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  const bad = (line: number, what: string) => new BackupError(`${file} line ${line}: ${what}`);
  let current: Loading | null = null;
  let batch: unknown[][] = [];
  let n = 0;
  let ended = false;

  const flush = async () => {
    if (!current || batch.length === 0) return;
    const { table, columns } = current;
    const params: (string | null)[] = [];
    const tuples = batch.map((row) => {
      const placeholders = row.map((value, i) => {
        params.push(parameter(value, columns[i].type));
        return `$${params.length}::text::${columns[i].type}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    batch = [];
    try {
      await query(
        `insert into ${ident(table.name)} (${columns.map((c) => ident(c.name)).join(', ')}) overriding system value values ${tuples.join(', ')}`,
        params,
      );
    } catch (error) {
      throw new BackupError(`${file}: restoring ${table.name} failed near line ${n}: ${oneLine(error)}`);
    }
  };

  try {
    for await (const line of lines) {
      n++;
      if (n === 1) continue; // the header, checked already
      if (line.trim() === '') continue;
      if (ended) throw bad(n, 'text after the end line');
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw bad(n, 'not a JSON line');
      }
      if (Array.isArray(value)) {
        if (!current) throw bad(n, 'a row before any table line');
        if (value.length !== current.columns.length) throw bad(n, `a row of ${value.length} values; ${current.table.name} has ${current.columns.length} columns`);
        batch.push(value);
        current.count++;
        if (batch.length >= current.batchSize) await flush();
      } else if (isObject(value) && typeof value.table === 'string') {
        await flush();
        current = startTable(value, byName, counts, (what) => bad(n, what));
      } else if (isObject(value) && isObject(value.end)) {
        await flush();
        if (current) counts[current.table.name] = current.count;
        current = null;
        const expected = isObject(value.end.rows) ? value.end.rows : {};
        for (const name of new Set([...Object.keys(expected), ...Object.keys(counts)])) {
          if (expected[name] !== counts[name]) throw bad(n, `the end line promises ${String(expected[name] ?? 0)} rows of ${name}; the file holds ${counts[name] ?? 0}`);
        }
        ended = true;
      } else {
        throw bad(n, 'neither a row, a table line nor the end line');
      }
    }
  } finally {
    lines.close();
    input.destroy();
  }
  if (!ended) throw new BackupError(`${file} is incomplete: it stops at line ${n} without its end line`);
  return counts;

  function startTable(
    value: Record<string, unknown>,
    tablesByName: Map<string, TableInfo>,
    seen: Record<string, number>,
    fail: (what: string) => BackupError,
  ): Loading {
    if (current) seen[current.table.name] = current.count;
    const name = value.table as string;
    const table = tablesByName.get(name);
    if (!table) throw fail(`table ${name} is not a table of this miaosha`);
    if (name in seen) throw fail(`table ${name} appears twice`);
    seen[name] = 0;
    if (!Array.isArray(value.columns) || value.columns.length === 0 || !value.columns.every((c) => typeof c === 'string')) {
      throw fail(`table ${name} without its columns`);
    }
    const columns = (value.columns as string[]).map((c) => {
      const column = table.columns.find((tc) => tc.name === c);
      if (!column) throw fail(`column ${name}.${c} does not exist here`);
      return column;
    });
    if (new Set(value.columns).size !== columns.length) throw fail(`table ${name} lists a column twice`);
    return { table, columns, batchSize: Math.max(1, Math.min(BATCH, Math.floor(30_000 / columns.length))), count: 0 };
  }
}

/** A value from the file as the text PostgreSQL parses into the column's type. */
function parameter(value: unknown, type: string): string | null {
  if (value === null) return null;
  if (type === 'json' || type === 'jsonb') return JSON.stringify(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value); // an array or object into a non-JSON column: PostgreSQL will say what is wrong
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
