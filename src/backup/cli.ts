import type { DatabaseOptions } from '../db/database.js';
import { backup } from './backup.js';
import { BackupError } from './format.js';
import { type RestoreSummary, restore } from './restore.js';

const total = (rows: Record<string, number>) => Object.values(rows).reduce((a, b) => a + b, 0);

/** `miaosha backup FILE`: the database (DATABASE_URL, or the embedded --data DIR) into FILE. */
export async function backupCommand(file: string | undefined, source: DatabaseOptions): Promise<void> {
  if (!file) throw new BackupError('usage: miaosha backup FILE [--data DIR]');
  const summary = await backup(source, file);
  console.log(
    `backup of the ${summary.source} database written to ${file}: ${Object.keys(summary.rows).length} tables, ` +
      `${total(summary.rows)} rows (${summary.rows.orders ?? 0} orders), schema ${summary.schema}`,
  );
}

/**
 * `miaosha restore FILE [--force]`: replace the database (DATABASE_URL, or --data DIR) with FILE's
 * contents. `rebuildHotStore`: the scaled deployment's, in Redis, which outlives restarts; the other
 * deployments keep the hot store in memory and rebuild it from the database at every start.
 */
export async function restoreCommand(
  file: string | undefined,
  target: DatabaseOptions,
  force: boolean,
  rebuildHotStore?: () => Promise<void>,
): Promise<RestoreSummary> {
  if (!file) throw new BackupError('usage: miaosha restore FILE [--data DIR] [--force]');
  const summary = await restore(target, file, { force });
  console.log(
    `${file} restored into the ${summary.target} database: ${Object.keys(summary.rows).length} tables, ` +
      `${total(summary.rows)} rows (${summary.rows.orders ?? 0} orders), schema ${summary.schema}`,
  );
  if (rebuildHotStore) {
    await rebuildHotStore();
    console.log('hot store: rebuilt in Redis from the restored database');
  } else {
    console.log('hot store: rebuilt at next start');
  }
  return summary;
}
