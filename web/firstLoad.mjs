// What a visitor's browser downloads to show the first page: the entry chunk and every chunk it
// imports statically, gzipped. Lazy chunks (console, dashboard) are listed apart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('./dist/', import.meta.url));

const gzipped = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;

export function firstLoad() {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
  const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
  const seen = new Set();
  const js = [];
  const css = [];
  const lazy = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    js.push(chunk.file);
    for (const file of chunk.css ?? []) css.push(file);
    for (const next of chunk.imports ?? []) visit(next);
    for (const next of chunk.dynamicImports ?? []) lazy.add(next);
  };
  visit(entryKey);
  const lazyChunks = [...lazy]
    .filter((key) => !seen.has(key))
    .map((key) => ({ name: manifest[key].name ?? key, file: manifest[key].file, gzipBytes: gzipped(manifest[key].file) }));
  return {
    jsGzipBytes: js.reduce((sum, file) => sum + gzipped(file), 0),
    cssGzipBytes: css.reduce((sum, file) => sum + gzipped(file), 0),
    files: js,
    lazyChunks,
  };
}
