// Builds the web app into web/dist unless the build is newer than every source file.
// Used before `npm start` and by the test run, so a fresh clone serves pages without a separate step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = fileURLToPath(new URL('.', import.meta.url));

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

export function isStale() {
  const built = join(webDir, 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const sources = ['src', 'index.html', 'vite.config.ts'].map((p) => join(webDir, p));
  const lockfile = join(webDir, '..', 'package-lock.json');
  const latest = Math.max(...sources.map(newest), existsSync(lockfile) ? statSync(lockfile).mtimeMs : 0);
  return statSync(built).mtimeMs < latest;
}

export async function buildIfStale({ quiet = false } = {}) {
  if (!isStale()) return false;
  const { build } = await import('vite');
  // A test runner sets NODE_ENV=test, and Vite would then build React's development code: always
  // build what a visitor gets.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: webDir, configFile: join(webDir, 'vite.config.ts'), mode: 'production', logLevel: quiet ? 'warn' : 'info' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const built = await buildIfStale();
  if (!built) console.log('web app is up to date (web/dist)');
}
