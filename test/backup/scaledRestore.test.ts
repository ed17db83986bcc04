import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { ShopperApi } from '../support/api.js';
import { dropRedisKeys, freshServerDatabase, redisFor, startTestPlatform } from '../support/platform.js';
import { Operator } from '../support/shop.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../bin/miaosha.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'miaosha-restore-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

it('restore into the scaled deployment rebuilds the Redis hot store from the restored database', async () => {
  // A shop on the scaled deployment sells 3 of 10 units, and is backed up.
  const source = await startTestPlatform('redis');
  cleanups.push(() => source.close());
  const op = new Operator(source.platform.app, source.admin);
  const api = new ShopperApi(source.platform.app);
  const shoppers = await op.shoppers(4, {}, '1393');
  const { sessionId } = await op.session();
  const itemId = await op.item(sessionId, { stock: 10 });
  for (const [i, s] of shoppers.slice(0, 3).entries()) await api.reserved(s.token, sessionId, itemId, `b-${i}`);
  await source.platform.services.scaled!.catchUp();
  const file = join(dir, 'shop.backup');
  await run(process.execPath, [cli, 'backup', file], { env: { ...process.env, DATABASE_URL: source.databaseUrl! } });

  // Restored into another database, for nodes whose Redis prefix still holds a stale hot store.
  const target = await freshServerDatabase();
  cleanups.push(target.drop);
  const redis = redisFor('redis');
  cleanups.push(() => dropRedisKeys(redis));
  const stale = await startTestPlatform('redis', { databaseUrl: target.url, redis });
  const staleShop = new Operator(stale.platform.app, stale.admin);
  expect(await staleShop.item((await staleShop.session()).sessionId, { stock: 50 })).toBe(itemId); // same id, other stock
  await stale.close();
  await run(process.execPath, [cli, 'restore', file, '--force'], {
    env: { ...process.env, DATABASE_URL: target.url, REDIS_URL: redis.url!, MIAOSHA_REDIS_PREFIX: redis.prefix },
  });

  const restored = await startTestPlatform('redis', { databaseUrl: target.url, redis });
  cleanups.push(() => restored.close());
  const again = new ShopperApi(restored.platform.app);
  expect(await again.stock(sessionId, itemId)).toBe(7);
  // The restored orders still count against their shoppers' limits; the fourth shopper can buy.
  expect((await again.reserve(shoppers[0].token, sessionId, itemId, 'again')).json().error.code).toBe('LIMIT_REACHED');
  expect((await again.reserve(shoppers[3].token, sessionId, itemId, 'new')).statusCode).toBe(201);
});
