import { type IncomingHttpHeaders, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { injector } from '../support/api.js';
import { type TestPlatform, startTestPlatform } from '../support/platform.js';
import { Operator, bearer } from '../support/shop.js';

const minute = 60_000;

describe.each(['pglite', 'postgres'] as const)('the inbox over HTTP on %s', (backend) => {
  let t: TestPlatform;
  let operator: Operator;
  let shoppers: { id: string; token: string }[];
  const clock = new ManualClock(Date.now());
  // A webhook receiver on this machine: the platform is configured to POST every reminder to it.
  const received: { headers: IncomingHttpHeaders; body: { kind: string; userId: string } }[] = [];
  const receiver = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: JSON.parse(raw) });
      response.writeHead(204).end();
    });
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/reminders`;
    // The background loop is slowed right down: the test runs the passes itself.
    t = await startTestPlatform(backend, { clock, reminders: { intervalMs: 3_600_000, webhook: { url, secret: 's3cret' } } });
    operator = new Operator(t.platform.app, t.admin);
    shoppers = await operator.shoppers(2, {}, '1399');
  });
  afterAll(async () => {
    await t.close();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  });

  const inject = injector(() => t.platform.app);

  it('shows a booked session’s reminder 10 minutes before it starts, unread until read', async () => {
    const [booker, other] = shoppers;
    const { sessionId } = await operator.session({ startsIn: 15 * minute });
    expect((await inject('POST', '/api/me/bookings', bearer(booker.token), { sessionId })).statusCode).toBe(201);
    expect((await inject('GET', '/api/me/inbox', bearer(booker.token))).json()).toEqual({ messages: [], unread: 0 });

    clock.advance(6 * minute);
    await t.platform.services.reminders.run();
    const inbox = (await inject('GET', '/api/me/inbox', bearer(booker.token))).json();
    expect(inbox.unread).toBe(1);
    expect(inbox.messages).toHaveLength(1);
    expect(inbox.messages[0]).toMatchObject({ kind: 'session_start', title: '预约的秒杀即将开始', read: false, payload: { sessionId } });
    expect((await inject('GET', '/api/me/inbox/unread', bearer(booker.token))).json()).toEqual({ unread: 1 });
    expect((await inject('GET', '/api/me/inbox', bearer(other.token))).json().messages).toEqual([]);
    // The configured webhook got it too, signed, with the notification id as its idempotency key.
    expect(received).toHaveLength(1);
    expect(received[0].body).toMatchObject({ kind: 'session_start', userId: booker.id });
    expect(received[0].headers['idempotency-key']).toMatch(/^notification-[0-9]+$/);
    expect(received[0].headers['x-miaosha-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);

    // Running again sends nothing twice.
    await t.platform.services.reminders.run();
    expect((await inject('GET', '/api/me/inbox', bearer(booker.token))).json().messages).toHaveLength(1);
    expect(received).toHaveLength(1);

    const id = inbox.messages[0].id;
    expect((await inject('POST', `/api/me/inbox/${id}/read`, bearer(other.token), {})).statusCode).toBe(404);
    expect((await inject('POST', `/api/me/inbox/${id}/read`, bearer(booker.token), {})).json()).toEqual({ unread: 0 });
    expect((await inject('GET', '/api/me/inbox', bearer(booker.token))).json().messages[0].read).toBe(true);
    expect((await inject('GET', '/api/me/inbox', {})).statusCode).toBe(401);
  });
});
