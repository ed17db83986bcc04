import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { MemberTier, Shopper } from '../domain/shopper.js';

interface Claims {
  sub: string;
  tier: MemberTier;
  region: string | null;
  rn: boolean;
  iat: number;
}

/**
 * Signed shopper tokens: base64url(claims).base64url(HMAC-SHA256). The claims carry what eligibility
 * needs, so a buy attempt checks them without a database read.
 */
export class ShopperTokens {
  private readonly key: Buffer;
  /** Tokens already verified: in a sale the same shoppers retry many times a second. */
  private readonly verified = new Map<string, Shopper>();
  private readonly cacheSize = 200_000;

  constructor(secret: string) {
    this.key = Buffer.from(secret, 'utf8');
  }

  static newSecret(): string {
    return randomBytes(32).toString('base64url');
  }

  issue(shopper: Shopper, issuedAt: number): string {
    const claims: Claims = {
      sub: shopper.id,
      tier: shopper.tier,
      region: shopper.region,
      rn: shopper.realNameVerified,
      iat: Math.floor(issuedAt / 1000),
    };
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${body}.${this.sign(body).toString('base64url')}`;
  }

  /** The shopper a token speaks for, or null if it is malformed or not ours. */
  verify(token: string): Shopper | null {
    const known = this.verified.get(token);
    if (known) return known;
    const shopper = this.check(token);
    if (shopper) {
      if (this.verified.size >= this.cacheSize) this.verified.clear(); // crude bound; refills with the active crowd
      this.verified.set(token, shopper);
    }
    return shopper;
  }

  private check(token: string): Shopper | null {
    const dot = token.indexOf('.');
    if (dot <= 0 || dot !== token.lastIndexOf('.')) return null;
    const body = token.slice(0, dot);
    // Compare the text, not decoded bytes: base64url ignores trailing bits, and a token has one spelling.
    const given = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(this.sign(body).toString('base64url'));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Claims;
      if (typeof claims.sub !== 'string') return null;
      return { id: claims.sub, tier: claims.tier, region: claims.region, realNameVerified: claims.rn };
    } catch {
      return null;
    }
  }

  private sign(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest();
  }
}
