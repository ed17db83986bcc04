import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// CI asks for a JSON report to print its one-line summary.
const report = process.env.MIAOSHA_TEST_REPORT;

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Each file gets its own databases; two at a time keeps a 2-core machine responsive.
    maxWorkers: 2,
    reporters: report ? ['default', 'json'] : ['default'],
    outputFile: report ? { json: report } : undefined,
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['test/**/*.test.ts'],
          // One 3-master Redis Cluster for the run (tests: inject('redisCluster')), and the web app
          // built once for the browser tests.
          globalSetup: ['test/support/globalSetup.ts'],
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'web',
          include: ['test/web/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['test/web/setup.ts'],
        },
      },
    ],
  },
});
