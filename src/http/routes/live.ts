import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { orderStatuses } from '../../domain/order.js';
import { attemptOutcomes } from '../../live/liveSales.js';
import type { Services } from '../../platform.js';
import { requireOperator } from '../auth.js';
import { errorBody, id, isoTime } from '../schemas.js';

const count = z.int().min(0);

export const liveSnapshot = z.object({
  sessionId: z.string(),
  serverTime: isoTime,
  state: z.enum(['upcoming', 'live', 'ended']),
  views: count.describe('session page loads and live-stream opens since the servers started (all nodes)'),
  attempts: z
    .object(Object.fromEntries(attemptOutcomes.map((o) => [o, count])) as Record<(typeof attemptOutcomes)[number], typeof count>)
    .catchall(count)
    .describe('buy attempts by outcome, cumulative (all nodes); rates are differences between snapshots'),
  orders: z.object(Object.fromEntries(orderStatuses.map((s) => [s, count])) as Record<(typeof orderStatuses)[number], typeof count>),
  paidOrders: count.describe('paid + shipped + completed'),
  gmv: count.describe('cents: amount of paid + shipped + completed orders'),
  payments: z.object({ succeeded: count, failed: count }),
  paymentSuccessRate: z.number().min(0).max(1).nullable(),
  funnel: z.object({
    views: count,
    attempts: count.describe('attempts of every outcome'),
    reserved: count.describe('orders ever reserved'),
    paid: count,
  }),
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      initialStock: count,
      stock: count.describe('units still on sale'),
      reserved: count.describe('units in orders awaiting payment'),
      paid: count.describe('units in paid, shipped and completed orders'),
      soldOut: z.boolean(),
      paused: z.boolean(),
    }),
  ),
  alerts: z
    .array(
      z.object({
        id: z.string(),
        level: z.enum(['info', 'warning', 'critical']),
        code: z.enum(['LOW_STOCK', 'SOLD_OUT', 'PAYMENT_SUCCESS_LOW', 'RATE_LIMITED_SURGE']),
        itemId: z.string().nullable(),
        message: z.string(),
        at: isoTime,
      }),
    )
    .describe('newest first, at most 50; raised once when the condition starts'),
});

/** The operator's live view of a session on sale: one snapshot, or a stream of one a second. */
export const liveRoutes = (services: Services): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    api.addHook('onRequest', requireOperator(services.adminToken));
    const failures = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };

    api.get(
      '/api/admin/sessions/:id/live',
      {
        schema: {
          tags: ['admin'],
          summary: 'A session as it sells: attempts by outcome, views, orders, GMV, payments, stock, alerts',
          params: z.object({ id }),
          response: { 200: liveSnapshot, ...failures },
        },
      },
      async (request) => services.live.snapshot(services.catalog.session(request.params.id).id),
    );

    api.get(
      '/api/admin/sessions/:id/live/events',
      {
        schema: {
          tags: ['admin'],
          summary: 'Server-sent events: `live` with a snapshot at once, then one a second',
          description: 'Needs the operator bearer token in the Authorization header (read it with fetch(), not EventSource).',
          params: z.object({ id }),
          response: failures,
        },
      },
      async (request, reply) => {
        const session = services.catalog.session(request.params.id);
        reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        let warned = false;
        const stop = services.live.subscribe(
          session.id,
          (snapshot) => {
            // A snapshot read as the operator left arrives after the stream closed.
            if (!raw.destroyed) raw.write(`event: live\ndata: ${JSON.stringify(snapshot)}\n\n`);
          },
          (error) => {
            // A store out of reach skips a tick; the stream carries on when it answers again.
            if (!warned) request.log.warn({ err: error }, 'live snapshot failed');
            warned = true;
          },
        );
        request.raw.on('close', stop);
      },
    );
  };
