import type { Redis } from 'ioredis';
import { type RedisSettings, connectRedis } from './connection.js';

/**
 * Deletes every key of the deployment's prefix — stock, holdings, answers, streams, leases — on every
 * master. After a restore the hot store describes a database that no longer exists; once emptied, the
 * next node to start rebuilds it from the restored one. Stop the nodes first.
 */
export async function emptyHotStore(settings: RedisSettings): Promise<number> {
  const redis = await connectRedis(settings);
  const prefix = settings.prefix ?? 'miaosha:';
  let deleted = 0;
  try {
    const masters: Redis[] = 'nodes' in redis && typeof redis.nodes === 'function' && settings.clusterNodes?.length ? redis.nodes('master') : [redis as Redis];
    for (const master of masters) {
      let cursor = '0';
      do {
        const [next, keys] = await master.scan(cursor, 'MATCH', `${escapeGlob(prefix)}*`, 'COUNT', 1000);
        // One key at a time: on a cluster, keys of one UNLINK must share a slot.
        for (const key of keys) deleted += await master.unlink(key);
        cursor = next;
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/** A prefix is matched literally, not as a pattern. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}
