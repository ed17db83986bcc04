import type { Catalog } from '../campaigns/catalog.js';
import type { Database } from '../db/database.js';
import type { OrderStatus } from '../domain/order.js';
import type { HotStore } from '../hotstore/hotstore.js';

export type UnitCounts = Record<OrderStatus, number> & {
  id: string;
  title: string;
  initialStock: number;
  stock: number;
};

/** What happened in a session, per item: units still on sale and units in orders of each status. */
export class Stats {
  constructor(
    private readonly db: Database,
    private readonly catalog: Catalog,
    private readonly hot: HotStore,
    /** Scaled deployment: write what the order pipeline holds first, so the figures add up. */
    private readonly catchUp?: () => Promise<void>,
  ) {}

  async sessionUnits(sessionId: string): Promise<UnitCounts[]> {
    await this.catchUp?.();
    const rows = await this.db.query<{ item_id: string; status: OrderStatus; units: string }>(
      `select item_id::text, status, sum(quantity)::text as units from orders where session_id = $1 group by item_id, status`,
      [sessionId],
    );
    return this.catalog.itemsOf(sessionId).map((item) => {
      const counts: UnitCounts = {
        id: item.id,
        title: item.title,
        initialStock: item.stock,
        stock: this.hot.remaining(item.id) ?? 0,
        reserved: 0,
        paid: 0,
        shipped: 0,
        completed: 0,
        cancelled: 0,
        refunded: 0,
      };
      for (const row of rows) if (row.item_id === item.id) counts[row.status] = Number(row.units);
      return counts;
    });
  }
}
