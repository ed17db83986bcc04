import { describe, expect, it } from 'vitest';
import { backends, startTestPlatform } from '../support/platform.js';

describe.each(backends)('health on %s', (backend) => {
  it('answers 503 with Retry-After once the database stops answering', async () => {
    const t = await startTestPlatform(backend);
    try {
      expect((await t.platform.app.inject({ url: '/healthz' })).statusCode).toBe(200);
      await t.platform.services.db.close();
      const res = await t.platform.app.inject({ url: '/healthz' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json().error.code).toBe('UNAVAILABLE');
    } finally {
      await t.close();
    }
  });
});
