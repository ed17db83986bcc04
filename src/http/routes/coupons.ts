import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../platform.js';
import { requireOperator, requireShopper } from '../auth.js';
import { couponTemplateInput, couponTemplateView, errorBody, failures, id, walletCouponView } from '../schemas.js';
import { presentCoupon, presentTemplate } from './couponViews.js';

/** Coupons (P2): the operator issues them, anyone sees what can be claimed, a shopper claims into a wallet. */
export const couponRoutes = (services: Services): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.post(
      '/api/admin/coupons',
      {
        onRequest: requireOperator(services.adminToken),
        schema: { tags: ['coupons'], summary: 'Issue a kind of coupon', body: couponTemplateInput, response: { 201: couponTemplateView, ...failures } },
      },
      async (request, reply) => {
        const { validFrom, validTo, ...rest } = request.body;
        const template = await services.coupons.issue({ ...rest, validFrom: Date.parse(validFrom), validTo: Date.parse(validTo) });
        return reply.code(201).send(presentTemplate(template));
      },
    );

    api.get(
      '/api/admin/coupons',
      {
        onRequest: requireOperator(services.adminToken),
        schema: { tags: ['coupons'], summary: 'Every kind of coupon issued, with how many were claimed', response: { 200: z.object({ coupons: z.array(couponTemplateView) }), ...failures } },
      },
      async () => ({ coupons: (await services.coupons.templates()).map(presentTemplate) }),
    );

    api.get(
      '/api/coupons',
      {
        schema: { tags: ['coupons'], summary: 'Coupons that can be claimed now', response: { 200: z.object({ coupons: z.array(couponTemplateView) }) } },
      },
      async () => ({ coupons: (await services.coupons.claimable()).map(presentTemplate) }),
    );

    api.post(
      '/api/coupons/:id/claims',
      {
        onRequest: requireShopper(services.tokens),
        schema: {
          tags: ['coupons'],
          summary: 'Claim one coupon into my wallet',
          description: '409 COUPONS_GONE when all are claimed, COUPON_LIMIT_REACHED at the per-shopper cap, COUPON_NOT_CLAIMABLE outside its window.',
          params: z.object({ id }),
          body: z.object({}).strict().nullish(),
          response: { 201: walletCouponView, ...failures },
        },
      },
      async (request, reply) => reply.code(201).send(presentCoupon(await services.coupons.claim(request.shopper!.id, request.params.id))),
    );

    api.get(
      '/api/me/coupons',
      {
        onRequest: requireShopper(services.tokens),
        schema: { tags: ['coupons'], summary: 'My coupon wallet, newest first', response: { 200: z.object({ coupons: z.array(walletCouponView) }), 401: errorBody } },
      },
      async (request) => ({ coupons: (await services.coupons.wallet(request.shopper!.id)).map(presentCoupon) }),
    );
  };
