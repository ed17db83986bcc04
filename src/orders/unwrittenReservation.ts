import type { ReservationRecord } from '../hotstore/hotstore.js';
import type { HotKeys } from '../hotstore/redisKeys.js';
import { decodeAnswer, limitKeyOfRequest } from '../hotstore/redisRecords.js';
import type { RedisClient } from '../hotstore/redisScripts.js';

/**
 * A shopper's reservation as the Redis hot store granted it, found by order id: what
 * `GET /api/orders/:id` answers (status `reserved`) while the pipeline has not yet written the row.
 *
 * A stream cannot be searched by order id, but the route knows the shopper, and every granted
 * reservation is kept as the answer to its Idempotency-Key: the shopper's keys hash names each key's
 * limit key, whose answers hash holds the record. One HGETALL, then one HMGET per limit key the
 * shopper used — a handful in a sale. Call it only when the order row is missing: the row, once
 * written, is the truth (the answer never learns of a payment or a cancellation).
 */
export async function findUnwrittenReservation(
  redis: RedisClient,
  keys: HotKeys,
  userId: string,
  orderId: string,
): Promise<ReservationRecord | undefined> {
  const requests = await redis.hgetall(keys.shopperKeys(userId));
  const fieldsByLimitKey = new Map<string, string[]>();
  for (const [idempotencyKey, request] of Object.entries(requests)) {
    const limitKey = limitKeyOfRequest(request);
    const fields = fieldsByLimitKey.get(limitKey) ?? [];
    fields.push(`${userId}\0${idempotencyKey}`);
    fieldsByLimitKey.set(limitKey, fields);
  }
  const answers = await Promise.all(
    [...fieldsByLimitKey].map(([limitKey, fields]) => redis.hmget(keys.limit(limitKey).answers, ...fields)),
  );
  for (const answer of answers.flat()) {
    // A key bound but refused (sold out, limit reached) has no answer.
    if (answer === null) continue;
    const record = decodeAnswer(answer);
    if (record.orderId === orderId) return record;
  }
  return undefined;
}
