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
 * so this concentrates little; the hottest single item is bounded by one node — unless its limit key
 * is split over buckets in several slots (below).
 *
 * The shopper's keys hash lives in the shopper's slot. An Idempotency-Key is per shopper, not per
 * item, and the reserve step cannot see keys used on other limit keys, so a key is first bound to
 * its request there (claim_key.lua), then the reserve step runs in the limit key's slot. It also
 * lets `recall` find an answer knowing only the shopper and the key.
 *
 * Hot limit keys split over buckets (redisBuckets.ts). A limit key with K > 1 buckets has K copies of
 * the four keys above, each under a hash tag of its own, so each in its own slot:
 *
 *   bucket 0        PREFIX{LIMITKEY}:…          the keys above, unchanged
 *   bucket i ≥ 1    PREFIX{LIMITKEY%bi.N}:…     (`%` only ever appears in a tagged name as %25, %7B
 *                                               or %7D, so no limit key's own tag can hold `%b`)
 *
 * plus, in every bucket, `:claims` (hash, userId -> the shopper's buy attempts in progress there) and
 * `:buckets` (the K the bucket was loaded with). Each bucket holds its share of the stock of every
 * item of the limit key; a shopper's holding, answers and reservations live in the shopper's *home
 * bucket* only, `homeBucket(userId, K)`: one place per shopper and limit key, so the per-user limit and
 * the idempotency of a key stay exact, while K buckets share the shoppers of a hot item between them.
 *
 * N is the first number that puts bucket i's slot where the buckets spread evenly around the 16384
 * slots: bucket 0's slot plus 1/2 of the ring for bucket 1, 1/4 for bucket 2, then 3/4, 1/8, 5/8, …
 * (i's bits reversed), each within 1/64 of the ring. Masters serve contiguous slot ranges, so with
 * masters of equal shares every master gets a bucket once the widest gap is narrower than a share:
 * four buckets cover three masters, eight up to seven. Plain hashing would leave it to chance:
 * `item:hot`'s four buckets would have had three on one master of three. The tag of bucket i does not
 * depend on K.
 */
export interface LimitKeys {
  stock: string;
  holdings: string;
  answers: string;
  reservations: string;
}

/** A bucket's keys: the limit keys' four, plus the attempts in progress and the K it was loaded with. */
export interface BucketKeys extends LimitKeys {
  claims: string;
  buckets: string;
}

/** The most buckets a limit key may have: an attempt whose home bucket is empty may visit them all. */
export const maxBuckets = 64;

export class HotKeys {
  constructor(
    readonly prefix = 'miaosha:',
    /** Buckets of a limit key (redisBuckets.ts); 1, the default, is the layout above. */
    private readonly bucketsOfLimitKey: (limitKey: string) => number = () => 1,
  ) {
    // A brace in the prefix would become the hash tag and put everything in one slot.
    if (/[{}]/.test(prefix)) throw new Error('the key prefix may not contain { or }');
  }

  /** The keys of one limit key: one hash tag, one slot. For a limit key in buckets: bucket 0's. */
  limit(limitKey: string): LimitKeys {
    const base = `${this.prefix}{${tagged(limitKey)}}`;
    return {
      stock: `${base}:stock`,
      holdings: `${base}:holdings`,
      answers: `${base}:answers`,
      reservations: `${base}:reservations`,
    };
  }

  /** How many buckets the limit key is split over (1: not split). */
  bucketsOf(limitKey: string): number {
    const buckets = this.bucketsOfLimitKey(limitKey);
    if (!Number.isInteger(buckets) || buckets < 1 || buckets > maxBuckets) {
      throw new Error(`${limitKey}: ${buckets} buckets; a limit key has 1 to ${maxBuckets}`);
    }
    return buckets;
  }

  /** The keys of bucket `bucket` of a limit key: one hash tag, one slot (bucket 0: the limit key's own). */
  bucket(limitKey: string, bucket: number): BucketKeys {
    const base = `${this.prefix}{${bucketTag(limitKey, bucket)}}`;
    return {
      stock: `${base}:stock`,
      holdings: `${base}:holdings`,
      answers: `${base}:answers`,
      reservations: `${base}:reservations`,
      claims: `${base}:claims`,
      buckets: `${base}:buckets`,
    };
  }

  /** Where a shopper's holding, answers and reservations under a limit key are: their home bucket's keys. */
  home(limitKey: string, userId: string): BucketKeys {
    return this.bucket(limitKey, homeBucket(userId, this.bucketsOf(limitKey)));
  }

  /** Every reservation stream of a limit key: one, or one per bucket. The order pipeline drains them all. */
  streams(limitKey: string): string[] {
    return Array.from({ length: this.bucketsOf(limitKey) }, (_, bucket) => this.bucket(limitKey, bucket).reservations);
  }

  /** The Idempotency-Keys a shopper has used, each bound to its request. */
  shopperKeys(userId: string): string {
    return `${this.prefix}{user:${tagged(userId)}}:keys`;
  }
}

/**
 * A shopper's home bucket among K: FNV-1a (32 bits) of the user id's UTF-8 bytes, mod K. Stable
 * across processes and releases — it is where the shopper's holding is, so it must never change
 * while the limit key has K buckets.
 */
export function homeBucket(userId: string, buckets: number): number {
  if (buckets === 1) return 0;
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(userId, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % buckets;
}

const tags = new Map<string, string>(); // limitKey NUL bucket → its hash tag (a search: kept)

/** The hash tag of a limit key's bucket (layout above). */
export function bucketTag(limitKey: string, bucket: number): string {
  const own = tagged(limitKey);
  if (bucket === 0) return own;
  const cacheKey = `${limitKey}\0${bucket}`;
  let tag = tags.get(cacheKey);
  if (tag === undefined) {
    const window = slots / maxBuckets;
    const start = (slotOfTag(own) + reversedBits(bucket) * window) % slots;
    const stem = `${own}%b${bucket}.`;
    const crcOfStem = crc16(0, Buffer.from(stem, 'utf8'));
    for (let n = 0; ; n++) {
      const digits = String(n);
      let crc = crcOfStem;
      for (let d = 0; d < digits.length; d++) crc = ((crc << 8) & 0xffff) ^ crc16Table[((crc >> 8) ^ digits.charCodeAt(d)) & 0xff];
      if (((crc % slots) - start + slots) % slots < window) {
        tag = stem + digits;
        break;
      }
    }
    if (tags.size >= 10_000) tags.clear();
    tags.set(cacheKey, tag);
  }
  return tag;
}

const slots = 16_384;

/** 0 → 0, 1 → 32, 2 → 16, 3 → 48, 4 → 8, …: i's six bits (maxBuckets = 64) in reverse order. */
function reversedBits(i: number): number {
  let reversed = 0;
  for (let bit = 0; bit < 6; bit++) reversed |= ((i >> bit) & 1) << (5 - bit);
  return reversed;
}

/** The Redis Cluster slot of a key whose hash tag is `tag`: CRC16 (XMODEM) of its UTF-8 bytes, mod 16384. */
export function slotOfTag(tag: string): number {
  return crc16(0, Buffer.from(tag, 'utf8')) % slots;
}

/** CRC16/XMODEM of `bytes`, continuing from `crc` (0 to start). */
function crc16(crc: number, bytes: Uint8Array): number {
  for (const byte of bytes) crc = ((crc << 8) & 0xffff) ^ crc16Table[((crc >> 8) ^ byte) & 0xff];
  return crc;
}

const crc16Table = Array.from({ length: 256 }, (_, n) => {
  let crc = n << 8;
  for (let k = 0; k < 8; k++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  return crc;
});

/** Braces end a hash tag early; escape them (and the escape character) so every name is one tag. */
function tagged(name: string): string {
  return name.replace(/[%{}]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
