import { Cluster, type Redis } from 'ioredis';
import type { RedisClient } from '../hotstore/redisScripts.js';
import { type RedisSettings, connectRedis } from './connection.js';

/**
 * Deletes every key of the deployment's prefix — stock, holdings, answers, streams, leases — on every
 * master. After a restore the hot store describes a database that no longer exists; once emptied, the
 * next node to start rebuilds it from the restored one. Stop the nodes first.
 */
export async function emptyHotStore(settings: RedisSettings): Promise<void> {
  const redis = await connectRedis(settings);
  try {
    await deleteKeysUnder(redis, settings.prefix ?? 'miaosha:');
  } finally {
    redis.disconnect();
  }
}

/** Deletes the keys that start with `prefix` (taken literally), on every master of a cluster. */
export async function deleteKeysUnder(redis: RedisClient, prefix: string): Promise<void> {
  if (redis instanceof Cluster && redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  const masters: Redis[] = redis instanceof Cluster ? redis.nodes('master') : [redis];
  await Promise.all(
    masters.map(async (master) => {
      let cursor = '0';
      do {
        const [next, keys] = await master.scan(cursor, 'MATCH', `${escapeGlob(prefix)}*`, 'COUNT', 1000);
        // One UNLINK a key, pipelined: on a cluster, the keys of one UNLINK must share a slot.
        if (keys.length > 0) {
          const pipeline = master.pipeline();
          for (const key of keys) pipeline.unlink(key);
          const failed = ((await pipeline.exec()) ?? []).find(([error]) => error);
          if (failed) throw failed[0];
        }
        cursor = next;
      } while (cursor !== '0');
    }),
  );
}

/** A prefix is matched literally, not as a pattern. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}
