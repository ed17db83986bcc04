import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../platform.js';

/** Health, Prometheus metrics and the OpenAPI document. */
export const systemRoutes = (services: Services): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    api.get(
      '/healthz',
      { schema: { tags: ['system'], summary: 'Liveness and readiness', response: { 200: z.object({ status: z.literal('ok'), deployment: z.string() }) } } },
      async () => ({ status: 'ok' as const, deployment: services.deployment }),
    );
    api.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
      reply.header('content-type', services.metrics.registry.contentType);
      return services.metrics.registry.metrics();
    });
    api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  };
