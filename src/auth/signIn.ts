import { createHmac, randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { maskPhone } from '../domain/shopper.js';
import { MiaoshaError } from '../errors.js';
import type { ShopperProfile, Users } from './users.js';

/** How a one-time code reaches the shopper. There is no SMS gateway here; one plugs in behind this. */
export interface SignInCodeSender {
  send(phone: string, code: string, expiresAt: number): void | Promise<void>;
}

/** Writes the code to the server log (the phone masked, as everywhere in the logs). */
export class LogCodeSender implements SignInCodeSender {
  constructor(private readonly logger: Logger | false) {}

  send(phone: string, code: string, expiresAt: number): void {
    if (this.logger) this.logger.info({ to: maskPhone(phone), code, expiresAt: new Date(expiresAt).toISOString() }, 'sign-in code');
  }
}

export const codeLifetimeMs = 5 * 60_000;
/** A phone gets at most one code in this time: each code may cost an SMS. */
export const reissueAfterMs = 30_000;
/** Wrong tries that void a code: six digits must not be guessable by trying. */
export const maxWrongTries = 5;
/**
 * Codes one client (by IP) may ask for, a minute and at once, over all phones: a script asking for
 * codes for many phones would otherwise cost an SMS each. A shared office or carrier NAT fits in it.
 */
export const defaultSignInCodeRate = { perMinute: 10, burst: 20 };

export interface IssuedCode {
  phone: string;
  expiresAt: number;
  /** Only when the server shows sign-in codes (a demo). */
  code?: string;
}

/** Shopper sign-in with a phone and a one-time code; an unknown phone becomes a new regular shopper. */
export class SignIn {
  constructor(
    private readonly db: Database,
    private readonly users: Users,
    private readonly clock: Clock,
    /** Codes are kept as a keyed hash: a copy of the table does not let anyone sign in. */
    private readonly secret: string,
    private readonly sender: SignInCodeSender,
    readonly showCodes: boolean,
  ) {}

  async issue(phone: string): Promise<IssuedCode> {
    const now = this.clock.now();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = now + codeLifetimeMs;
    // One statement: a new code replaces the old one only if that was issued long enough ago.
    const issued = await this.db.query<{ phone: string }>(
      `insert into sign_in_codes (phone, code_hash, issued_at, expires_at, wrong_tries, used_at)
       values ($1, $2, $3, $4, 0, null)
       on conflict (phone) do update
          set code_hash = excluded.code_hash, issued_at = excluded.issued_at, expires_at = excluded.expires_at,
              wrong_tries = 0, used_at = null
        where sign_in_codes.issued_at <= $5
       returning phone`,
      [phone, this.hash(phone, code), new Date(now), new Date(expiresAt), new Date(now - reissueAfterMs)],
    );
    if (issued.length === 0) {
      const [last] = await this.db.query<{ issued_at: Date }>('select issued_at from sign_in_codes where phone = $1', [phone]);
      const waitMs = last ? new Date(last.issued_at).getTime() + reissueAfterMs - now : 1000;
      throw new MiaoshaError('RATE_LIMITED', 'a code was sent to this phone moments ago; wait before asking again', Math.max(1, Math.ceil(waitMs / 1000)));
    }
    try {
      await this.sender.send(phone, code, expiresAt);
    } catch {
      // Not sent: let the phone ask again at once rather than wait out a code it never got.
      await this.db.query('delete from sign_in_codes where phone = $1 and code_hash = $2', [phone, this.hash(phone, code)]);
      throw new MiaoshaError('UNAVAILABLE', 'the sign-in code could not be sent; retry shortly', 5);
    }
    return { phone: maskPhone(phone), expiresAt, ...(this.showCodes ? { code } : {}) };
  }

  async signIn(phone: string, code: string): Promise<{ token: string; shopper: ShopperProfile }> {
    const now = new Date(this.clock.now());
    // Verify and use up in one statement: of two sign-ins with the same code only one finds it
    // unused, and a wrong code counts a try on the same row, so five wrong tries void it.
    const [tried] = await this.db.query<{ matched: boolean }>(
      `update sign_in_codes
          set used_at = case when code_hash = $2 then $3::timestamptz end,
              wrong_tries = wrong_tries + case when code_hash = $2 then 0 else 1 end
        where phone = $1 and used_at is null and expires_at > $3 and wrong_tries < $4
       returning used_at is not null as matched`,
      [phone, this.hash(phone, code), now, maxWrongTries],
    );
    if (!tried?.matched) throw new MiaoshaError('SIGN_IN_FAILED', 'the code is wrong, expired or already used; ask for a new one');
    return this.users.signInByPhone(phone);
  }

  private hash(phone: string, code: string): string {
    return createHmac('sha256', this.secret).update(`sign-in:${phone}:${code}`).digest('base64url');
  }
}
