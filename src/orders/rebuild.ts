import type { Catalog } from '../campaigns/catalog.js';
import type { Database } from '../db/database.js';
import { limitKeyOf } from '../domain/item.js';
import type { HotStore } from '../hotstore/hotstore.js';

/**
 * Rebuilds the hot store from the database, the source of truth: for every item,
 * units on sale = loaded stock − units held by orders that are not cancelled; every shopper's
 * holdings per limit key; every answer already given, so a replayed key gets it again.
 * Returns the highest order id, so new ids never collide with stored ones.
 */
export async function rebuildHotStore(db: Database, catalog: Catalog, hot: HotStore): Promise<string | null> {
  const held = await unitsHeld(db);
  for (const item of catalog.items.values()) {
    await hot.loadStock({ itemId: item.id, limitKey: limitKeyOf(item), remaining: item.stock - (held.get(item.id) ?? 0) });
  }
  for (const row of await db.query<{ limit_key: string; user_id: string; units: string }>(
    `select limit_key, user_id::text, sum(quantity)::text as units from orders
      where status <> 'cancelled' group by limit_key, user_id`,
  )) {
    await hot.loadHolding(row.limit_key, row.user_id, Number(row.units));
  }
  return loadAnswers(db, hot);
}

/** Units held per item by orders that are not cancelled (of these items, or of all). */
export async function unitsHeld(db: Database, itemIds?: string[]): Promise<Map<string, number>> {
  const rows = await db.query<{ item_id: string; units: string }>(
    `select item_id::text, sum(quantity)::text as units from orders
      where status <> 'cancelled' ${itemIds ? 'and item_id = any($1::bigint[])' : ''} group by item_id`,
    itemIds ? [itemIds] : [],
  );
  return new Map(rows.map((row) => [row.item_id, Number(row.units)]));
}

/** Loads the answers of the orders matching `where` (all by default); returns the highest order id. */
export async function loadAnswers(db: Database, hot: HotStore, where = '', params: unknown[] = []): Promise<string | null> {
  const answers = await db.query<{
    id: string;
    user_id: string;
    session_id: string;
    item_id: string;
    limit_key: string;
    quantity: number;
    unit_price: number;
    idempotency_key: string;
    pay_before: number;
    created_at: number;
  }>(
    `select id::text, user_id::text, session_id::text, item_id::text, limit_key, quantity, unit_price, idempotency_key,
            (extract(epoch from pay_before) * 1000)::float8 as pay_before,
            (extract(epoch from created_at) * 1000)::float8 as created_at
       from orders ${where}`,
    params,
  );
  let lastId: string | null = null;
  let loading: unknown[] = []; // a few hundred at a time: a Redis round trip each would crawl
  for (const r of answers) {
    if (loading.length >= 500) {
      await Promise.all(loading);
      loading = [];
    }
    loading.push(hot.loadAnswer({
      orderId: r.id,
      userId: r.user_id,
      sessionId: r.session_id,
      itemId: r.item_id,
      limitKey: r.limit_key,
      quantity: r.quantity,
      unitPrice: r.unit_price,
      idempotencyKey: r.idempotency_key,
      payBefore: Number(r.pay_before),
      createdAt: Number(r.created_at),
    }));
    if (!lastId || BigInt(r.id) > BigInt(lastId)) lastId = r.id;
  }
  await Promise.all(loading);
  return lastId;
}
