import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { RedisHotStore } from '../../src/hotstore/redis.js';
import type { RedisClient } from '../../src/hotstore/redisScripts.js';
import { StreamPipeline } from '../../src/orders/streamPipeline.js';
import { record } from '../hotstore/redisKit.js';
import { dropRedisKeys, freshServerDatabase, redisUrl } from '../support/platform.js';

const prefix = `miaosha-test:${randomBytes(6).toString('hex')}:`;
const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
let drop = async () => {};
afterAll(async () => {
  redis.disconnect();
  await dropRedisKeys({ url: redisUrl, prefix });
  await drop();
});

it('writes entries whose read reply was lost (Redis died after running it) without waiting for a claim', async () => {
  const fresh = await freshServerDatabase();
  drop = fresh.drop;
  const db = await openDatabase({ url: fresh.url });
  await db.migrate();
  const hot = new RedisHotStore(redis, { prefix });
  await hot.loadStock({ itemId: '1', remaining: 10 });
  const stream = hot.keys.limit('item:1').reservations;

  // Redis runs XREADGROUP … '>' (the entries are now pending at this consumer), then the connection
  // drops before the reply arrives: the caller sees an error, as when Redis crashes or a network blips.
  let loseNextReply = false;
  const flaky = new Proxy(redis, {
    get(target, prop) {
      if (prop === 'xreadgroup') {
        return async (...args: unknown[]) => {
          const reply = await (target.xreadgroup as (...a: unknown[]) => Promise<unknown>)(...args);
          if (loseNextReply && args[args.length - 1] === '>' && reply) {
            loseNextReply = false;
            throw new Error('Connection is closed.');
          }
          return reply;
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as unknown as RedisClient;

  const pipeline = new StreamPipeline(flaky, db, { streams: () => [stream], consumer: 'node-1-test', claimIdleMs: 30_000 });
  await pipeline.drainOnce(); // creates the group; the stream is empty, so it is "clean" for this consumer
  await hot.reserve({ record: record({ userId: '7', sessionId: '1', itemId: '1', limitKey: 'item:1' }), perUserLimit: 1 });
  loseNextReply = true;
  await expect(pipeline.drainOnce()).rejects.toThrow('Connection is closed.');
  expect(Number(((await redis.xpending(stream, 'orders')) as [number])[0])).toBe(1); // pending at this very consumer

  // The next passes, with Redis fine again, write it: not 30 s later, when XAUTOCLAIM would take it back.
  for (let i = 0; i < 5; i++) await pipeline.drainOnce();
  const rows = await db.query<{ n: number }>('select count(*)::int as n from orders');
  await db.close();
  expect(rows[0].n).toBe(1);
});
