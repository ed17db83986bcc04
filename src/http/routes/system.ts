import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MiaoshaError } from '../../errors.js';
import { succeedsWithin } from '../../settle.js';
import type { Services } from '../../platform.js';
import { errorBody } from '../schemas.js';

/** Health, Prometheus metrics and the OpenAPI document. */
export const systemRoutes = (services: Services): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    api.get(
      '/livez',
      {
        schema: {
          tags: ['system'],
          summary: 'Liveness: the process answers (restart it only when this fails)',
          response: { 200: z.object({ status: z.literal('ok') }) },
        },
      },
      async () => ({ status: 'ok' as const }),
    );
    api.get(
      '/healthz',
      {
        schema: {
          tags: ['system'],
          summary: 'Readiness: 503 while this node cannot sell',
          description:
            'Embedded and single-database nodes need the database. A scaled node sells from Redis alone: ' +
            'with the database down it stays ready (`degraded`: reservations queue in Redis Streams, routes that ' +
            'need the database answer 503) and is unready only while Redis does not answer.',
          response: {
            200: z.object({ status: z.enum(['ok', 'degraded']), deployment: z.string() }),
            503: errorBody,
          },
        },
      },
      async () => {
        const database = await succeedsWithin(services.db.query('select 1'), 2000);
        if (services.scaled) {
          const redis = await succeedsWithin(services.scaled.redis.ping(), 1000);
          if (!redis) throw new MiaoshaError('UNAVAILABLE', 'Redis does not answer', 2);
          return { status: database ? ('ok' as const) : ('degraded' as const), deployment: services.deployment };
        }
        if (!database) throw new MiaoshaError('UNAVAILABLE', 'the database does not answer', 5);
        return { status: 'ok' as const, deployment: services.deployment };
      },
    );
    api.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
      reply.header('content-type', services.metrics.registry.contentType);
      return services.metrics.registry.metrics();
    });
    api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  };
