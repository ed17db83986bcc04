import { readFileSync } from 'node:fs';
import type { Cluster, Redis } from 'ioredis';

export type RedisClient = Redis | Cluster;

function lua(name: string): string {
  return readFileSync(new URL(`./lua/${name}.lua`, import.meta.url), 'utf8');
}

/** The hot store's Lua scripts, one a file in ./lua, each with the number of keys it takes. */
export const hotStoreScripts = {
  miaoshaReserve: { numberOfKeys: 4, lua: lua('reserve') },
  miaoshaRelease: { numberOfKeys: 2, lua: lua('release') },
  miaoshaClaimKey: { numberOfKeys: 1, lua: lua('claim_key') },
  miaoshaLoadStock: { numberOfKeys: 1, lua: lua('load_stock') },
  miaoshaLoadHolding: { numberOfKeys: 1, lua: lua('load_holding') },
  miaoshaLoadAnswer: { numberOfKeys: 1, lua: lua('load_answer') },
} as const;

type Arg = string | number;
export type ReserveReply = [code: string, remaining: number, answer?: string];

/** The scripts as commands on a client (ioredis `defineCommand`: EVALSHA, EVAL on NOSCRIPT). */
export interface HotStoreCommands {
  miaoshaReserve(stock: string, holdings: string, answers: string, reservations: string, ...argv: Arg[]): Promise<ReserveReply>;
  miaoshaRelease(stock: string, holdings: string, itemId: string, userId: string, quantity: number): Promise<number>;
  miaoshaClaimKey(shopperKeys: string, idempotencyKey: string, request: string): Promise<'CLAIMED' | 'SAME' | 'REUSED'>;
  miaoshaLoadStock(stock: string, itemId: string, units: number, mode?: 'SET' | 'NX'): Promise<number>;
  miaoshaLoadHolding(holdings: string, userId: string, units: number): Promise<number>;
  miaoshaLoadAnswer(answers: string, userId: string, idempotencyKey: string, answer: string): Promise<number>;
}

/** Defines the scripts on a client (once per client is enough; defining again is harmless). */
export function defineHotStoreCommands(client: RedisClient): RedisClient & HotStoreCommands {
  for (const [name, definition] of Object.entries(hotStoreScripts)) client.defineCommand(name, definition);
  return client as RedisClient & HotStoreCommands;
}
