/**
 * Where the Redis hot store keeps things.
 *
 * The per-user limit is counted per *limit key* (`limitKeyOf` in src/domain/item.ts): `item:ID` for
 * an item on its own, `CAMPAIGN:SKU` for a product offered in several sessions of a campaign. A buy
 * attempt reads and writes the item's stock *and* the shopper's holding under the limit key, so
 * both must be in one Redis Cluster slot for one script to do it atomically. The hash tag is
 * therefore the limit key, not the item:
 *
 *   PREFIX{LIMITKEY}:stock         hash, itemId -> units on sale, for every item of the limit key
 *   PREFIX{LIMITKEY}:holdings      hash, userId -> units held under the limit key
 *   PREFIX{LIMITKEY}:answers       hash, userId NUL idempotencyKey -> reservation record (JSON)
 *   PREFIX{LIMITKEY}:reservations  stream, one entry per reservation granted, all record fields
 *   PREFIX{user:USERID}:keys       hash, idempotencyKey -> itemId NUL quantity NUL limitKey
 *
 * An item with no sku has the limit key `item:ID`, so its keys are `miaosha:{item:ID}:…`. Items that
 * share a sku share one slot, and so one Redis node: the trade-off for a per-user limit that is
 * exact across them without a cross-slot transaction. A campaign's sku spans a handful of sessions,
 * so this concentrates little; the hottest single item is bounded by one node either way (splitting
 * its stock over buckets in several slots is the answer to that, later).
 *
 * The shopper's keys hash lives in the shopper's slot. An Idempotency-Key is per shopper, not per
 * item, and the reserve step cannot see keys used on other limit keys, so a key is first bound to
 * its request there (claim_key.lua), then the reserve step runs in the limit key's slot. It also
 * lets `recall` find an answer knowing only the shopper and the key.
 */
export interface LimitKeys {
  stock: string;
  holdings: string;
  answers: string;
  reservations: string;
}

export class HotKeys {
  constructor(readonly prefix = 'miaosha:') {
    // A brace in the prefix would become the hash tag and put everything in one slot.
    if (/[{}]/.test(prefix)) throw new Error('the key prefix may not contain { or }');
  }

  /** The keys of one limit key: one hash tag, one slot. */
  limit(limitKey: string): LimitKeys {
    const base = `${this.prefix}{${tagged(limitKey)}}`;
    return {
      stock: `${base}:stock`,
      holdings: `${base}:holdings`,
      answers: `${base}:answers`,
      reservations: `${base}:reservations`,
    };
  }

  /** The Idempotency-Keys a shopper has used, each bound to its request. */
  shopperKeys(userId: string): string {
    return `${this.prefix}{user:${tagged(userId)}}:keys`;
  }
}

/** Braces end a hash tag early; escape them (and the escape character) so every name is one tag. */
function tagged(name: string): string {
  return name.replace(/[%{}]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
