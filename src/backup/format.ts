/**
 * The backup file format, and what backup and restore both need to know about the database.
 *
 * A backup is JSON lines (UTF-8, one JSON value a line):
 *
 *   {"format":"miaosha-backup","version":1,"createdAt":"2025-…Z","schema":"0000_init","source":"postgres"}
 *   {"table":"settings","columns":["key","value"],"types":["text","text"]}
 *   ["token_secret","…"]                       ← one array a row, in the order of `columns`
 *   {"table":"users","columns":[…],"types":[…]}
 *   …
 *   {"end":{"rows":{"settings":2,"users":5,…}}}
 *
 * Tables come parents first (foreign keys), rows in primary-key order. Values: bigint and numeric as
 * strings, timestamps as ISO-8601 strings (UTC, microseconds), json/jsonb as JSON, other types as
 * JSON numbers, booleans or strings (their PostgreSQL text form). The end line carries each table's
 * row count: a file without it is incomplete and restores nothing.
 */
import { is } from 'drizzle-orm';
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import { readFileSync } from 'node:fs';
import type { Query } from '../db/database.js';
import * as schema from '../db/schema.js';

export const FORMAT = 'miaosha-backup';
export const VERSION = 1;

export interface BackupHeader {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  /** Tag of the latest migration applied to the database backed up, e.g. `0000_init`. */
  schema: string;
  source: 'postgres' | 'pglite';
}

export interface TableHeader {
  table: string;
  columns: string[];
  types: string[];
}

export interface EndLine {
  end: { rows: Record<string, number> };
}

/** A problem with the input (the file, the target): reported on one line, exit code 1. */
export class BackupError extends Error {}

/** Migration tags in order, with drizzle's timestamp for each (what it records as applied). */
export function migrationTags(): { tag: string; when: number }[] {
  const journal = JSON.parse(readFileSync(new URL('../db/migrations/meta/_journal.json', import.meta.url), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  return journal.entries.map((e) => ({ tag: e.tag, when: e.when }));
}

/**
 * The durable store's tables: every table schema.ts declares (the migrations are generated from it;
 * a test checks that the migrations create no other). Drizzle's own bookkeeping lives in the
 * `drizzle` schema and is not among them.
 */
export function storeTables(): string[] {
  return Object.values(schema)
    .filter((value) => is(value, PgTable))
    .map((table) => getTableConfig(table as PgTable).name)
    .sort();
}

export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

export interface TableInfo {
  name: string;
  columns: { name: string; type: string }[];
  primaryKey: string[];
  /** Columns whose default comes from a sequence (identity or serial), with that sequence. */
  sequences: { column: string; sequence: string }[];
}

/**
 * The store's tables as the database has them (only those that exist), parents before children.
 * `query` may be inside a transaction: all catalog reads see the same snapshot.
 */
export async function describeTables(query: Query): Promise<TableInfo[]> {
  const wanted = storeTables();
  const names = wanted.map(literal).join(', ');
  const columns = await query<{ table: string; column: string; type: string }>(
    `select c.relname as "table", a.attname as "column", format_type(a.atttypid, a.atttypmod) as "type"
       from pg_attribute a
       join pg_class c on c.oid = a.attrelid
       join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname in (${names})
        and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
      order by c.relname, a.attnum`,
  );
  const keys = await query<{ table: string; column: string }>(
    `select c.relname as "table", a.attname as "column"
       from pg_index i
       join pg_class c on c.oid = i.indrelid
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum = any(i.indkey)
      where n.nspname = 'public' and i.indisprimary and c.relname in (${names})
      order by c.relname, array_position(i.indkey::int2[], a.attnum)`,
  );
  const sequences = await query<{ table: string; column: string; sequence: string }>(
    `select c.relname as "table", a.attname as "column",
            pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname), a.attname) as "sequence"
       from pg_attribute a
       join pg_class c on c.oid = a.attrelid
       join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname in (${names})
        and a.attnum > 0 and not a.attisdropped
        and pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname), a.attname) is not null`,
  );
  const references = await query<{ child: string; parent: string }>(
    `select child.relname as "child", parent.relname as "parent"
       from pg_constraint k
       join pg_class child on child.oid = k.conrelid
       join pg_class parent on parent.oid = k.confrelid
       join pg_namespace n on n.oid = child.relnamespace
      where k.contype = 'f' and n.nspname = 'public' and child.relname in (${names}) and parent.relname <> child.relname`,
  );

  const tables = new Map<string, TableInfo>();
  for (const name of wanted) tables.set(name, { name, columns: [], primaryKey: [], sequences: [] });
  for (const c of columns) tables.get(c.table)!.columns.push({ name: c.column, type: c.type });
  for (const k of keys) tables.get(k.table)!.primaryKey.push(k.column);
  for (const s of sequences) tables.get(s.table)!.sequences.push({ column: s.column, sequence: s.sequence });
  for (const [name, info] of tables) if (info.columns.length === 0) tables.delete(name); // not created (yet)

  // Parents first, so rows restore in file order without deferring foreign keys.
  const parents = new Map<string, Set<string>>([...tables.keys()].map((t) => [t, new Set<string>()]));
  for (const r of references) if (tables.has(r.parent)) parents.get(r.child)?.add(r.parent);
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.size) {
    const next = [...tables.keys()].find((t) => !placed.has(t) && [...parents.get(t)!].every((p) => placed.has(p)));
    if (!next) throw new Error('the store tables reference each other in a cycle; cannot order them');
    placed.add(next);
    ordered.push(tables.get(next)!);
  }
  return ordered;
}

/** The tag of the latest migration the database has applied, or null if it has none. */
export async function appliedSchema(query: Query): Promise<string | null> {
  const [exists] = await query<{ present: boolean }>(`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (!exists.present) return null;
  const [latest] = await query<{ when: string | null }>(`select max(created_at)::text as "when" from drizzle.__drizzle_migrations`);
  if (!latest?.when) return null;
  const known = migrationTags().find((m) => String(m.when) === latest.when);
  if (!known) {
    throw new BackupError(`the database has a migration (${latest.when}) this miaosha does not know: use the miaosha that migrated it`);
  }
  return known.tag;
}
