import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { OrderView } from '../../orders/orders.js';
import type { Services } from '../../platform.js';
import { requireShopper } from '../auth.js';
import { errorBody, iso, isoOrNull, orderId, orderView } from '../schemas.js';

function present(order: OrderView): z.infer<typeof orderView> {
  return {
    id: order.id,
    sessionId: order.sessionId,
    itemId: order.itemId,
    quantity: order.quantity,
    unitPrice: order.unitPrice,
    amount: order.amount,
    status: order.status,
    payBefore: iso(order.payBefore),
    createdAt: iso(order.createdAt),
    paidAt: isoOrNull(order.paidAt),
    cancelledAt: isoOrNull(order.cancelledAt),
    cancelReason: order.cancelReason,
    payment: order.payment,
  };
}

/** A shopper's own orders. Another shopper's order id answers 404, as if it did not exist. */
export const orderRoutes = (services: Services): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    api.addHook('onRequest', requireShopper(services.tokens));
    const params = z.object({ id: orderId });

    api.get(
      '/api/orders',
      {
        schema: {
          tags: ['orders'],
          summary: 'My orders, newest first',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict(),
          response: { 200: z.object({ orders: z.array(orderView) }), 400: errorBody, 401: errorBody },
        },
      },
      async (request) => {
        const orders = await services.orders.list(request.shopper!.id, request.query.limit);
        return { orders: orders.map(present) };
      },
    );

    api.get(
      '/api/orders/:id',
      {
        schema: {
          tags: ['orders'],
          summary: 'One of my orders',
          params,
          response: { 200: orderView, 400: errorBody, 401: errorBody, 404: errorBody },
        },
      },
      async (request) => present(await services.orders.get(request.params.id, request.shopper!.id)),
    );

    api.post(
      '/api/orders/:id/payments',
      {
        schema: {
          tags: ['orders'],
          summary: 'Pay an order (a repeat never charges twice)',
          params,
          headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
          body: z
            .object({ channel: z.string().min(1).max(40).optional() })
            .strict()
            .nullish(),
          response: { 200: orderView, 400: errorBody, 401: errorBody, 404: errorBody, 409: errorBody, 502: errorBody },
        },
      },
      async (request) =>
        present(await services.orders.pay(request.params.id, request.shopper!.id, request.body?.channel)),
    );

    api.post(
      '/api/orders/:id/cancel',
      {
        schema: {
          tags: ['orders'],
          summary: 'Cancel a reserved order; its units go back on sale once',
          params,
          body: z.object({}).strict().nullish(),
          response: { 200: orderView, 400: errorBody, 401: errorBody, 404: errorBody, 409: errorBody },
        },
      },
      async (request) => present(await services.orders.cancel(request.params.id, request.shopper!.id)),
    );
  };
