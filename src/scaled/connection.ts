import { Cluster, Redis } from 'ioredis';
import type { RedisClient } from '../hotstore/redisScripts.js';

export interface RedisSettings {
  /** redis://host:port — one Redis. */
  url?: string;
  /** host:port of some Redis Cluster nodes; the rest are discovered. */
  clusterNodes?: string[];
  /** Start of every key. Default `miaosha:`. */
  prefix?: string;
}

/**
 * A command waits for a reconnect once, then fails: a buy attempt during a Redis outage gets a
 * quick 503, not a request hanging until the load balancer gives up.
 */
const commandOptions = { maxRetriesPerRequest: 1, connectTimeout: 2_000 };

/** Connects to the Redis (or Redis Cluster) of the scaled deployment; resolves once it answers. */
export async function connectRedis(settings: RedisSettings): Promise<RedisClient> {
  let client: RedisClient;
  if (settings.clusterNodes && settings.clusterNodes.length > 0) {
    const nodes = settings.clusterNodes.map((node) => {
      const [host, port] = node.replace(/^redis:\/\//, '').split(':');
      return { host, port: Number(port) };
    });
    client = new Cluster(nodes, { lazyConnect: true, redisOptions: commandOptions });
  } else if (settings.url) {
    client = new Redis(settings.url, { lazyConnect: true, ...commandOptions });
  } else {
    throw new Error('the scaled deployment needs REDIS_URL or REDIS_CLUSTER_NODES');
  }
  // ioredis reports connection errors as events as well; the failing commands carry them to callers.
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** A second connection for subscriptions: a subscribed connection can run nothing else. */
export async function subscriberOf(client: RedisClient): Promise<RedisClient> {
  const subscriber = client.duplicate();
  subscriber.on('error', () => {});
  if (subscriber.status === 'wait') await subscriber.connect();
  return subscriber;
}
