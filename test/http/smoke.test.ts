import { describe, expect, it } from 'vitest';
import { backends, startTestPlatform } from '../support/platform.js';
import { Operator, bearer } from '../support/shop.js';

describe.each(backends)('smoke on %s', (backend) => {
  it('reserve, pay', async () => {
    const t = await startTestPlatform(backend);
    try {
      const app = t.platform.app;
      const op = new Operator(app, t.admin);
      const [alice] = await op.shoppers(1);
      const { sessionId } = await op.session();
      const itemId = await op.item(sessionId);
      const res = await app.inject({
        method: 'POST',
        url: `/api/sessions/${sessionId}/items/${itemId}/reservations`,
        headers: { ...bearer(alice.token), 'idempotency-key': 'k1' },
        payload: { quantity: 1 },
      });
      console.log(res.statusCode, res.body);
      expect(res.statusCode).toBe(201);
      const pay = await app.inject({ method: 'POST', url: `/api/orders/${res.json().orderId}/payments`, headers: bearer(alice.token), payload: {} });
      console.log(pay.statusCode, pay.body);
      const s = await app.inject({ method: 'GET', url: `/api/admin/sessions/${sessionId}/stats`, headers: t.admin });
      console.log(s.body);
    } finally {
      await t.close();
    }
  });
});
