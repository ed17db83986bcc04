import { randomBytes } from 'node:crypto';
import { Cluster, Redis } from 'ioredis';
import { deleteKeysUnder } from '../../src/scaled/reset.js';
import { inject } from 'vitest';
import type { ReservationRecord, ReserveOutcome } from '../../src/hotstore/hotstore.js';
import type { RedisClient } from '../../src/hotstore/redisScripts.js';

/** The local Redis; its db 0 is shared, so every run works under a prefix of its own. */
export const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function connect(): Redis {
  return new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 1 });
}

/** A client of a Redis Cluster given its masters (the run's own: `inject('redisCluster')`). */
export function connectCluster(nodes: { host: string; port: number }[]): Cluster {
  return new Cluster(nodes, { redisOptions: { maxRetriesPerRequest: 1 }, slotsRefreshTimeout: 2_000 });
}

/** Where a Redis test can run: the local Redis, and the 3-master cluster the run started (test/support/globalSetup.ts). */
export interface RedisTarget {
  name: 'redis' | 'cluster';
  connect(): RedisClient;
}

export const redisTarget: RedisTarget = { name: 'redis', connect };
export const clusterTarget: RedisTarget = { name: 'cluster', connect: () => connectCluster(inject('redisCluster')) };

/** For `describe.each(targets)('… on $name', ({ connect }) => …)`. */
export const targets: RedisTarget[] = [redisTarget, clusterTarget];

/** Letters, digits and colons only: nothing a SCAN pattern would read as a wildcard. */
export function runPrefix(): string {
  return `miaosha-test:${process.pid}${randomBytes(4).toString('hex')}:`;
}

/** Deletes this run's keys, and only those (on every master of a cluster). */
export const dropKeys = deleteKeysUnder;

let nextOrder = 1;
export function record(fields: Partial<ReservationRecord> = {}): ReservationRecord {
  const n = nextOrder++;
  return {
    orderId: `17639000001230${String(n).padStart(5, '0')}`,
    userId: 'u1',
    sessionId: 's1',
    itemId: 'i1',
    limitKey: 'item:i1',
    quantity: 1,
    unitPrice: 100,
    idempotencyKey: `key-${n}`,
    payBefore: 1_763_900_900_123,
    createdAt: 1_763_900_000_123,
    ...fields,
  };
}

export function granted(outcome: ReserveOutcome) {
  if (!outcome.ok) throw new Error(`expected a reservation, got ${outcome.code}`);
  return outcome;
}
