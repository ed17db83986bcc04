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
});
