import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { seedDemo } from '../../src/demo/seed.js';
import { expectError, phonePrefixes } from '../support/api.js';
import { type TestPlatform, startTestPlatform } from '../support/platform.js';
import { Operator, bearer } from '../support/shop.js';

/** Sign-in lives in the database alone: the embedded and the server database. */
const databases = ['pglite', 'postgres'] as const;

describe.each(databases)('shopper sign-in with a one-time code on %s', (backend) => {
  let t: TestPlatform;
  let app: FastifyInstance;
  let clock: ManualClock;
  const prefix = phonePrefixes(160);
  let serial = 0;
  /** A phone nobody used yet in this run. */
  const newPhone = () => `${prefix()}${String(++serial).padStart(8, '0')}`;

  beforeAll(async () => {
    clock = new ManualClock(Date.now());
    t = await startTestPlatform(backend, { clock, showSignInCodes: true });
    app = t.platform.app;
  });
  afterAll(async () => {
    await t?.close();
  });

  const askCode = (phone: unknown) => app.inject({ method: 'POST', url: '/api/auth/codes', payload: { phone } as object });
  const signIn = (phone: string, code: string) => app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { phone, code } });
  const codeFor = async (phone: string): Promise<string> => {
    const res = await askCode(phone);
    expect(res.statusCode).toBe(201);
    return res.json().code;
  };
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('signs a new phone in as a regular shopper whose token opens /api/me and the shopper routes', async () => {
    const phone = newPhone();
    const issued = await askCode(phone);
    expect(issued.statusCode).toBe(201);
    expect(issued.json()).toEqual({
      phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      expiresAt: new Date(clock.now() + 5 * 60_000).toISOString(),
      code: expect.stringMatching(/^[0-9]{6}$/),
    });

    const res = await signIn(phone, issued.json().code);
    expect(res.statusCode).toBe(200);
    const { token, shopper } = res.json();
    expect(shopper).toEqual({
      id: expect.stringMatching(/^[1-9][0-9]*$/),
      phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      tier: 'regular',
      region: null,
      realNameVerified: false,
    });
    const me = await app.inject({ url: '/api/me', headers: bearer(token) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual(shopper);
    expect((await app.inject({ url: '/api/orders', headers: bearer(token) })).json()).toEqual({ orders: [] });
  });

  it('signs a known phone in as its shopper, tier and all', async () => {
    const p = prefix();
    const [known] = await new Operator(app, t.admin).shoppers(1, { tier: 'gold', region: 'CN-31', realNameVerified: true }, p);
    const phone = `${p}00000000`;
    const res = await signIn(phone, await codeFor(phone));
    expect(res.statusCode).toBe(200);
    expect(res.json().shopper).toMatchObject({ id: known.id, tier: 'gold', region: 'CN-31', realNameVerified: true });
    expect(t.platform.services.tokens.verify(res.json().token)).toEqual({ id: known.id, tier: 'gold', region: 'CN-31', realNameVerified: true });
  });

  it('refuses a wrong code with 401 SIGN_IN_FAILED, and five wrong tries void the code', async () => {
    const phone = newPhone();
    const code = await codeFor(phone);
    for (let i = 0; i < 5; i++) expectError(await signIn(phone, wrong(code)), 401, 'SIGN_IN_FAILED');
    expectError(await signIn(phone, code), 401, 'SIGN_IN_FAILED');
  });

  it('still takes the right code after fewer than five wrong tries', async () => {
    const phone = newPhone();
    const code = await codeFor(phone);
    for (let i = 0; i < 4; i++) expectError(await signIn(phone, wrong(code)), 401, 'SIGN_IN_FAILED');
    expect((await signIn(phone, code)).statusCode).toBe(200);
  });

  it('uses a code once, even when two sign-ins race with it', async () => {
    const phone = newPhone();
    const code = await codeFor(phone);
    const answers = await Promise.all([signIn(phone, code), signIn(phone, code), signIn(phone, code)]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 401, 401]);
    expectError(await signIn(phone, code), 401, 'SIGN_IN_FAILED');
  });

  it('refuses an expired code, and a phone that was never sent one', async () => {
    const phone = newPhone();
    const code = await codeFor(phone);
    clock.advance(5 * 60_000);
    expectError(await signIn(phone, code), 401, 'SIGN_IN_FAILED');
    expectError(await signIn(newPhone(), '123456'), 401, 'SIGN_IN_FAILED');
  });

  it('sends a phone one code per 30 s: 429 RATE_LIMITED with Retry-After, then a new code that replaces the old', async () => {
    const phone = newPhone();
    const first = await codeFor(phone);
    clock.advance(10_000);
    const again = await askCode(phone);
    expectError(again, 429, 'RATE_LIMITED');
    expect(Number(again.headers['retry-after'])).toBe(20);
    clock.advance(20_000);
    const second = await codeFor(phone);
    if (second !== first) expectError(await signIn(phone, first), 401, 'SIGN_IN_FAILED');
    expect((await signIn(phone, second)).statusCode).toBe(200);
  });

  it('answers bad input with 400 INVALID_REQUEST and /api/me without a token with 401', async () => {
    expectError(await askCode('not-a-phone'), 400, 'INVALID_REQUEST');
    expectError(await askCode(13800138000), 400, 'INVALID_REQUEST');
    expectError(await app.inject({ method: 'POST', url: '/api/auth/codes', payload: {} }), 400, 'INVALID_REQUEST');
    expectError(await signIn(newPhone(), '12ab56'), 400, 'INVALID_REQUEST');
    expectError(await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: 'x', headers: { 'content-type': 'application/json' } }), 400, 'INVALID_REQUEST');
    expectError(await app.inject({ url: '/api/me' }), 401, 'UNAUTHORIZED');
    expectError(await app.inject({ url: '/api/me', headers: bearer('forged.token') }), 401, 'UNAUTHORIZED');
  });

  it('lists demo shoppers only on a demo server', async () => {
    expectError(await app.inject({ url: '/api/auth/demo-shoppers' }), 404, 'NOT_FOUND');
  });
});

