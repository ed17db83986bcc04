import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { ReservationRecord, ReserveOutcome } from '../../src/hotstore/hotstore.js';

/** The local Redis; its db 0 is shared, so every run works under a prefix of its own. */
export const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function connect(): Redis {
  return new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 1 });
}

/** Letters, digits and colons only: nothing a SCAN pattern would read as a wildcard. */
export function runPrefix(): string {
  return `miaosha-test:${process.pid}${randomBytes(4).toString('hex')}:`;
}

/** Deletes this run's keys, and only those. */
export async function dropKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

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
