import type { ReservationRecord } from '../hotstore/hotstore.js';
import { decodeStreamEntry } from '../hotstore/redisRecords.js';

/** One entry of a reservation stream; `fields` is null when the entry was deleted while still pending. */
export interface StreamEntry {
  id: string;
  fields: string[] | null;
}

/** XREADGROUP's reply for one stream: null when nothing is new, [[key, entries]] otherwise. */
export function entriesOfRead(reply: unknown): StreamEntry[] {
  if (!Array.isArray(reply) || reply.length === 0) return [];
  return entriesOf((reply[0] as [string, unknown])[1]);
}

/** XAUTOCLAIM's reply: [next cursor, entries, ids deleted meanwhile (Redis ≥ 7, already dropped from the PEL)]. */
export function entriesOfClaim(reply: unknown): { cursor: string; entries: StreamEntry[] } {
  const [cursor, entries] = reply as [string, unknown];
  return { cursor, entries: entriesOf(entries) };
}

function entriesOf(list: unknown): StreamEntry[] {
  if (!Array.isArray(list)) return [];
  // Redis 6.2 lists a deleted entry as nil, later versions as [id, nil].
  return list.filter((e): e is [string, string[] | null] => Array.isArray(e)).map(([id, fields]) => ({ id, fields }));
}

const bigintMax = 9_223_372_036_854_775_807n;
const int4Max = 2_147_483_647;
const ids = ['orderId', 'userId', 'sessionId', 'itemId'] as const;
const texts = ['limitKey', 'idempotencyKey'] as const;

/**
 * The reservation an entry carries, checked against what the orders table accepts. An entry that
 * fails here can never become a row, so it goes to the dead letters at once instead of failing
 * insert after insert.
 */
export function readReservation(fields: string[]): ReservationRecord {
  const raw = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) raw.set(fields[i], fields[i + 1]);
  const record = decodeStreamEntry(fields);
  for (const field of ids) {
    const value = raw.get(field)!;
    if (!/^\d{1,19}$/.test(value) || BigInt(value) > bigintMax) throw new Error(`${field} is not an id: ${JSON.stringify(value)}`);
  }
  for (const field of texts) {
    const value = raw.get(field)!;
    if (value === '' || value.includes('\0')) throw new Error(`${field} is empty or holds a NUL`);
  }
  if (!wholeIn(raw.get('quantity')!, 1, int4Max)) throw new Error('quantity is not a positive whole number');
  if (!wholeIn(raw.get('unitPrice')!, 0, int4Max)) throw new Error('unitPrice is not a whole number of cents');
  for (const field of ['payBefore', 'createdAt'] as const) {
    if (!/^\d+(\.\d+)?$/.test(raw.get(field)!)) throw new Error(`${field} is not a time in milliseconds`);
  }
  return record;
}

function wholeIn(value: string, min: number, max: number): boolean {
  if (!/^\d{1,10}$/.test(value)) return false;
  const n = Number(value);
  return n >= min && n <= max;
}

/**
 * A failure the row itself causes: PostgreSQL's data exceptions (class 22) and integrity violations
 * (class 23). Anything else — no connection, a missing table, a timeout — says nothing about the row.
 */
export function isRowError(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  return [e?.code, e?.cause?.code].some((code) => typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code));
}

/** Messages of Redis errors start with their code. */
export function redisErrorIs(error: unknown, code: 'BUSYGROUP' | 'NOGROUP'): boolean {
  return error instanceof Error && error.message.startsWith(code);
}
