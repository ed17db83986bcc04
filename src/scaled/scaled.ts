import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Catalog } from '../campaigns/catalog.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { type Item, limitKeyOf } from '../domain/item.js';
import type { ReservationRecord } from '../hotstore/hotstore.js';
import { RedisHotStore } from '../hotstore/redis.js';
import { bucketsByLimitKey } from '../hotstore/redisBuckets.js';
import type { RedisClient } from '../hotstore/redisScripts.js';
import type { Metrics } from '../observe/metrics.js';
import { StreamPipeline } from '../orders/streamPipeline.js';
import { reservationsOf } from '../orders/unwrittenReservation.js';
import { succeedsWithin } from '../settle.js';
import { Broadcast } from './broadcast.js';
import { type RedisSettings, connectRedis } from './connection.js';
import { type Lease, claimNodeNumber } from './lease.js';
import { HotStoreRecovery } from './recovery.js';

export interface ScaledOptions {
  settings: RedisSettings;
  db: Database;
  catalog: Catalog;
  clock: Clock;
  metrics: () => Metrics;
  logger: Logger | false;
  /** The order-id node number, if configured; otherwise one is leased from Redis. */
  nodeId?: number;
  /** How often each node re-reads the stock of items on sale now (sales by other nodes); default 500. */
  stockRefreshMs?: number;
  /** Stream entries pending this long at a dead node are taken over; default 30000. */
  claimIdleMs?: number;
  /** Hot items whose stock is split over buckets in several slots: item id → bucket count. */
  hotItemBuckets?: ReadonlyMap<string, number>;
  /** The node's order-id number changed (its lease was lost). */
  onRenumber?: (nodeId: number) => void;
}

/** The Redis side of the scaled deployment, one per API node. */
export interface Scaled {
  settings: RedisSettings;
  redis: RedisClient;
  hot: RedisHotStore;
  pipeline: StreamPipeline;
  recovery: HotStoreRecovery;
  broadcast: Broadcast;
  nodeId: number;
  /** Every reservation granted to the shopper, written or not. */
  granted(userId: string): Promise<ReservationRecord[]>;
  /** One pass of the order pipeline: what is in the streams now becomes rows (a failed pass is left to the loop). */
  catchUp(): Promise<void>;
  /** Streams that may hold reservations not yet written. */
  streams(all?: boolean): string[];
  start(): void;
  close(): Promise<void>;
}

/** Items whose session is on sale around now: the ones whose stock the nodes keep in step. */
function onSaleAround(catalog: Catalog, now: number, marginMs: number): Item[] {
  const items: Item[] = [];
  for (const session of catalog.sessions.values()) {
    if (session.startsAt - marginMs <= now && now < session.endsAt + marginMs) items.push(...catalog.itemsOf(session.id));
  }
  return items;
}

/**
 * How many buckets each limit key's stock is split over (1: not split). Every node must use the same
 * setting; a bucket refuses a node that counts differently.
 */
function bucketCounts(catalog: Catalog, perItem: ReadonlyMap<string, number> = new Map()): (limitKey: string) => number {
  if (perItem.size === 0) return () => 1;
  const known = new Map<string, number>();
  return (limitKey) => {
    const count = known.get(limitKey);
    if (count !== undefined) return count;
    const items = [...catalog.items.values()].filter((item) => limitKeyOf(item) === limitKey);
    // An item being created is not in the catalog yet: its own id decides, and nothing is remembered.
    if (items.length === 0) return perItem.get(limitKey.replace(/^item:/, '')) ?? 1;
    const counted = bucketsByLimitKey(perItem, items).get(limitKey) ?? 1;
    known.set(limitKey, counted);
    return counted;
  };
}

