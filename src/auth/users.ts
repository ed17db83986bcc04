import { eq, inArray } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import { type Database, isUniqueViolation } from '../db/database.js';
import * as t from '../db/schema.js';
import { type MemberTier, type Shopper, maskPhone } from '../domain/shopper.js';
import { MiaoshaError } from '../errors.js';
import type { ShopperTokens } from './tokens.js';

export interface NewUser {
  phone: string;
  tier?: MemberTier;
  region?: string | null;
  realNameVerified?: boolean;
}

/** What a shopper sees of their own account; the phone masked, as on every screen. */
export interface ShopperProfile {
  id: string;
  phone: string;
  tier: MemberTier;
  region: string | null;
  realNameVerified: boolean;
}

export interface IssuedUser {
  id: string;
  token: string;
}

/** Shopper accounts and the tokens that speak for them. */
export class Users {
  constructor(
    private readonly db: Database,
    private readonly tokens: ShopperTokens,
    private readonly clock: Clock,
  ) {}

  /** Creates shoppers in one statement; a phone already registered (or repeated in the call) is refused. */
  async createMany(input: NewUser[]): Promise<IssuedUser[]> {
    const phones = input.map((u) => u.phone);
    if (new Set(phones).size !== phones.length) {
      throw new MiaoshaError('DUPLICATE_PHONE', 'the same phone appears twice in the request');
    }
    const taken = await this.db.orm.select({ phone: t.users.phone }).from(t.users).where(inArray(t.users.phone, phones));
    if (taken.length > 0) throw new MiaoshaError('DUPLICATE_PHONE', `${taken.length} phone(s) already registered`);
    let rows: t.UserRow[];
    try {
      rows = await this.db.orm
        .insert(t.users)
        .values(
          input.map((u) => ({
            phone: u.phone,
            tier: u.tier ?? 'regular',
            region: u.region ?? null,
            realNameVerified: u.realNameVerified ?? false,
          })),
        )
        .returning();
    } catch (error) {
      // Two calls registering the same phone at once: the unique index decides.
      if (isUniqueViolation(error)) {
        throw new MiaoshaError('DUPLICATE_PHONE', 'phone already registered');
      }
      throw error;
    }
    const byPhone = new Map(rows.map((r) => [r.phone, r]));
    return input.map((u) => {
      const row = byPhone.get(u.phone)!;
      return { id: String(row.id), token: this.tokens.issue(shopperFromRow(row), this.clock.now()) };
    });
  }

  /** A shopper signing in with their phone: the account, made as a regular shopper if the phone is new. */
  async signInByPhone(phone: string): Promise<{ token: string; shopper: ShopperProfile }> {
    // Two first sign-ins of one phone at once: the unique index keeps one account, both read it.
    await this.db.orm.insert(t.users).values({ phone }).onConflictDoNothing({ target: t.users.phone });
    const [row] = await this.db.orm.select().from(t.users).where(eq(t.users.phone, phone));
    return { token: this.tokens.issue(shopperFromRow(row), this.clock.now()), shopper: profileFromRow(row) };
  }

  /** The account a token speaks for; null if there is none (a token of another shop with the same secret). */
  async profile(id: string): Promise<ShopperProfile | null> {
    const [row] = /^[1-9][0-9]{0,15}$/.test(id) ? await this.db.orm.select().from(t.users).where(eq(t.users.id, Number(id))) : [];
    return row ? profileFromRow(row) : null;
  }
}

export function profileFromRow(row: t.UserRow): ShopperProfile {
  return { id: String(row.id), phone: maskPhone(row.phone), tier: row.tier as MemberTier, region: row.region, realNameVerified: row.realNameVerified };
}

export function shopperFromRow(row: t.UserRow): Shopper {
  return { id: String(row.id), tier: row.tier as MemberTier, region: row.region, realNameVerified: row.realNameVerified };
}
