import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { RedisClient } from '../hotstore/redisScripts.js';

const lua = (name: string) => readFileSync(new URL(`./lua/${name}.lua`, import.meta.url), 'utf8');
const scripts = {
  miaoshaLease: { numberOfKeys: 1, lua: lua('lease') },
  miaoshaUnlease: { numberOfKeys: 1, lua: lua('unlease') },
};

interface LeaseCommands {
  miaoshaLease(key: string, token: string, ms: number): Promise<number>;
  miaoshaUnlease(key: string, token: string): Promise<number>;
}

/**
 * A lease in Redis: held by one process at a time, lost if not renewed. Work that must not run twice
 * at once across nodes (rebuilding an item's stock) and numbers that must be unique (order-id node
 * numbers) are guarded by one.
 */
export class Lease {
  private readonly redis: RedisClient & LeaseCommands;
  private readonly token = randomBytes(9).toString('base64url');
  private timer: NodeJS.Timeout | null = null;
  private onLost: (() => void) | null = null;

  constructor(
    redis: RedisClient,
    readonly key: string,
    private readonly ms: number,
  ) {
    for (const [name, definition] of Object.entries(scripts)) redis.defineCommand(name, definition);
    this.redis = redis as RedisClient & LeaseCommands;
  }

  /** Takes it if free (or already ours); true if we hold it. */
  async take(): Promise<boolean> {
    return (await this.redis.miaoshaLease(this.key, this.token, this.ms)) === 1;
  }

  /** Renews it a few times per lease period; `onLost` (once) if someone else holds it by then. */
  keep(onLost: () => void): void {
    this.onLost = onLost;
    this.timer = setInterval(() => this.renew(), Math.max(100, Math.floor(this.ms / 4)));
    this.timer.unref();
  }

  /** Renews it now (say, as soon as Redis is back after an outage longer than the lease). */
  renew(): void {
    if (!this.timer) return;
    this.take().then(
      (held) => {
        if (held || !this.timer) return;
        clearInterval(this.timer);
        this.timer = null;
        this.onLost?.();
      },
      () => {}, // Redis unreachable: try again next time; the lease lasts a few renewals
    );
  }

  async release(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.redis.miaoshaUnlease(this.key, this.token).catch(() => {});
  }
}

/**
 * The first free order-id node number (1..99) under a lease, for a node started without
 * MIAOSHA_NODE_ID. Two live nodes never share one, so their order ids never collide.
 */
export async function claimNodeNumber(redis: RedisClient, prefix: string, ms = 30_000): Promise<{ node: number; lease: Lease }> {
  for (let node = 1; node <= 99; node++) {
    const lease = new Lease(redis, `${prefix}node:${node}`, ms);
    if (await lease.take()) return { node, lease };
  }
  throw new Error('all 99 order-id node numbers are taken; set MIAOSHA_NODE_ID or retire stopped nodes');
}
