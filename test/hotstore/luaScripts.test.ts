import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hotStoreScripts, type RedisClient } from '../../src/hotstore/redisScripts.js';
import { dropKeys, runPrefix, targets } from './redisKit.js';

/**
 * Each script on its own, by EVAL, with keys written by hand: the scripts are the contract. Every
 * EVAL names keys of one hash tag ({item:i1} or {user:u1}), so each runs on the cluster as well.
 */
const prefix = runPrefix();
let test = 0;

describe.each(targets)('hot store Lua scripts on $name', ({ connect }) => {
  let redis: RedisClient;

  beforeAll(() => {
    redis = connect();
  });

  afterAll(async () => {
    await dropKeys(redis, prefix);
    redis.disconnect();
  });

  const run = (name: keyof typeof hotStoreScripts, keys: string[], ...argv: (string | number)[]) => {
    const { lua, numberOfKeys } = hotStoreScripts[name];
    expect(keys).toHaveLength(numberOfKeys);
    return redis.eval(lua, numberOfKeys, ...keys, ...argv) as Promise<unknown>;
  };

  let stock: string, holdings: string, answers: string, reservations: string, shopperKeys: string;

  beforeEach(() => {
    const base = `${prefix}t${++test}:{item:i1}`;
    [stock, holdings, answers, reservations] = ['stock', 'holdings', 'answers', 'reservations'].map((k) => `${base}:${k}`);
    shopperKeys = `${prefix}t${test}:{user:u1}:keys`;
  });

  /** reserve.lua's arguments for shopper u1 on item i1. */
  const reserve = (idempotencyKey: string, quantity: number, perUserLimit: number, itemId = 'i1') => {
    const answer = JSON.stringify({ orderId: `o-${idempotencyKey}`, itemId, quantity });
    const entry = ['orderId', `o-${idempotencyKey}`, 'itemId', itemId, 'quantity', String(quantity)];
    return run('miaoshaReserve', [stock, holdings, answers, reservations], itemId, 'u1', idempotencyKey, quantity, perUserLimit, answer, '', ...entry);
  };

  it('load_stock.lua sets an item’s units on sale', async () => {
    expect(await run('miaoshaLoadStock', [stock], 'i1', 7)).toBe(7);
    expect(await redis.hget(stock, 'i1')).toBe('7');
    expect(await run('miaoshaLoadStock', [stock], 'i1', 3)).toBe(3);
    expect(await redis.hget(stock, 'i1')).toBe('3');
  });

  it('reserve.lua takes units, counts the holding, keeps the answer and appends one stream entry', async () => {
    await redis.hset(stock, 'i1', 5);
    expect(await reserve('k1', 2, 3)).toEqual(['RESERVED', 3]);
    expect(await redis.hget(stock, 'i1')).toBe('3');
    expect(await redis.hget(holdings, 'u1')).toBe('2');
    expect(JSON.parse((await redis.hget(answers, 'u1\0k1'))!)).toEqual({ orderId: 'o-k1', itemId: 'i1', quantity: 2 });
    const entries = await redis.xrange(reservations, '-', '+');
    expect(entries.map(([, fields]) => fields)).toEqual([['orderId', 'o-k1', 'itemId', 'i1', 'quantity', '2']]);
  });

  it('reserve.lua replays a known key, refuses a reused one, then checks the limit before the stock', async () => {
    await redis.hset(stock, 'i1', 2);
    await reserve('k1', 1, 1);
    const [code, left, answer] = (await reserve('k1', 1, 1)) as [string, number, string];
    expect([code, left]).toEqual(['REPLAY', 1]);
    expect(JSON.parse(answer).orderId).toBe('o-k1');
    expect(await reserve('k1', 2, 5)).toEqual(['IDEMPOTENCY_KEY_REUSED', 1]);
    expect(await reserve('k1', 1, 5, 'i2')).toEqual(['IDEMPOTENCY_KEY_REUSED', -1]);
    expect(await reserve('k2', 1, 1)).toEqual(['LIMIT_REACHED', 1]);
    expect(await reserve('k3', 2, 5)).toEqual(['SOLD_OUT', 1]);
    expect(await reserve('k4', 1, 5, 'never-loaded')).toEqual(['SOLD_OUT', -1]);
    expect(await redis.hget(stock, 'i1')).toBe('1');
    expect(await redis.hget(holdings, 'u1')).toBe('1');
    expect(await redis.xlen(reservations)).toBe(1);
  });

  it('release.lua puts units back and lowers the holding, never below zero', async () => {
    await redis.hset(stock, 'i1', 1);
    await redis.hset(holdings, 'u1', 3);
    expect(await run('miaoshaRelease', [stock, holdings], 'i1', 'u1', 2)).toBe(3);
    expect(await redis.hget(holdings, 'u1')).toBe('1');
    expect(await run('miaoshaRelease', [stock, holdings], 'i1', 'u1', 2)).toBe(5);
    expect(await redis.hexists(holdings, 'u1')).toBe(0);
  });

  it('load_holding.lua sets a holding; zero removes it', async () => {
    expect(await run('miaoshaLoadHolding', [holdings], 'u1', 2)).toBe(2);
    expect(await redis.hget(holdings, 'u1')).toBe('2');
    expect(await run('miaoshaLoadHolding', [holdings], 'u1', 0)).toBe(0);
    expect(await redis.hexists(holdings, 'u1')).toBe(0);
  });

  it('load_answer.lua keeps an answer that reserve.lua then replays', async () => {
    await redis.hset(stock, 'i1', 5);
    const answer = JSON.stringify({ orderId: 'o-old', itemId: 'i1', quantity: 1 });
    expect(await run('miaoshaLoadAnswer', [answers], 'u1', 'old', answer)).toBe(1);
    expect(await redis.hget(answers, 'u1\0old')).toBe(answer);
    expect(await reserve('old', 1, 1)).toEqual(['REPLAY', 5, answer]);
  });

  it('claim_key.lua binds a key to its first request', async () => {
    expect(await run('miaoshaClaimKey', [shopperKeys], 'k', 'i1\x001\x00item:i1')).toBe('CLAIMED');
    expect(await run('miaoshaClaimKey', [shopperKeys], 'k', 'i1\x001\x00item:i1')).toBe('SAME');
    expect(await run('miaoshaClaimKey', [shopperKeys], 'k', 'i2\x001\x00item:i2')).toBe('REUSED');
    expect(await run('miaoshaClaimKey', [shopperKeys], 'k', 'i1\x002\x00item:i1')).toBe('REUSED');
    expect(await redis.hget(shopperKeys, 'k')).toBe('i1\x001\x00item:i1');
  });
});
