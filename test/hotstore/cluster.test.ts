import { Redis } from 'ioredis';
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ReserveOutcome } from '../../src/hotstore/hotstore.js';
import { RedisHotStore } from '../../src/hotstore/redis.js';
import { hotStoreScripts } from '../../src/hotstore/redisScripts.js';
import { connectCluster, dropKeys, granted, record, runPrefix } from './redisKit.js';

/** What only a Redis Cluster can show: the harness itself, and the hot store's keys spread over slots and masters. */
const prefix = runPrefix();
const nodes = inject('redisCluster');
let cluster: Cluster;
let test = 0;

beforeAll(() => {
  cluster = connectCluster(nodes);
});

afterAll(async () => {
  await dropKeys(cluster, prefix);
  cluster.disconnect();
});

const store = () => new RedisHotStore(cluster, { prefix: `${prefix}t${++test}:` });

const keySlot = async (key: string) => Number(await cluster.cluster('KEYSLOT', key));

/** The port of the master serving each slot, as CLUSTER SLOTS says. */
async function slotOwners(): Promise<number[]> {
  const owners = new Array<number>(16_384);
  for (const [from, to, [, port]] of await cluster.cluster('SLOTS')) owners.fill(port, from, to + 1);
  return owners;
}

/** Items `${stem}0`, `${stem}1`, … until `count` of them are found, each on a master none of the earlier ones is on while there are masters left. */
async function itemsOnDistinctMasters(hot: RedisHotStore, count: number, stem = 'i'): Promise<{ itemId: string; slot: number; port: number }[]> {
  const owners = await slotOwners();
  const found: { itemId: string; slot: number; port: number }[] = [];
  for (let n = 0; found.length < count && n < 1_000; n++) {
    const itemId = `${stem}${n}`;
    const slot = await keySlot(hot.keys.limit(`item:${itemId}`).stock);
    const port = owners[slot];
    const used = new Set(found.map((f) => f.port));
    if (used.has(port) && used.size < nodes.length) continue;
    if (found.some((f) => f.slot === slot)) continue;
    found.push({ itemId, slot, port });
  }
  expect(found).toHaveLength(count);
  return found;
}

describe('the test Redis Cluster', () => {
  it('has 3 masters, no replicas, all 16384 slots served, and every node agrees', async () => {
    expect(nodes).toHaveLength(3);
    expect(new Set(nodes.map((n) => n.port)).size).toBe(3);
    for (const { host, port } of nodes) {
      expect(host).toBe('127.0.0.1');
      expect(port).toBeLessThan(55_000);
    }

    await cluster.ping();
    expect(cluster.nodes('master').map((n) => n.options.port).sort()).toEqual(nodes.map((n) => n.port).sort());
    expect(cluster.nodes('slave')).toEqual([]);

    for (const { host, port } of nodes) {
      const node = new Redis({ host, port, maxRetriesPerRequest: 1 });
      try {
        const info = await node.cluster('INFO');
        expect(info).toMatch(/^cluster_state:ok\r?$/m);
        expect(info).toMatch(/^cluster_slots_assigned:16384\r?$/m);
        expect(info).toMatch(/^cluster_slots_ok:16384\r?$/m);
        expect(info).toMatch(/^cluster_known_nodes:3\r?$/m);
        expect(info).toMatch(/^cluster_size:3\r?$/m);
        expect(await node.info('replication')).toMatch(/^role:master\r?$/m);

        const ranges = (await node.cluster('SLOTS'))
          .map(([from, to, [ip, owner]]) => ({ from, to, ip, owner }))
          .sort((a, b) => a.from - b.from);
        let next = 0;
        for (const range of ranges) {
          expect(range.from).toBe(next);
          expect(range.ip).toBe('127.0.0.1');
          next = range.to + 1;
        }
        expect(next).toBe(16_384);
        expect(new Set(ranges.map((r) => r.owner)).size).toBe(3);
      } finally {
        node.disconnect();
      }
    }
  });

  it('refuses a script whose keys span two slots: why every key of a step carries one hash tag', async () => {
    const hot = store();
    const [a, b] = await itemsOnDistinctMasters(hot, 2);
    const { lua, numberOfKeys } = hotStoreScripts.miaoshaRelease;
    const keys = [hot.keys.limit(`item:${a.itemId}`).stock, hot.keys.limit(`item:${b.itemId}`).holdings];
    await expect(cluster.eval(lua, numberOfKeys, ...keys, a.itemId, 'u1', 1)).rejects.toThrow(/^CROSSSLOT/);
  });
});