describe('sign-in codes that are not shown', () => {
  let t: TestPlatform;
  const sent: { phone: string; code: string }[] = [];

  beforeAll(async () => {
    t = await startTestPlatform('pglite', { signInCodeSender: { send: (phone, code) => void sent.push({ phone, code }) } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('leaves the code out of the answer and hands it to the sender, whose code signs in', async () => {
    const app = t.platform.app;
    const res = await app.inject({ method: 'POST', url: '/api/auth/codes', payload: { phone: '13912345678' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ phone: '139****5678', expiresAt: expect.any(String) });
    expect(sent).toEqual([{ phone: '13912345678', code: expect.stringMatching(/^[0-9]{6}$/) }]);
    const signedIn = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { phone: '13912345678', code: sent[0].code } });
    expect(signedIn.statusCode).toBe(200);
  });
});

describe('sign-in codes per client', () => {
  let t: TestPlatform;
  const clock = new ManualClock(Date.now());
  let serial = 0;
  const prefix = phonePrefixes(161);
  const newPhone = () => `${prefix()}${String(++serial).padStart(8, '0')}`;
  let failSends = false;

  beforeAll(async () => {
    t = await startTestPlatform('pglite', {
      clock,
      showSignInCodes: true,
      // 6 a minute: one every 10 s, after a burst of 2; behind one proxy hop, the client is X-Forwarded-For's.
      signInCodeRate: { perMinute: 6, burst: 2 },
      trustProxy: 1,
      signInCodeSender: {
        send: () => {
          if (failSends) throw new Error('gateway down');
        },
      },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const askFrom = (client: string, phone = newPhone()) =>
    t.platform.app.inject({ method: 'POST', url: '/api/auth/codes', payload: { phone }, remoteAddress: '10.0.0.2', headers: { 'x-forwarded-for': client } });

  it('gives one client a burst of codes for many phones, then 429 RATE_LIMITED with Retry-After; other clients are not held up', async () => {
    expect((await askFrom('203.0.113.7')).statusCode).toBe(201);
    expect((await askFrom('203.0.113.7')).statusCode).toBe(201);
    const limited = await askFrom('203.0.113.7');
    expectError(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBe(10);
    expect((await askFrom('203.0.113.8')).statusCode).toBe(201);
    clock.advance(10_000);
    expect((await askFrom('203.0.113.7')).statusCode).toBe(201);
    expectError(await askFrom('203.0.113.7'), 429, 'RATE_LIMITED');
  });

  it('answers 503 UNAVAILABLE when the code cannot be sent, and lets the phone ask again at once', async () => {
    const phone = newPhone();
    failSends = true;
    expectError(await askFrom('198.51.100.1', phone), 503, 'UNAVAILABLE');
    failSends = false;
    expect((await askFrom('198.51.100.1', phone)).statusCode).toBe(201);
  });

  it('turns off with a rate of 0', async () => {
    const open = await startTestPlatform('pglite', { showSignInCodes: true, signInCodeRate: { perMinute: 0, burst: 0 } });
    try {
      for (let i = 0; i < 25; i++) {
        const res = await open.platform.app.inject({ method: 'POST', url: '/api/auth/codes', payload: { phone: newPhone() } });
        expect(res.statusCode).toBe(201);
      }
    } finally {
      await open.close();
    }
  });
});

describe('a demo server', () => {
  let t: TestPlatform;

  beforeAll(async () => {
    t = await startTestPlatform('pglite', { demo: true });
    const app = t.platform.app;
    const shop = await seedDemo(async (method, url, body) => {
      const res = await app.inject({ method, url, payload: body as object, headers: t.admin });
      if (res.statusCode >= 300) throw new Error(`${url} → ${res.statusCode} ${res.body}`);
      return res.json();
    });
    await t.platform.services.demoShoppers.remember(shop.shoppers.map(({ phone, tier, realNameVerified, region }) => ({ phone, tier, realNameVerified, region })));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the seeded shoppers, each of whom signs in with the code shown, as their tier', async () => {
    const app = t.platform.app;
    const res = await app.inject({ url: '/api/auth/demo-shoppers' });
    expect(res.statusCode).toBe(200);
    const { shoppers } = res.json();
    expect(shoppers.map((s: { tier: string }) => s.tier)).toEqual(['regular', 'regular', 'silver', 'gold', 'vip']);
    for (const s of shoppers) expect(s).toEqual({ phone: expect.stringMatching(/^1380[0-9]{7}$/), tier: expect.any(String), realNameVerified: expect.any(Boolean), region: 'CN-31' });

    const vip = shoppers[4];
    const code = (await app.inject({ method: 'POST', url: '/api/auth/codes', payload: { phone: vip.phone } })).json().code;
    expect(code).toMatch(/^[0-9]{6}$/);
    const signedIn = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { phone: vip.phone, code } });
    expect(signedIn.json().shopper).toMatchObject({ tier: 'vip', region: 'CN-31', realNameVerified: true });
  });
});
