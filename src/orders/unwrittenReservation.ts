import type { ReservationRecord } from '../hotstore/hotstore.js';
import type { HotKeys } from '../hotstore/redisKeys.js';
import { decodeAnswer, limitKeyOfRequest } from '../hotstore/redisRecords.js';
import type { RedisClient } from '../hotstore/redisScripts.js';

/**
 * Every reservation the Redis hot store granted a shopper, whether or not the order pipeline has
 * written its row yet: what lets `GET /api/orders/:id` and the shopper's order list show an order the
 * moment it was acknowledged.
 *
 * A stream cannot be searched by shopper, but every granted reservation is kept as the answer to its
 * Idempotency-Key: the shopper's keys hash names each key's limit key, whose answers hash holds the
 * record. One HGETALL, then one HMGET per limit key the shopper used — a handful in a sale. The row,
 * once written, is the truth: an answer never learns of a payment or a cancellation.
 */
export async function reservationsOf(redis: RedisClient, keys: HotKeys, userId: string): Promise<ReservationRecord[]> {
  const requests = await redis.hgetall(keys.shopperKeys(userId));
  const fieldsByLimitKey = new Map<string, string[]>();
  for (const [idempotencyKey, request] of Object.entries(requests)) {
    const limitKey = limitKeyOfRequest(request);
    const fields = fieldsByLimitKey.get(limitKey) ?? [];
    fields.push(`${userId}\0${idempotencyKey}`);
    fieldsByLimitKey.set(limitKey, fields);
  }
  const answers = await Promise.all(
    [...fieldsByLimitKey].map(([limitKey, fields]) => redis.hmget(keys.home(limitKey, userId).answers, ...fields)),
  );
  // A key bound but refused (sold out, limit reached) has no answer.
  return answers.flat().flatMap((answer) => (answer === null ? [] : [decodeAnswer(answer)]));
}

/** One of the shopper's reservations by order id. */
export async function findUnwrittenReservation(
  redis: RedisClient,
  keys: HotKeys,
  userId: string,
  orderId: string,
): Promise<ReservationRecord | undefined> {
  return (await reservationsOf(redis, keys, userId)).find((record) => record.orderId === orderId);
}
