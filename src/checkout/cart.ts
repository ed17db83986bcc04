import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { maxCartLines, maxLineQuantity } from '../domain/checkout.js';
import { MiaoshaError } from '../errors.js';
import { type Product, type ProductRow, productColumns, productOf } from './products.js';

export interface CartLine {
  product: Product;
  quantity: number;
}

/** A shopper's cart, kept in the database: one row a product, its quantity set (not added to) by each change. */
export class Carts {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /**
   * Sets how many of a product the cart holds; 0 removes it. One statement: the product must exist,
   * and a new line is taken only while the cart has fewer than `maxCartLines`.
   */
  async setLine(userId: string, productId: string, quantity: number): Promise<void> {
    if (!Number.isInteger(quantity) || quantity < 0 || quantity > maxLineQuantity) {
      throw new MiaoshaError('INVALID_REQUEST', `a quantity is 0 to ${maxLineQuantity}`);
    }
    if (quantity === 0) {
      await this.db.query('delete from cart_lines where user_id = $1 and product_id = $2', [userId, productId]);
      return;
    }
    const [row] = await this.db.query<{ outcome: string }>(
      `with product as (
         select id from products where id = $2
       ), room as (
         select (select count(*) from cart_lines where user_id = $1 and product_id <> $2) < $5 as ok
       ), saved as (
         insert into cart_lines as c (user_id, product_id, quantity, added_at)
         select $1, id, $3, $4 from product where (select ok from room)
         on conflict (user_id, product_id) do update set quantity = excluded.quantity
         returning product_id
       )
       select case when exists (select 1 from saved) then 'saved'
                   when not exists (select 1 from product) then 'unknown'
                   else 'full' end as outcome`,
      [userId, productId, quantity, new Date(this.clock.now()), maxCartLines],
    );
    if (row.outcome === 'unknown') throw new MiaoshaError('NOT_FOUND', `no product ${productId}`);
    if (row.outcome === 'full') throw new MiaoshaError('CART_FULL', `a cart holds at most ${maxCartLines} products`);
  }

  /** The cart's lines with their products as they are now, by merchant then product. */
  async lines(userId: string): Promise<CartLine[]> {
    const rows = await this.db.query<ProductRow & { quantity: number }>(
      `select ${productColumns}, c.quantity
         from cart_lines c join products p on p.id = c.product_id join merchants m on m.id = p.merchant_id
        where c.user_id = $1
        order by p.merchant_id, p.id`,
      [userId],
    );
    return rows.map((row) => ({ product: productOf(row), quantity: row.quantity }));
  }
}
