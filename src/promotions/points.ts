import type { Clock } from '../clock.js';
import { type Database, isUniqueViolation } from '../db/database.js';
import { type Currency, currencies, earned } from '../domain/points.js';
import { MiaoshaError } from '../errors.js';

/** One change of a balance, as the ledger keeps it. */
export interface LedgerEntry {
  id: string;
  currency: Currency;
  delta: number;
  reason: string;
  ref: string;
  balanceAfter: number;
  at: number;
}

/** A change applied now, or (`replayed`) the entry its ref was applied with before. */
export interface Change {
  entry: LedgerEntry;
  replayed: boolean;
}

export type Balances = Record<Currency, number>;

interface EntryRow {
  id: string;
  currency: Currency;
  delta: number;
  reason: string;
  ref: string;
  balance_after: number;
  at: Date;
}

const entryOf = (row: EntryRow): LedgerEntry => ({
  id: String(row.id),
  currency: row.currency,
  delta: row.delta,
  reason: row.reason,
  ref: row.ref,
  balanceAfter: row.balance_after,
  at: new Date(row.at).getTime(),
});

// A credit may be a shopper's first: the balance row is made or raised. The WHERE keeps it non-negative
// (a credit always does; it reads the same as the debit's guard).
const credit = `
  with b as (
    insert into point_balances as p (user_id, currency, balance) values ($1, $2, $3)
    on conflict (user_id, currency) do update set balance = p.balance + excluded.balance
     where p.balance + excluded.balance >= 0
    returning balance
  )
  insert into point_ledger (user_id, currency, delta, reason, ref, balance_after, at)
  select $1, $2, $3, $4, $5, balance, $6 from b
  returning *`;

// A debit lowers an existing balance only while it stays non-negative; no row or too little → no entry.
const debit = `
  with b as (
    update point_balances set balance = balance + $3
     where user_id = $1 and currency = $2 and balance + $3 >= 0
    returning balance
  )
  insert into point_ledger (user_id, currency, delta, reason, ref, balance_after, at)
  select $1, $2, $3, $4, $5, balance, $6 from b
  returning *`;

/**
 * Points and energy (P4): an append-only ledger and a balance per shopper and currency. Every change is
 * ONE statement that moves the balance and writes its entry together. A ref already in the ledger makes
 * the entry's insert break the unique index, which aborts the whole statement (the balance is untouched):
 * that is answered as a replay of the first application. Concurrent debits lock the balance row in turn,
 * each re-checking `balance + delta >= 0`, so the balance never goes below zero.
 */
export class PointsLedger {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** Adds `delta` (negative spends) under `ref`; POINTS_INSUFFICIENT when the balance would go below zero. */
  async change(userId: string, currency: Currency, delta: number, reason: string, ref: string): Promise<Change> {
    if (!Number.isInteger(delta) || delta === 0) throw new MiaoshaError('INVALID_REQUEST', 'a change is a non-zero whole number');
    try {
      const [row] = await this.db.query<EntryRow>(delta > 0 ? credit : debit, [userId, currency, delta, reason, ref, new Date(this.clock.now())]);
      if (row) return { entry: entryOf(row), replayed: false };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    // Refused or already applied: a ref in the ledger is a replay, whatever the balance is now.
    const before = await this.entry(userId, currency, ref);
    if (before) return { entry: before, replayed: true };
    throw new MiaoshaError('POINTS_INSUFFICIENT', `not enough ${currency} for this`);
  }

  /** Earns `base` times the campaign multiplier in force (×2 = double points). */
  earn(userId: string, currency: Currency, base: number, multiplier: number, reason: string, ref: string): Promise<Change> {
    return this.change(userId, currency, earned(base, multiplier), reason, ref);
  }

  async entry(userId: string, currency: Currency, ref: string): Promise<LedgerEntry | null> {
    const [row] = await this.db.query<EntryRow>('select * from point_ledger where user_id = $1 and currency = $2 and ref = $3', [userId, currency, ref]);
    return row ? entryOf(row) : null;
  }

  async balances(userId: string): Promise<Balances> {
    const rows = await this.db.query<{ currency: Currency; balance: number }>('select currency, balance from point_balances where user_id = $1', [userId]);
    const balances = Object.fromEntries(currencies.map((c) => [c, 0])) as Balances;
    for (const row of rows) balances[row.currency] = row.balance;
    return balances;
  }

  /** The newest entries first. */
  async entries(userId: string, limit = 20): Promise<LedgerEntry[]> {
    const rows = await this.db.query<EntryRow>('select * from point_ledger where user_id = $1 order by id desc limit $2', [userId, limit]);
    return rows.map(entryOf);
  }
}