describe('RedisHotStore on the cluster', () => {
  it('keeps each item’s keys in one slot, different items in different slots (and masters), and reserves on both', async () => {
    const hot = store();
    const [one, two] = await itemsOnDistinctMasters(hot, 2);
    expect(one.slot).not.toBe(two.slot);
    expect(one.port).not.toBe(two.port);

    for (const { itemId, slot } of [one, two]) {
      const keys = hot.keys.limit(`item:${itemId}`);
      for (const key of Object.values(keys)) expect(await keySlot(key)).toBe(slot);
    }

    for (const { itemId, port } of [one, two]) {
      await hot.loadStock({ itemId, remaining: 2 });
      const attempt = record({ userId: 'u1', itemId, limitKey: `item:${itemId}`, idempotencyKey: `k-${itemId}` });
      const outcome = granted(await hot.reserve({ record: attempt, perUserLimit: 1 }));
      expect(outcome.record).toEqual(attempt);
      expect(hot.remaining(itemId)).toBe(1);
      expect(await hot.recall('u1', attempt.idempotencyKey)).toEqual(attempt);

      // The data is on the master that serves the slot, read there without the cluster client.
      const keys = hot.keys.limit(`item:${itemId}`);
      const owner = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 1 });
      try {
        expect(await owner.hget(keys.stock, itemId)).toBe('1');
        expect(await owner.hget(keys.holdings, 'u1')).toBe('1');
        expect(await owner.xlen(keys.reservations)).toBe(1);
      } finally {
        owner.disconnect();
      }
    }
    // The shopper's keys hash is in its own slot, holding both bindings.
    expect(Object.keys(await cluster.hgetall(hot.keys.shopperKeys('u1'))).sort()).toEqual([`k-${one.itemId}`, `k-${two.itemId}`].sort());
  });

  it('sells exactly each item’s stock: 2,000 concurrent attempts over 4 items on 3 masters', async () => {
    const hot = store();
    const items = await itemsOnDistinctMasters(hot, 4);
    expect(new Set(items.map((i) => i.port)).size).toBe(3);
    const stock = [37, 120, 250, 390];
    for (const [i, { itemId }] of items.entries()) await hot.loadStock({ itemId, remaining: stock[i] });

    // 500 attempts per item from 400 shoppers (some try twice, with another key), limit 1 per item.
    const attempts = Array.from({ length: 2_000 }, (_, n) => {
      const { itemId } = items[n % 4];
      return record({ userId: `s${Math.floor(n / 4) % 400}`, itemId, limitKey: `item:${itemId}`, idempotencyKey: `k${n}` });
    });
    const outcomes: ReserveOutcome[] = await Promise.all(attempts.map((attempt) => hot.reserve({ record: attempt, perUserLimit: 1 })));

    for (const [i, { itemId }] of items.entries()) {
      const mine = outcomes.filter((_, n) => n % 4 === i);
      const wins = mine.flatMap((o) => (o.ok ? [o] : []));
      expect(wins).toHaveLength(stock[i]);
      expect(wins.every((o) => !o.replay && o.record.itemId === itemId)).toBe(true);
      expect(new Set(wins.map((o) => o.record.userId)).size).toBe(stock[i]); // limit 1 held
      expect(mine.filter((o) => !o.ok).every((o) => !o.ok && (o.code === 'SOLD_OUT' || o.code === 'LIMIT_REACHED'))).toBe(true);
      expect(hot.remaining(itemId)).toBe(0);

      const keys = hot.keys.limit(`item:${itemId}`);
      expect(await cluster.hget(keys.stock, itemId)).toBe('0');
      const holdings = Object.values(await cluster.hgetall(keys.holdings)).map(Number);
      expect(holdings.reduce((a, b) => a + b, 0)).toBe(stock[i]);
      expect(Math.max(...holdings)).toBe(1);
      const logged = (await cluster.xrange(keys.reservations, '-', '+')).map(([, fields]) => fields[fields.indexOf('orderId') + 1]);
      expect(logged.sort()).toEqual(wins.map((o) => o.record.orderId).sort());
    }
  });
});
