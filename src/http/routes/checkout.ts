import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CheckoutOrder } from '../../checkout/checkout.js';
import type { Services } from '../../platform.js';
import { requireOperator, requireShopper } from '../auth.js';
import { errorBody, failures, id, iso, isoOrNull } from '../schemas.js';
import {
  cartLineInput,
  checkoutInput,
  checkoutOrderParams,
  checkoutOrderView,
  merchantInput,
  merchantView,
  productChange,
  productFilter,
  productInput,
  productView,
  quoteView,
} from './checkoutSchemas.js';

const present = (order: CheckoutOrder): z.infer<typeof checkoutOrderView> => ({
  ...order,
  payBefore: iso(order.payBefore),
  createdAt: iso(order.createdAt),
  paidAt: isoOrNull(order.paidAt),
  cancelledAt: isoOrNull(order.cancelledAt),
});

/** Ordinary products and their checkout: the operator's catalogue, the shopper's cart, its orders and their payment. */
export const checkoutRoutes = (services: Services): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const operator = requireOperator(services.adminToken);
    const shopper = requireShopper(services.tokens);

    api.post(
      '/api/admin/merchants',
      { onRequest: operator, schema: { tags: ['checkout'], summary: 'Add a merchant', body: merchantInput, response: { 201: merchantView, ...failures } } },
      async (request, reply) => reply.code(201).send(await services.products.addMerchant(request.body.name)),
    );

    api.get(
      '/api/admin/merchants',
      { onRequest: operator, schema: { tags: ['checkout'], summary: 'Every merchant', response: { 200: z.object({ merchants: z.array(merchantView) }), ...failures } } },
      async () => ({ merchants: await services.products.merchants() }),
    );

    api.post(
      '/api/admin/products',
      {
        onRequest: operator,
        schema: { tags: ['checkout'], summary: 'Add an ordinary product of a merchant', body: productInput, response: { 201: productView, ...failures } },
      },
      async (request, reply) => reply.code(201).send(await services.products.add(request.body)),
    );

    api.get(
      '/api/admin/products',
      {
        onRequest: operator,
        schema: { tags: ['checkout'], summary: 'Every ordinary product, by merchant', querystring: productFilter, response: { 200: z.object({ products: z.array(productView) }), ...failures } },
      },
      async (request) => ({ products: await services.products.list(request.query) }),
    );

    api.patch(
      '/api/admin/products/:id',
      {
        onRequest: operator,
        schema: {
          tags: ['checkout'],
          summary: 'Change a product: price, floor price (最低成交价), stock, title, category, coupons allowed',
          params: z.object({ id }),
          body: productChange,
          response: { 200: productView, ...failures },
        },
      },
      async (request) => services.products.change(request.params.id, request.body),
    );

    api.get(
      '/api/products',
      {
        schema: { tags: ['checkout'], summary: 'Ordinary products on sale, optionally of one merchant or category', querystring: productFilter, response: { 200: z.object({ products: z.array(productView) }), 400: errorBody } },
      },
      async (request) => ({ products: await services.products.list(request.query) }),
    );

    api.get(
      '/api/products/:id',
      { schema: { tags: ['checkout'], summary: 'One ordinary product', params: z.object({ id }), response: { 200: productView, 400: errorBody, 404: errorBody } } },
      async (request) => services.products.get(request.params.id),
    );

    api.put(
      '/api/me/cart/lines/:productId',
      {
        onRequest: shopper,
        schema: {
          tags: ['checkout'],
          summary: 'Set how many of a product my cart holds (0 removes it); answers the cart with its price',
          description: '404 NOT_FOUND for an unknown product; 409 CART_FULL when the cart already holds 50 products.',
          params: z.object({ productId: id }),
          body: cartLineInput,
          response: { 200: quoteView, ...failures },
        },
      },
      async (request) => {
        const userId = request.shopper!.id;
        await services.carts.setLine(userId, request.params.productId, request.body.quantity);
        return services.checkout.quote(userId);
      },
    );

    api.get(
      '/api/me/cart',
      {
        onRequest: shopper,
        schema: {
          tags: ['checkout'],
          summary: 'My cart at its best price, explained line by line',
          description: 'Every running promotion and every usable coupon in my wallet is considered; at most one coupon applies to an order.',
          response: { 200: quoteView, 401: errorBody },
        },
      },
      async (request) => services.checkout.quote(request.shopper!.id),
    );

    api.post(
      '/api/me/checkout',
      {
        onRequest: shopper,
        schema: {
          tags: ['checkout'],
          summary: 'Order my cart at the price worked out now; pay within 15 minutes',
          description:
            'The same Idempotency-Key always answers with the same order. 409 CART_EMPTY, OUT_OF_STOCK (nothing ordered), COUPON_NOT_USABLE (a coupon was used meanwhile: look at the cart again), QUOTE_CHANGED (expectedTotal differs).',
          headers: z.object({ 'idempotency-key': z.string().min(1).max(200) }),
          body: checkoutInput,
          response: { 201: checkoutOrderView, ...failures },
        },
      },
      async (request, reply) => {
        const order = await services.checkout.place(request.shopper!.id, request.headers['idempotency-key'], request.body?.expectedTotal);
        return reply.code(201).send(present(order));
      },
    );

    api.get(
      '/api/me/checkout-orders',
      { onRequest: shopper, schema: { tags: ['checkout'], summary: 'My checkout orders, newest first', response: { 200: z.object({ orders: z.array(checkoutOrderView) }), 401: errorBody } } },
      async (request) => ({ orders: (await services.checkout.list(request.shopper!.id)).map(present) }),
    );

    api.get(
      '/api/me/checkout-orders/:id',
      { onRequest: shopper, schema: { tags: ['checkout'], summary: 'One of my checkout orders', params: checkoutOrderParams, response: { 200: checkoutOrderView, ...failures } } },
      async (request) => present(await services.checkout.get(request.params.id, request.shopper!.id)),
    );

    api.post(
      '/api/me/checkout-orders/:id/payments',
      {
        onRequest: shopper,
        schema: {
          tags: ['checkout'],
          summary: 'Pay a checkout order (a repeat never charges twice); earns points once',
          params: checkoutOrderParams,
          body: z.object({ channel: z.string().min(1).max(40).optional() }).strict().nullish(),
          response: { 200: checkoutOrderView, ...failures, 502: errorBody },
        },
      },
      async (request) => present(await services.checkout.pay(request.params.id, request.shopper!.id, request.body?.channel)),
    );

    api.post(
      '/api/me/checkout-orders/:id/cancel',
      {
        onRequest: shopper,
        schema: {
          tags: ['checkout'],
          summary: 'Cancel an unpaid checkout order: its stock and coupons come back once',
          params: checkoutOrderParams,
          body: z.object({}).strict().nullish(),
          response: { 200: checkoutOrderView, ...failures },
        },
      },
      async (request) => present(await services.checkout.cancel(request.params.id, request.shopper!.id)),
    );
  };
