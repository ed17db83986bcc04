import type { TestProject } from 'vitest/node';
import { startRedisCluster } from './redisCluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Redis Cluster's masters, started once for the whole run (test/support/redisCluster.ts). */
    redisCluster: { host: string; port: number }[];
  }
}

/** One Redis Cluster for the whole run; tests reach it with `inject('redisCluster')`. */
export default async function setup({ provide }: TestProject): Promise<() => Promise<void>> {
  const cluster = await startRedisCluster({ masters: 3 });
  provide('redisCluster', cluster.nodes);
  return () => cluster.stop();
}
