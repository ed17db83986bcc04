import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../platform.js';
import type { ExchangeOffer, GoodsToShip, Redemption } from '../../promotions/exchange.js';
import { requireOperator, requireShopper } from '../auth.js';
import { errorBody, failures, id, iso } from '../schemas.js';
import { presentCoupon, presentTemplate } from './couponViews.js';
import { exchangeOfferInput, exchangeOfferView, goodsToShipView, redeemInput, redemptionView } from './exchangeSchemas.js';

const presentOffer = (o: ExchangeOffer): z.infer<typeof exchangeOfferView> => ({ ...o, template: o.template ? presentTemplate(o.template) : null });
const presentRedemption = (r: Redemption): z.infer<typeof redemptionView> => ({
  ...r,
  coupon: r.coupon ? presentCoupon(r.coupon) : null,
  shippedAt: r.shippedAt === null ? null : iso(r.shippedAt),
  at: iso(r.at),
});
const presentToShip = (g: GoodsToShip): z.infer<typeof goodsToShipView> => ({ ...g, at: iso(g.at), shippedAt: g.shippedAt === null ? null : iso(g.shippedAt) });

/** 积分/能量兑换 (P4): the operator offers coupons or goods for points or energy; a shopper redeems one. */
export const exchangeRoutes = (services: Services): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const operator = requireOperator(services.adminToken);

    api.post(
      '/api/admin/exchange-offers',
      {
        onRequest: operator,
        schema: { tags: ['exchange'], summary: 'Offer a coupon or goods for points or energy', body: exchangeOfferInput, response: { 201: exchangeOfferView, ...failures } },
      },
      async (request, reply) => reply.code(201).send(presentOffer(await services.exchange.createOffer(request.body))),
    );

    api.get(
      '/api/admin/exchange-offers',
      {
        onRequest: operator,
        schema: { tags: ['exchange'], summary: 'Every exchange offer, with the coupons or goods left', response: { 200: z.object({ offers: z.array(exchangeOfferView) }), ...failures } },
      },
      async () => ({ offers: (await services.exchange.offers()).map(presentOffer) }),
    );

    api.patch(
      '/api/admin/exchange-offers/:id',
      {
        onRequest: operator,
        schema: {
          tags: ['exchange'],
          summary: 'Open or close an exchange offer to shoppers',
          params: z.object({ id }),
          body: z.object({ active: z.boolean() }).strict(),
          response: { 200: exchangeOfferView, ...failures },
        },
      },
      async (request) => presentOffer(await services.exchange.setActive(request.params.id, request.body.active)),
    );

    api.get(
      '/api/admin/exchange-offers/:id/redemptions',
      {
        onRequest: operator,
        schema: {
          tags: ['exchange'],
          summary: 'The goods of an offer given to shoppers, oldest first: what to ship by hand',
          params: z.object({ id }),
          response: { 200: z.object({ redemptions: z.array(goodsToShipView) }), ...failures },
        },
      },
      async (request) => ({ redemptions: (await services.exchange.goodsToShip(request.params.id)).map(presentToShip) }),
    );

    api.post(
      '/api/admin/exchanges/:id/shipped',
      {
        onRequest: operator,
        schema: {
          tags: ['exchange'],
          summary: 'Mark the goods of a redemption shipped (again: keeps the first time)',
          params: z.object({ id }),
          response: { 200: goodsToShipView, ...failures },
        },
      },
      async (request) => presentToShip(await services.exchange.markShipped(request.params.id)),
    );

    api.get(
      '/api/exchange-offers',
      {
        schema: { tags: ['exchange'], summary: 'Coupons and goods to redeem with points or energy now', response: { 200: z.object({ offers: z.array(exchangeOfferView) }) } },
      },
      async () => ({ offers: (await services.exchange.offers(true)).map(presentOffer) }),
    );

    api.post(
      '/api/me/exchanges',
      {
        onRequest: requireShopper(services.tokens),
        schema: {
          tags: ['exchange'],
          summary: 'Redeem points or energy for one coupon or unit of goods of an offer',
          description:
            '409 POINTS_INSUFFICIENT when the balance is too low, EXCHANGE_LIMIT_REACHED at the per-shopper cap, OFFER_CLOSED when inactive, COUPONS_GONE or GOODS_GONE when none is left (the price is refunded). Goods are shipped by hand.',
          body: redeemInput,
          response: { 201: redemptionView, ...failures },
        },
      },
      async (request, reply) => reply.code(201).send(presentRedemption(await services.exchange.redeem(request.shopper!.id, request.body.offerId))),
    );

    api.get(
      '/api/me/exchanges',
      {
        onRequest: requireShopper(services.tokens),
        schema: { tags: ['exchange'], summary: 'My redemptions, newest first', response: { 200: z.object({ exchanges: z.array(redemptionView) }), 401: errorBody } },
      },
      async (request) => ({ exchanges: (await services.exchange.mine(request.shopper!.id)).map(presentRedemption) }),
    );
  };
