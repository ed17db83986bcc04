import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../platform.js';
import type { Promotion, PromotionPatch } from '../../promotions/shopPromotions.js';
import { requireOperator } from '../auth.js';
import { errorBody, failures } from '../schemas.js';
import { priceQuoteInput, pricedCartView, promotionInput, promotionParams, promotionPatch, promotionView } from './promotionSchemas.js';
import { parseWindow, presentWindow } from './windows.js';

const present = (p: Promotion): z.infer<typeof promotionView> => presentWindow(p);

/** The operator's promotions (满减, member prices, 折扣, 立减): stored, scheduled, shown in the shop, priced by the engine. */
export const promotionRoutes = (services: Services): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const operator = requireOperator(services.adminToken);
    const list = z.object({ promotions: z.array(promotionView) });

    api.post(
      '/api/admin/promotions',
      {
        onRequest: operator,
        schema: {
          tags: ['promotions'],
          summary: 'Create a promotion',
          description: '400 PROMOTION_INVALID when its rule cannot run: tiers not ascending, a reduction not below its threshold, an end before the start.',
          body: promotionInput,
          response: { 201: promotionView, ...failures },
        },
      },
      async (request, reply) => {
        const promotion = await services.shopPromotions.create(parseWindow(request.body));
        return reply.code(201).send(present(promotion));
      },
    );

    api.get(
      '/api/admin/promotions',
      {
        onRequest: operator,
        schema: { tags: ['promotions'], summary: 'Every promotion, newest first, with its state', response: { 200: list, ...failures } },
      },
      async () => ({ promotions: (await services.shopPromotions.list()).map(present) }),
    );

    api.patch(
      '/api/admin/promotions/:id',
      {
        onRequest: operator,
        schema: {
          tags: ['promotions'],
          summary: 'Change, disable or end a promotion',
          description: 'Terms change only before it starts (409 PROMOTION_STARTED after); `enabled` and an earlier `endsAt` at any time — an end in the past ends it now.',
          params: promotionParams,
          body: promotionPatch,
          response: { 200: promotionView, ...failures },
        },
      },
      async (request) => {
        const { startsAt, endsAt, ...rest } = request.body;
        const patch: PromotionPatch = { ...rest };
        if (startsAt !== undefined) patch.startsAt = Date.parse(startsAt);
        if (endsAt !== undefined) patch.endsAt = Date.parse(endsAt);
        return present(await services.shopPromotions.update(request.params.id, patch));
      },
    );

    api.get(
      '/api/promotions',
      {
        schema: { tags: ['promotions'], summary: 'Promotions running now, in the order they apply (the shop’s 满减 badges)', response: { 200: list } },
      },
      async () => ({ promotions: (await services.shopPromotions.running(services.clock.now())).map(present) }),
    );

    api.post(
      '/api/price-quotes',
      {
        schema: {
          tags: ['promotions'],
          summary: 'Preview the best price the running promotions give a cart',
          description: 'Lines are items as the shop shows them; no coupons. The checkout prices the real cart.',
          body: priceQuoteInput,
          response: { 200: pricedCartView, 400: errorBody },
        },
      },
      async (request) => {
        const { tier, firstOrder, lines } = request.body;
        return services.shopPromotions.quote(
          lines.map((line, i) => ({
            lineId: line.lineId ?? String(i + 1),
            itemId: line.itemId,
            merchantId: line.merchantId,
            categoryId: line.categoryId,
            unitPrice: line.unitPrice,
            quantity: line.quantity,
            floorPrice: line.floorPrice ?? 0,
            flashSale: false,
            couponsAllowed: true,
          })),
          { tier, firstOrder },
        );
      },
    );
  };
