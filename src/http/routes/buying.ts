import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isRefusal } from '../../errors.js';
import type { Services } from '../../platform.js';
import { requireShopper } from '../auth.js';
import { sendError } from '../errors.js';
import { errorBody, id, reservation } from '../schemas.js';

/** The hot path of a purchase: POST a reservation. The rest happens in src/orders/buying.ts. */
export const buyingRoutes = (services: Services): FastifyPluginAsync =>
  async (app) => {
    app.withTypeProvider<ZodTypeProvider>().post(
      '/api/sessions/:sessionId/items/:itemId/reservations',
      {
        onRequest: [
          requireShopper(services.tokens),
          async (request, reply) => {
            const key = request.headers['idempotency-key'];
            if (typeof key !== 'string' || key.length === 0 || key.length > 200) return; // validation will answer
            const { sessionId, itemId } = request.params as { sessionId: string; itemId: string };
            const refusal = await services.buying.refuseEarly(request.shopper!, sessionId, itemId, key);
            if (refusal) return sendError(reply, refusal);
          },
        ],
        schema: {
          tags: ['buying'],
          summary: 'Reserve units of an item (a buy attempt)',
          description:
            'Answers 201 only once the reservation is durable. The same Idempotency-Key always gets the same answer.',
          params: z.object({ sessionId: id, itemId: id }),
          headers: z.object({ 'idempotency-key': z.string().min(1).max(200) }),
          body: z.object({ quantity: z.int().min(1).max(100) }).strict(),
          response: {
            201: reservation,
            400: errorBody,
            401: errorBody,
            403: errorBody,
            404: errorBody,
            409: errorBody,
            422: errorBody,
            429: errorBody,
            503: errorBody,
          },
        },
      },
      async (request, reply) => {
        const shopper = request.shopper!;
        const { sessionId, itemId } = request.params;
        const wait = services.shopperRate.take(shopper.id);
        if (wait > 0) {
          services.metrics.reservations.inc({ outcome: 'rate_limited' });
          services.live.attempt(sessionId, 'rate_limited');
          return sendError(reply, { code: 'RATE_LIMITED', message: 'too many attempts; retry shortly' }, wait);
        }
        let result;
        try {
          result = await services.buying.reserve(shopper, sessionId, itemId, request.body.quantity, request.headers['idempotency-key']);
        } catch (error) {
          // The hot store did not answer (Redis out of reach): the error handler answers 503.
          services.live.attempt(sessionId, 'failed');
          throw error;
        }
        if (isRefusal(result)) return sendError(reply, result, result.code === 'UNAVAILABLE' ? 1 : undefined);
        return reply.code(201).send({ orderId: result.orderId, status: 'reserved', payBefore: new Date(result.payBefore).toISOString() });
      },
    );
  };
