import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { maskPhone } from '../../src/domain/shopper.js';
import { createLogger } from '../../src/observe/logger.js';
import { startTestPlatform } from '../support/platform.js';
import { Operator } from '../support/shop.js';

describe('logs', () => {
  it('carry no whole phone number and no token', async () => {
    let written = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        written += chunk;
        done();
      },
    });
    const t = await startTestPlatform('pglite', { logger: createLogger('info', sink) });
    try {
      const op = new Operator(t.platform.app, t.admin);
      const [shopper] = await op.shoppers(3, {}, '1387');
      t.platform.app.log.info({ phone: '13912345678', token: shopper.token }, 'a careless log line');
      expect(written).toContain('"msg":"shoppers created"');
      expect(written).toContain(maskPhone('138700000000'));
      expect(written).not.toMatch(/1387\d{8}/);
      expect(written).not.toContain('13912345678');
      expect(written).not.toContain(shopper.token);
    } finally {
      await t.close();
    }
  });

  it('carry the one-time sign-in code (there is no SMS gateway), with the phone masked', async () => {
    let written = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        written += chunk;
        done();
      },
    });
    const t = await startTestPlatform('pglite', { logger: createLogger('info', sink) });
    try {
      const res = await t.platform.app.inject({ method: 'POST', url: '/api/auth/codes', payload: { phone: '13712345678' } });
      expect(res.statusCode).toBe(201);
      expect(res.json().code).toBeUndefined();
      const line = JSON.parse(written.split('\n').find((l) => l.includes('"msg":"sign-in code"'))!);
      expect(line).toMatchObject({ to: '137****5678', code: expect.stringMatching(/^[0-9]{6}$/) });
      const signedIn = await t.platform.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { phone: '13712345678', code: line.code } });
      expect(signedIn.statusCode).toBe(200);
      expect(written).not.toContain('13712345678');
      expect(written).not.toContain(signedIn.json().token);
    } finally {
      await t.close();
    }
  });
});
