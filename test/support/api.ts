import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { PlatformOptions } from '../../src/platform.js';
import { type Backend, type TestPlatform, startTestPlatform } from './platform.js';
import { Operator, bearer } from './shop.js';

/** A refusal, exactly as the contract shapes it: the status, and `{error: {code, message}}` and nothing else. */
export function expectError(res: LightMyRequestResponse, status: number, code: string): void {
  expect({ status: res.statusCode, body: res.json() }).toEqual({
    status,
    body: { error: { code, message: expect.any(String) } },
  });
  expect(res.json().error.message.length).toBeGreaterThan(0);
}

/**
 * A request to the app with these headers (the operator's or a shopper's bearer) and a JSON body if given.
 * The app is read on each call, so a suite may build this before its platform starts.
 */
export function injector(app: () => FastifyInstance) {
  return (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string>, payload?: unknown) =>
    app().inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
}

/** Distinct phone prefixes, so each test registers its own shoppers on a shared platform. */
export function phonePrefixes(start = 150): () => string {
  let next = start;
  return () => String(next++);
}

/** A shopper's calls through the public API. */
export class ShopperApi {
  constructor(private readonly app: FastifyInstance) {}

  reserve(token: string, sessionId: string, itemId: string, key: string, quantity: unknown = 1) {
    return this.app.inject({
      method: 'POST',
      url: `/api/sessions/${sessionId}/items/${itemId}/reservations`,
      headers: { ...bearer(token), 'idempotency-key': key },
      payload: { quantity } as object,
    });
  }

  /** Reserves and insists on a 201; returns the order id. */
  async reserved(token: string, sessionId: string, itemId: string, key: string, quantity = 1): Promise<string> {
    const res = await this.reserve(token, sessionId, itemId, key, quantity);
    if (res.statusCode !== 201) throw new Error(`reservation refused: ${res.statusCode} ${res.body}`);
    return res.json().orderId;
  }

  order(token: string, orderId: string) {
    return this.app.inject({ url: `/api/orders/${orderId}`, headers: bearer(token) });
  }

  orders(token: string, query = '') {
    return this.app.inject({ url: `/api/orders${query}`, headers: bearer(token) });
  }

  pay(token: string, orderId: string, body: object = {}, headers: Record<string, string> = {}) {
    return this.app.inject({
      method: 'POST',
      url: `/api/orders/${orderId}/payments`,
      headers: { ...bearer(token), ...headers },
      payload: body,
    });
  }

  cancel(token: string, orderId: string) {
    return this.app.inject({ method: 'POST', url: `/api/orders/${orderId}/cancel`, headers: bearer(token), payload: {} });
  }

  async session(sessionId: string): Promise<any> {
    const res = await this.app.inject({ url: `/api/sessions/${sessionId}` });
    if (res.statusCode !== 200) throw new Error(`session ${sessionId}: ${res.statusCode} ${res.body}`);
    return res.json();
  }

  /** Units still on sale, as the public session view shows them. */
  async stock(sessionId: string, itemId: string): Promise<number> {
    const session = await this.session(sessionId);
    const item = session.items.find((i: { id: string }) => i.id === itemId);
    if (!item) throw new Error(`item ${itemId} not in session ${sessionId}`);
    return item.stock;
  }
}

/** A campaign (one day either side) with one session at absolute times, for tests that move the clock. */
export async function sessionAt(
  app: FastifyInstance,
  admin: { authorization: string },
  startsAt: number,
  endsAt: number,
  paymentWindowSeconds?: number,
): Promise<{ campaignId: string; sessionId: string }> {
  const campaign = await app.inject({
    method: 'POST',
    url: '/api/admin/campaigns',
    headers: admin,
    payload: {
      name: 'Member day',
      type: 'member-day',
      startsAt: new Date(startsAt - 86_400_000).toISOString(),
      endsAt: new Date(endsAt + 86_400_000).toISOString(),
    },
  });
  if (campaign.statusCode !== 201) throw new Error(`campaign: ${campaign.statusCode} ${campaign.body}`);
  const session = await app.inject({
    method: 'POST',
    url: `/api/admin/campaigns/${campaign.json().id}/sessions`,
    headers: admin,
    payload: {
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(endsAt).toISOString(),
      ...(paymentWindowSeconds ? { paymentWindowSeconds } : {}),
    },
  });
  if (session.statusCode !== 201) throw new Error(`session: ${session.statusCode} ${session.body}`);
  return { campaignId: campaign.json().id, sessionId: session.json().id };
}

/** A platform for one HTTP suite, with an operator and a shopper API on it; `t.close()` ends it. */
export async function startHttpSuite(
  backend: Backend,
  options?: PlatformOptions,
): Promise<{ t: TestPlatform; app: FastifyInstance; op: Operator; api: ShopperApi }> {
  const t = await startTestPlatform(backend, options);
  const app = t.platform.app;
  return { t, app, op: new Operator(app, t.admin), api: new ShopperApi(app) };
}
