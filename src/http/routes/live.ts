import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../platform.js';
import { requireOperator } from '../auth.js';
import { errorBody, id, liveSnapshot } from '../schemas.js';

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
