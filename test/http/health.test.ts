import { describe, expect, it } from 'vitest';
import { backends, isScaled, startTestPlatform } from '../support/platform.js';

describe.each(backends)('health on %s', (backend) => {
  it('stays live, and is unready (503, Retry-After) without its database unless it sells from Redis', async () => {
    const t = await startTestPlatform(backend);
    try {
      const get = (url: string) => t.platform.app.inject({ url });
      expect((await get('/healthz')).statusCode).toBe(200);
      await t.platform.services.db.close();
      expect((await get('/livez')).json()).toEqual({ status: 'ok' });
      const res = await get('/healthz');
      if (isScaled(backend)) {
        // A scaled node keeps selling: reservations wait in Redis Streams until the database is back.
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({ status: 'degraded', deployment: 'scaled' });
      } else {
        expect(res.statusCode).toBe(503);
        expect(res.headers['retry-after']).toBe('5');
        expect(res.json().error.code).toBe('UNAVAILABLE');
      }
    } finally {
      await t.close();
    }
  });

  it.runIf(isScaled(backend))('is unready while Redis does not answer', async () => {
    const t = await startTestPlatform(backend);
    try {
      t.platform.services.scaled!.redis.disconnect();
      const res = await t.platform.app.inject({ url: '/healthz' });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('UNAVAILABLE');
      expect((await t.platform.app.inject({ url: '/livez' })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});
