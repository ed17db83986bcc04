import { readFileSync } from 'node:fs';
import type { Cluster, Redis } from 'ioredis';

export type RedisClient = Redis | Cluster;

function lua(name: string): string {
  return readFileSync(new URL(`./lua/${name}.lua`, import.meta.url), 'utf8');
}

/** The hot store's Lua scripts, one a file in ./lua, each with the number of keys it takes. */
export const hotStoreScripts = {
  miaoshaReserve: { numberOfKeys: 4, lua: lua('reserve') },
  miaoshaClaimAndReserve: { numberOfKeys: 5, lua: lua('reserve') },
  miaoshaRelease: { numberOfKeys: 2, lua: lua('release') },
  miaoshaClaimKey: { numberOfKeys: 1, lua: lua('claim_key') },
  miaoshaLoadStock: { numberOfKeys: 1, lua: lua('load_stock') },
  miaoshaLoadHolding: { numberOfKeys: 1, lua: lua('load_holding') },
  miaoshaLoadAnswer: { numberOfKeys: 1, lua: lua('load_answer') },
  // A limit key split over buckets (redisBuckets.ts).
  miaoshaBucketReserve: { numberOfKeys: 6, lua: lua('bucket_reserve') },
  miaoshaBucketTake: { numberOfKeys: 2, lua: lua('bucket_take') },
  miaoshaBucketSettle: { numberOfKeys: 5, lua: lua('bucket_settle') },
  miaoshaBucketPut: { numberOfKeys: 1, lua: lua('bucket_put') },
  miaoshaBucketLoadStock: { numberOfKeys: 2, lua: lua('bucket_load_stock') },
} as const;

type Arg = string | number;
export type ReserveReply = [code: string, remaining: number, answer?: string];
/** bucket_reserve.lua: the third element is the answer (REPLAY), the units taken (CLAIMED) or the bucket count loaded (BUCKETS). */
export type BucketReserveReply = [code: string, remaining: number, extra?: string | number];
export type BucketTakeReply = [code: 'TOOK' | 'LOST' | 'BUCKETS', taken: number, remaining: number, loadedWith?: string];
export type BucketSettleReply = [code: 'RESERVED' | 'SOLD_OUT' | 'ABORTED' | 'GONE', remaining: number];

/** The scripts as commands on a client (ioredis `defineCommand`: EVALSHA, EVAL on NOSCRIPT). */
export interface HotStoreCommands {
  miaoshaReserve(stock: string, holdings: string, answers: string, reservations: string, ...argv: Arg[]): Promise<ReserveReply>;
  miaoshaClaimAndReserve(stock: string, holdings: string, answers: string, reservations: string, shopperKeys: string, ...argv: Arg[]): Promise<ReserveReply>;
  miaoshaRelease(stock: string, holdings: string, itemId: string, userId: string, quantity: number): Promise<number>;
  miaoshaClaimKey(shopperKeys: string, idempotencyKey: string, request: string): Promise<'CLAIMED' | 'SAME' | 'REUSED'>;
  miaoshaLoadStock(stock: string, itemId: string, units: number, mode?: 'SET' | 'NX'): Promise<number>;
  miaoshaLoadHolding(holdings: string, userId: string, units: number): Promise<number>;
  miaoshaLoadAnswer(answers: string, userId: string, idempotencyKey: string, answer: string): Promise<number>;
  miaoshaBucketReserve(
    stock: string,
    holdings: string,
    answers: string,
    reservations: string,
    claims: string,
    buckets: string,
    ...argv: Arg[]
  ): Promise<BucketReserveReply>;
  miaoshaBucketTake(stock: string, buckets: string, itemId: string, wanted: number, bucketCount: number): Promise<BucketTakeReply>;
  miaoshaBucketSettle(
    stock: string,
    holdings: string,
    answers: string,
    reservations: string,
    claims: string,
    mode: 'FINISH' | 'ABORT',
    ...argv: Arg[]
  ): Promise<BucketSettleReply>;
  miaoshaBucketPut(stock: string, itemId: string, units: number): Promise<number>;
  miaoshaBucketLoadStock(stock: string, buckets: string, itemId: string, units: number, mode: 'SET' | 'NX', bucketCount: number): Promise<number>;
}

/** Defines the scripts on a client (once per client is enough; defining again is harmless). */
export function defineHotStoreCommands(client: RedisClient): RedisClient & HotStoreCommands {
  for (const [name, definition] of Object.entries(hotStoreScripts)) client.defineCommand(name, definition);
  return client as RedisClient & HotStoreCommands;
}
