import { type Database, isCheckViolation } from '../db/database.js';
import { MiaoshaError } from '../errors.js';

export interface Merchant {
  id: string;
  name: string;
}

/** An ordinary product of a merchant. Money in cents. */
export interface Product {
  id: string;
  merchantId: string;
  merchantName: string;
  /** A category's text id, e.g. "kitchen": what category-scoped coupons and promotions name. */
  category: string;
  title: string;
  price: number;
  /** 最低成交价: the least one unit may sell for after every discount. */
  floorPrice: number;
  stock: number;
  couponsAllowed: boolean;
}

export interface ProductInput {
  merchantId: string;
  category: string;
  title: string;
  price: number;
  floorPrice?: number;
  stock: number;
  couponsAllowed?: boolean;
}

export type ProductChange = Partial<Pick<ProductInput, 'category' | 'title' | 'price' | 'floorPrice' | 'stock' | 'couponsAllowed'>>;

export interface ProductRow {
  id: string;
  merchant_id: string;
  merchant_name: string;
  category: string;
  title: string;
  price: number;
  floor_price: number;
  stock: number;
  coupons_allowed: boolean;
}

export const productColumns = `p.id::text, p.merchant_id::text, m.name as merchant_name, p.category, p.title, p.price, p.floor_price, p.stock, p.coupons_allowed`;

export const productOf = (row: ProductRow): Product => ({
  id: String(row.id),
  merchantId: String(row.merchant_id),
  merchantName: row.merchant_name,
  category: row.category,
  title: row.title,
  price: row.price,
  floorPrice: row.floor_price,
  stock: row.stock,
  couponsAllowed: row.coupons_allowed,
});

const floorAbovePrice = () => new MiaoshaError('INVALID_REQUEST', 'the floor price must be between 0 and the price');

/** The operator's catalogue of ordinary products, by merchant and category. */
export class Products {
  constructor(private readonly db: Database) {}

  async addMerchant(name: string): Promise<Merchant> {
    const [row] = await this.db.query<{ id: string; name: string }>('insert into merchants (name) values ($1) returning id::text, name', [name]);
    return { id: row.id, name: row.name };
  }

  async merchants(): Promise<Merchant[]> {
    const rows = await this.db.query<{ id: string; name: string }>('select id::text, name from merchants order by id');
    return rows.map((row) => ({ id: row.id, name: row.name }));
  }

  async add(input: ProductInput): Promise<Product> {
    const floorPrice = input.floorPrice ?? 0;
    if (floorPrice > input.price) throw floorAbovePrice();
    const [row] = await this.db.query<{ id: string }>(
      `insert into products (merchant_id, category, title, price, floor_price, stock, coupons_allowed)
       select id, $2, $3, $4, $5, $6, $7 from merchants where id = $1
       returning id::text`,
      [input.merchantId, input.category, input.title, input.price, floorPrice, input.stock, input.couponsAllowed ?? true],
    );
    if (!row) throw new MiaoshaError('NOT_FOUND', `no merchant ${input.merchantId}`);
    return this.get(row.id);
  }

  /** Changes what is given in one statement; a floor above the price is refused by the table's CHECK. */
  async change(productId: string, change: ProductChange): Promise<Product> {
    const columns: [string, unknown][] = [
      ['category', change.category],
      ['title', change.title],
      ['price', change.price],
      ['floor_price', change.floorPrice],
      ['stock', change.stock],
      ['coupons_allowed', change.couponsAllowed],
    ];
    const given = columns.filter(([, value]) => value !== undefined);
    if (given.length > 0) {
      try {
        const rows = await this.db.query(
          `update products set ${given.map(([column], i) => `${column} = $${i + 2}`).join(', ')} where id = $1 returning id`,
          [productId, ...given.map(([, value]) => value)],
        );
        if (rows.length === 0) throw new MiaoshaError('NOT_FOUND', `no product ${productId}`);
      } catch (error) {
        if (isCheckViolation(error, 'products_floor_within_price')) throw floorAbovePrice();
        throw error;
      }
    }
    return this.get(productId);
  }

  async get(productId: string): Promise<Product> {
    const [row] = await this.db.query<ProductRow>(
      `select ${productColumns} from products p join merchants m on m.id = p.merchant_id where p.id = $1`,
      [productId],
    );
    if (!row) throw new MiaoshaError('NOT_FOUND', `no product ${productId}`);
    return productOf(row);
  }

  async list(filter: { merchantId?: string; category?: string } = {}): Promise<Product[]> {
    const rows = await this.db.query<ProductRow>(
      `select ${productColumns} from products p join merchants m on m.id = p.merchant_id
        where ($1::bigint is null or p.merchant_id = $1) and ($2::text is null or p.category = $2)
        order by p.merchant_id, p.id limit 500`,
      [filter.merchantId ?? null, filter.category ?? null],
    );
    return rows.map(productOf);
  }
}
