import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Services } from '../platform.js';
import { installErrorHandling, sendError } from './errors.js';
import { adminRoutes } from './routes/admin.js';
import { authRoutes } from './routes/auth.js';
import { buyingRoutes } from './routes/buying.js';
import { couponRoutes } from './routes/coupons.js';
import { checkoutRoutes } from './routes/checkout.js';
import { pointsRoutes } from './routes/points.js';
import { lotteryRoutes } from './routes/lottery.js';
import { assistRoutes } from './routes/assists.js';
import { exchangeRoutes } from './routes/exchange.js';
import { groupBuyRoutes } from './routes/groupBuys.js';
import { bookingRoutes } from './routes/bookings.js';
import { inboxRoutes } from './routes/inbox.js';
import { promotionRoutes } from './routes/promotions.js';
import { priceProtectionRoutes } from './routes/priceProtection.js';
import { cartRecoveryRoutes } from './routes/cartRecovery.js';
import { liveRoutes } from './routes/live.js';
import { orderRoutes } from './routes/orders.js';
import { sessionRoutes } from './routes/sessions.js';
import { systemRoutes } from './routes/system.js';
import { webRoutes } from './routes/web.js';

/** The HTTP app: one plugin per area, zod schemas as the contract and the OpenAPI document. */
export async function buildApp(
  services: Services,
  logger: Logger | false,
  /** Behind a load balancer: which hops to believe in X-Forwarded-For, so request.ip is the client (Fastify's trustProxy). */
  trustProxy?: boolean | number | string,
): Promise<FastifyInstance> {
  const hops = trustProxy;
  const app = Fastify({
    // A number is that many hops (proxy-addr's rule); Fastify's types only take the other forms.
    trustProxy: typeof hops === 'number' ? (_address: string, hop: number) => hop < hops : hops,
    loggerInstance: (logger || undefined) as FastifyBaseLogger | undefined,
    // Per-request logs would cost more than the request itself; metrics count requests instead.
    logController: new LogController({ disableRequestLogging: true }),
    // One logger for all requests: a child logger per request costs more than it tells.
    childLoggerFactory: (logger) => logger,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    // A URL the router cannot even decode is malformed input like any other: 400 in our error shape.
    frameworkErrors: (error, _request, reply) => void sendError(reply, { code: 'INVALID_REQUEST', message: error.message }),
  });
  app.setValidatorCompiler(validatorCompiler);
  // Responses are built from typed values by our own code; re-validating each one with zod would
  // only spend CPU. The response schemas still document the contract in /openapi.json.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  installErrorHandling(app);
  app.decorateRequest('shopper', null);

  app.addHook('onResponse', (request, reply, done) => {
    services.metrics.observeRequest(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  // Shopper and operator routes take a bearer token; the rest are open to anyone.
  app.addHook('onRoute', (route) => {
    const needsToken =
      route.url.startsWith('/api/admin/') ||
      route.url.startsWith('/api/orders') ||
      route.url.startsWith('/api/me') ||
      route.url.endsWith('/reservations') ||
      route.url.endsWith('/claims');
    if (needsToken && route.schema) route.schema = { ...route.schema, security: [{ bearer: [] }] };
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Miaosha',
        description: 'Flash sales and promotion campaigns. Money is integer cents; times are ISO-8601 UTC.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(systemRoutes(services));
  await app.register(sessionRoutes(services));
  await app.register(buyingRoutes(services));
  await app.register(orderRoutes(services));
  await app.register(authRoutes(services));
  await app.register(adminRoutes(services));
  await app.register(liveRoutes(services));
  await app.register(couponRoutes(services));
  await app.register(checkoutRoutes(services));
  await app.register(pointsRoutes(services));
  await app.register(lotteryRoutes(services));
  await app.register(assistRoutes(services));
  await app.register(exchangeRoutes(services));
  await app.register(groupBuyRoutes(services));
  await app.register(bookingRoutes(services));
  await app.register(inboxRoutes(services));
  await app.register(promotionRoutes(services));
  await app.register(priceProtectionRoutes(services));
  await app.register(cartRecoveryRoutes(services));
  // Last: its catch-all serves the web app for every path no route above claims.
  await app.register(webRoutes(services.webDist));
  return app;
}
