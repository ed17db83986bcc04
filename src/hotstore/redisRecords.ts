import type { ReservationRecord } from './hotstore.js';

/** Record fields in a fixed order: the answer's JSON and the stream entry are the same for the same record. */
const fields = [
  'orderId',
  'userId',
  'sessionId',
  'itemId',
  'limitKey',
  'quantity',
  'unitPrice',
  'idempotencyKey',
  'payBefore',
  'createdAt',
] as const satisfies readonly (keyof ReservationRecord)[];

const numeric = new Set<string>(['quantity', 'unitPrice', 'payBefore', 'createdAt']);

/** The answer kept under an Idempotency-Key. reserve.lua reads its itemId and quantity. */
export function encodeAnswer(record: ReservationRecord): string {
  return JSON.stringify(Object.fromEntries(fields.map((field) => [field, record[field]])));
}

export function decodeAnswer(json: string): ReservationRecord {
  const stored = JSON.parse(json) as Record<string, unknown>;
  return Object.fromEntries(fields.map((field) => [field, stored[field]])) as unknown as ReservationRecord;
}

/** The record as stream field/value pairs, every field its own entry field. */
export function streamEntry(record: ReservationRecord): string[] {
  return fields.flatMap((field) => [field, String(record[field])]);
}

/** A reservation stream entry's field/value pairs back into the record (for the order pipeline). */
export function decodeStreamEntry(pairs: string[]): ReservationRecord {
  const record: Record<string, string | number> = {};
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    const field = pairs[i];
    record[field] = numeric.has(field) ? Number(pairs[i + 1]) : pairs[i + 1];
  }
  for (const field of fields) {
    if (!(field in record)) throw new Error(`reservation stream entry without ${field}`);
  }
  return record as unknown as ReservationRecord;
}

/** What an Idempotency-Key is bound to in the shopper's keys hash. */
export function requestOf(record: Pick<ReservationRecord, 'itemId' | 'quantity' | 'limitKey'>): string {
  return `${record.itemId}\0${record.quantity}\0${record.limitKey}`;
}

/** The limit key of a bound request: everything after the second NUL. */
export function limitKeyOfRequest(request: string): string {
  return request.slice(request.indexOf('\0', request.indexOf('\0') + 1) + 1);
}
