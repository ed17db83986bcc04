import { setTimeout as sleep } from 'node:timers/promises';
import type { Shop, UnitCounts } from './shop.js';

export interface StockCheck {
  ok: boolean;
  lines: string[];
}

/** Units an order holds: everything but a cancellation, which puts its units back on sale. */
const held = (c: UnitCounts) => c.reserved + c.paid + c.shipped + c.completed + c.refunded;

/**
 * No oversell: for every item, units on sale + units held by orders == initial stock, and no more
 * units held than were loaded. Also: every acknowledged (201) reservation is in the database.
 * The last group commit may still be in flight when the load stops, so it polls a few seconds.
 */
export async function checkStock(shop: Shop, sessionId: string, acknowledged: Map<string, number>): Promise<StockCheck> {
  let items: UnitCounts[] = [];
  for (let attempt = 0; attempt < 50; attempt++) {
    items = (await shop.stats(sessionId)).items;
    if (items.every((c) => c.stock + held(c) === c.initialStock)) break;
    await sleep(100);
  }
  const lines: string[] = [];
  let ok = true;
  for (const c of items) {
    const units = held(c);
    const acks = acknowledged.get(c.id) ?? 0;
    const problems = [
      c.stock + units !== c.initialStock && `on sale ${c.stock} + held ${units} ≠ initial ${c.initialStock}`,
      units > c.initialStock && `held ${units} > initial ${c.initialStock}`,
      c.stock < 0 && `negative stock ${c.stock}`,
      units < acks && `only ${units} units held but ${acks} reservations acknowledged`,
    ].filter((p): p is string => typeof p === 'string');
    if (problems.length > 0) ok = false;
    lines.push(
      `item ${c.id}: initial ${c.initialStock}, on sale ${c.stock}, held ${units} (acknowledged 201s seen ${acks})` +
        (problems.length > 0 ? ` — ${problems.join('; ')}` : ''),
    );
  }
  return { ok, lines };
}
