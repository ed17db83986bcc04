import type { Database } from '../db/database.js';
import * as t from '../db/schema.js';
import type { MemberTier } from '../domain/shopper.js';

export interface DemoShopper {
  phone: string;
  tier: MemberTier;
  realNameVerified: boolean;
  region: string | null;
}

const key = 'demo_shoppers';

/**
 * The shoppers the demo seed made, one of each kind, so a visitor can sign in as each tier. Kept in
 * the settings table: a restarted demo (which does not seed again) still lists them, and so does every
 * node of a scaled demo.
 */
export class DemoShoppers {
  constructor(
    private readonly db: Database,
    /** Only a demo server lists them: elsewhere these are real shoppers' phones. */
    readonly enabled: boolean,
  ) {}

  async remember(shoppers: DemoShopper[]): Promise<void> {
    const value = JSON.stringify(shoppers);
    await this.db.orm.insert(t.settings).values({ key, value }).onConflictDoUpdate({ target: t.settings.key, set: { value } });
  }

  async list(): Promise<DemoShopper[]> {
    const rows = await this.db.query<{ value: string }>('select value from settings where key = $1', [key]);
    return rows[0] ? (JSON.parse(rows[0].value) as DemoShopper[]) : [];
  }
}
