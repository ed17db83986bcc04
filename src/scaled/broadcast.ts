import { randomBytes } from 'node:crypto';
import type { RedisClient } from '../hotstore/redisScripts.js';
import { subscriberOf } from './connection.js';

export interface BroadcastHandlers {
  /** Another node saw an item sell out (0) or come back on sale. */
  stock(itemId: string, remaining: number): void;
  /** Another node changed campaigns, sessions or items. */
  catalog(): void;
}

/**
 * What one API node tells the others, over Redis pub/sub: sold-out and back-on-sale, so every node
 * refuses a sold-out item without a Redis trip; and catalog changes, so an item an operator added or
 * paused on one node is known to all. Pub/sub may drop a message (a reconnect): the stock figures are
 * also refreshed on a timer and the catalog is reloaded on a miss, so nothing depends on one message.
 */
export class Broadcast {
  private readonly self = randomBytes(6).toString('hex');
  private readonly stockChannel: string;
  private readonly catalogChannel: string;

  private constructor(
    private readonly publisher: RedisClient,
    private readonly subscriber: RedisClient,
    prefix: string,
  ) {
    this.stockChannel = `${prefix}stock`;
    this.catalogChannel = `${prefix}catalog`;
  }

  static async start(redis: RedisClient, prefix: string, handlers: BroadcastHandlers): Promise<Broadcast> {
    const subscriber = await subscriberOf(redis);
    const broadcast = new Broadcast(redis, subscriber, prefix);
    subscriber.on('message', (channel: string, message: string) => broadcast.receive(channel, message, handlers));
    await subscriber.subscribe(broadcast.stockChannel, broadcast.catalogChannel);
    return broadcast;
  }

  stock(itemId: string, remaining: number): void {
    // Best effort: a lost announcement costs other nodes one Redis trip each, not a wrong answer.
    this.publisher.publish(this.stockChannel, `${itemId} ${remaining} ${this.self}`).catch(() => {});
  }

  catalog(): Promise<unknown> {
    return this.publisher.publish(this.catalogChannel, this.self);
  }

  close(): void {
    this.subscriber.disconnect();
  }

  private receive(channel: string, message: string, handlers: BroadcastHandlers): void {
    if (channel === this.stockChannel) {
      // Not this node's own news: by the time it comes back, this node may have seen later figures.
      const [itemId, remaining, from] = message.split(' ');
      const units = Number(remaining);
      if (itemId && Number.isInteger(units) && from !== this.self) handlers.stock(itemId, units);
    } else if (channel === this.catalogChannel && message !== this.self) {
      handlers.catalog();
    }
  }
}
