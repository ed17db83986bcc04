import type { TestProject } from 'vitest/node';
// @ts-expect-error -- a plain .mjs helper shared with `npm start`
import { buildIfStale } from '../../web/buildIfStale.mjs';
import { startRedisCluster } from './redisCluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Redis Cluster's masters, started once for the whole run (test/support/redisCluster.ts). */
    redisCluster: { host: string; port: number }[];
  }
}

/** One Redis Cluster for the whole run (`inject('redisCluster')`); the web app built for browser tests. */
export default async function setup({ provide }: TestProject): Promise<() => Promise<void>> {
  await buildIfStale({ quiet: true });
  const cluster = await startRedisCluster({ masters: 3 });
  provide('redisCluster', cluster.nodes);
  return () => cluster.stop();
}