export async function startScaled(options: ScaledOptions): Promise<Scaled> {
  const { db, catalog, clock, logger } = options;
  const prefix = options.settings.prefix ?? 'miaosha:';
  const redis = await connectRedis(options.settings);
  let recovery: HotStoreRecovery | undefined;
  let broadcast: Broadcast | undefined;
  const hot = new RedisHotStore(redis, {
    prefix,
    bucketsOf: bucketCounts(catalog, options.hotItemBuckets),
    announce: (itemId, remaining) => broadcast?.stock(itemId, remaining),
    onLost: (limitKey) => recovery?.lost(limitKey),
  });
  recovery = new HotStoreRecovery(db, catalog, hot, redis, prefix, {
    onRecovered: (limitKey, items) => logger && logger.warn({ limitKey, items }, 'hot store: lost stock rebuilt from the database'),
    onError: (error) => logger && logger.error({ err: error }, 'hot store: recovery failed'),
  });
  broadcast = await Broadcast.start(redis, prefix, {
    stock: (itemId, remaining) => hot.heard(itemId, remaining),
    catalog: () => void catalog.reload(db).catch((error) => logger && logger.warn({ err: error }, 'catalog reload failed')),
  });
  catalog.shareWith(db);

  let lease: Lease | null = null;
  let nodeId = options.nodeId;
  // A node cut off from Redis longer than its lease may find its number taken by a newer node: it
  // moves to a free one at once, so two live nodes do not make the same order ids for long.
  const keepNumber = (held: Lease) =>
    held.keep(() => {
      if (logger) logger.error({ nodeId }, 'order-id node number lease lost to another node; taking another');
      claimNodeNumber(redis, prefix).then(
        (next) => {
          lease = next.lease;
          nodeId = next.node;
          scaled.nodeId = next.node;
          options.onRenumber?.(next.node);
          keepNumber(next.lease);
        },
        (error) => logger && logger.error({ err: error }, 'no free order-id node number'),
      );
    });
  if (nodeId === undefined) {
    const claimed = await claimNodeNumber(redis, prefix);
    nodeId = claimed.node;
    lease = claimed.lease;
    keepNumber(lease);
    redis.on('ready', () => lease?.renew()); // back after an outage: check the number before selling on
  }

  let pass = 0;
  const streams = (all = false): string[] => {
    // Recent sessions every pass; every item on the first pass and about once a minute after, for
    // entries left by a long outage.
    const items = all || pass++ % 1200 === 0 ? [...catalog.items.values()] : onSaleAround(catalog, clock.now(), 10 * 60_000);
    return [...new Set(items.flatMap((item) => hot.keys.streams(limitKeyOf(item))))];
  };
  const pipeline = new StreamPipeline(redis, db, {
    streams,
    consumer: `node-${nodeId}-${randomBytes(4).toString('hex')}`,
    claimIdleMs: options.claimIdleMs,
    onBatch: (_stream, size, ms) => {
      options.metrics().commitBatch.observe(size);
      options.metrics().commitSeconds.observe(ms / 1000);
    },
    onDeadLetter: (letter) => {
      options.metrics().deadLetters.inc();
      if (logger) logger.error({ stream: letter.stream, entry: letter.id, reason: letter.reason, deadLetterStream: letter.deadLetterStream }, 'reservation dead-lettered');
    },
    onError: (error) => logger && logger.warn({ err: error }, 'order pipeline pass failed'),
  });

  let refresher: NodeJS.Timeout | null = null;
  const refresh = () => {
    const items = onSaleAround(catalog, clock.now(), 60_000).map((item) => ({ itemId: item.id, limitKey: limitKeyOf(item) }));
    if (items.length > 0) hot.refresh(items).catch(() => {}); // Redis down: the buy attempts report it
  };

  const scaled: Scaled = {
    settings: options.settings,
    redis,
    hot,
    pipeline,
    recovery,
    broadcast,
    nodeId,
    granted: (userId) => reservationsOf(redis, hot.keys, userId),
    // Bounded: a caller (a sweep, an operator route, a shutdown) must not hang on a Redis that does not answer.
    catchUp: async () => void (await succeedsWithin(pipeline.drainOnce(), 5_000)),
    streams,
    start() {
      pipeline.start();
      refresher = setInterval(refresh, options.stockRefreshMs ?? 500);
      refresher.unref();
    },
    async close() {
      if (refresher) clearInterval(refresher);
      await pipeline.stop();
      broadcast.close();
      if (lease) await succeedsWithin(lease.release(), 2_000);
      redis.disconnect();
    },
  };
  return scaled;
}
