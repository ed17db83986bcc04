import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../platform.js';
import type { ExchangeOffer, Redemption } from '../../promotions/exchange.js';
import { requireOperator, requireShopper } from '../auth.js';
import { errorBody, failures, id, iso } from '../schemas.js';
import { presentCoupon, presentTemplate } from './couponViews.js';
import { exchangeOfferInput, exchangeOfferView, redeemInput, redemptionView } from './exchangeSchemas.js';

const presentOffer = (o: ExchangeOffer): z.infer<typeof exchangeOfferView> => ({ ...o, template: presentTemplate(o.template) });
const presentRedemption = (r: Redemption): z.infer<typeof redemptionView> => ({ ...r, coupon: r.coupon ? presentCoupon(r.coupon) : null, at: iso(r.at) });

/** 积分/能量兑换 (P4): the operator offers coupons for points or energy; a shopper redeems one. */
export const exchangeRoutes = (services: Services): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const operator = requireOperator(services.adminToken);

    api.post(
      '/api/admin/exchange-offers',
      {
        onRequest: operator,
        schema: { tags: ['exchange'], summary: 'Offer a coupon for points or energy', body: exchangeOfferInput, response: { 201: exchangeOfferView, ...failures } },
      },
      async (request, reply) => reply.code(201).send(presentOffer(await services.exchange.createOffer(request.body))),
    );

    api.get(
      '/api/admin/exchange-offers',
      {
        onRequest: operator,
        schema: { tags: ['exchange'], summary: 'Every exchange offer, with the coupons left', response: { 200: z.object({ offers: z.array(exchangeOfferView) }), ...failures } },
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
      '/api/exchange-offers',
      {
        schema: { tags: ['exchange'], summary: 'Coupons to redeem with points or energy now', response: { 200: z.object({ offers: z.array(exchangeOfferView) }) } },
      },
      async () => ({ offers: (await services.exchange.offers(true)).map(presentOffer) }),
    );

    api.post(
      '/api/me/exchanges',
      {
        onRequest: requireShopper(services.tokens),
        schema: {
          tags: ['exchange'],
          summary: 'Redeem points or energy for one coupon of an offer',
          description:
            '409 POINTS_INSUFFICIENT when the balance is too low, EXCHANGE_LIMIT_REACHED at the per-shopper cap, OFFER_CLOSED when inactive, COUPONS_GONE when the coupons ran out (the price is refunded).',
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
