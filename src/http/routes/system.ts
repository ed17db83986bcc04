import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MiaoshaError } from '../../errors.js';
import type { Services } from '../../platform.js';
import { errorBody } from '../schemas.js';

/** Health, Prometheus metrics and the OpenAPI document. */
export const systemRoutes = (services: Services): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    api.get(
      '/healthz',
      {
        schema: {
          tags: ['system'],
          summary: 'Liveness and readiness: 503 while the database (or, scaled, Redis) does not answer',
          response: { 200: z.object({ status: z.literal('ok'), deployment: z.string() }), 503: errorBody },
        },
      },
      async () => {
        try {
          await services.db.query('select 1');
        } catch {
          throw new MiaoshaError('UNAVAILABLE', 'the database does not answer', 5);
        }
        if (services.scaled) {
          try {
            await services.scaled.redis.ping();
          } catch {
            throw new MiaoshaError('UNAVAILABLE', 'Redis does not answer', 2);
          }
        }
        return { status: 'ok' as const, deployment: services.deployment };
      },
    );
    api.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
      reply.header('content-type', services.metrics.registry.contentType);
      return services.metrics.registry.metrics();
    });
    api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  };
