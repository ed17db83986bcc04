// npm run bench:web — builds the web app and measures the shopper page's first load (gzipped).
// @ts-expect-error -- plain .mjs helpers shared with `npm start` and the tests
import { buildIfStale } from '../web/buildIfStale.mjs';
// @ts-expect-error -- see above
import { firstLoad } from '../web/firstLoad.mjs';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

await buildIfStale({ quiet: true });
const load = firstLoad() as {
  jsGzipBytes: number;
  cssGzipBytes: number;
  files: string[];
  lazyChunks: { name: string; file: string; gzipBytes: number }[];
};
console.log(`shopper page first load: ${kb(load.jsGzipBytes)} JavaScript + ${kb(load.cssGzipBytes)} CSS, gzipped (target: JavaScript < 200 KB)`);
console.log(`  files: ${load.files.join(', ')}`);
for (const chunk of load.lazyChunks.sort((a, b) => b.gzipBytes - a.gzipBytes)) {
  console.log(`  loaded on demand: ${chunk.name} ${kb(chunk.gzipBytes)}`);
}
