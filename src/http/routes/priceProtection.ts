import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../platform.js';
import { type PriceProtectionClaim, type ProtectedLine, priceProtectionDays } from '../../promotions/priceProtection.js';
import { requireOperator, requireShopper } from '../auth.js';
import { errorBody, iso, isoOrNull, orderId } from '../schemas.js';
import {
  priceProtectionClaimInput,
  priceProtectionClaimView,
  priceProtectionSetting,
  priceProtectionSettingView,
  protectedLineView,
} from './priceProtectionSchemas.js';

const presentClaim = (c: PriceProtectionClaim): z.infer<typeof priceProtectionClaimView> => ({ ...c, createdAt: iso(c.createdAt), refundedAt: isoOrNull(c.refundedAt) });

const presentLine = (l: ProtectedLine): z.infer<typeof protectedLineView> => ({
  ...l,
  protectedUntil: isoOrNull(l.protectedUntil),
  claim: l.claim ? presentClaim(l.claim) : null,
});

/** Price protection (保价): a shopper claims a lower price within 30 days of payment; the operator may make it automatic. */
export const priceProtectionRoutes = (services: Services): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const shopper = requireShopper(services.tokens);
    const operator = requireOperator(services.adminToken);
    const failures = { 400: errorBody, 401: errorBody, 404: errorBody, 409: errorBody };

    api.post(
      '/api/me/price-protection/claims',
      {
        onRequest: shopper,
        schema: {
          tags: ['price protection'],
          summary: 'Claim the lower price of one line of my paid order (保价)',
          description:
            'Returns (unit paid − price now) × quantity through the order’s payment. 409 PRICE_PROTECTION_CLAIMED for a line claimed before, ' +
            'PRICE_PROTECTION_EXPIRED after 30 days, PRICE_NOT_LOWER when the price is not below what was paid, PRICE_PROTECTION_NOT_ELIGIBLE for an unpaid order.',
          body: priceProtectionClaimInput,
          response: { 201: priceProtectionClaimView, ...failures },
        },
      },
      async (request, reply) =>
        reply.code(201).send(presentClaim(await services.priceProtection.claim(request.shopper!.id, request.body.orderId, request.body.lineId))),
    );

    api.get(
      '/api/me/price-protection/claims',
      {
        onRequest: shopper,
        schema: { tags: ['price protection'], summary: 'My price-protection claims, newest first', response: { 200: z.object({ claims: z.array(priceProtectionClaimView) }), 401: errorBody } },
      },
      async (request) => ({ claims: (await services.priceProtection.claims(request.shopper!.id)).map(presentClaim) }),
    );

    api.get(
      '/api/me/price-protection/orders/:id',
      {
        onRequest: shopper,
        schema: {
          tags: ['price protection'],
          summary: 'Each line of my checkout order: its price now and what a claim would return',
          params: z.object({ id: orderId }),
          response: { 200: z.object({ lines: z.array(protectedLineView), windowDays: z.int() }), ...failures },
        },
      },
      async (request) => ({
        lines: (await services.priceProtection.lines(request.shopper!.id, request.params.id)).map(presentLine),
        windowDays: priceProtectionDays,
      }),
    );

    api.get(
      '/api/admin/price-protection',
      {
        onRequest: operator,
        schema: { tags: ['price protection'], summary: 'Whether price protection refunds by itself', response: { 200: priceProtectionSettingView, 401: errorBody, 403: errorBody } },
      },
      async () => ({ automatic: await services.priceProtection.automatic(), windowDays: priceProtectionDays }),
    );

    api.put(
      '/api/admin/price-protection',
      {
        onRequest: operator,
        schema: {
          tags: ['price protection'],
          summary: 'Turn automatic price protection on or off',
          description: 'On: when a product’s price falls, every paid line within 30 days that paid more is refunded the difference by itself, once.',
          body: priceProtectionSetting,
          response: { 200: priceProtectionSettingView, 400: errorBody, 401: errorBody, 403: errorBody },
        },
      },
      async (request) => {
        const automatic = await services.priceProtection.setAutomatic(request.body.automatic);
        // Turned on: lines whose price fell already are refunded now rather than at the next sweep (which retries a failure).
        if (automatic) await services.priceProtection.sweep().catch((error) => request.log.warn({ err: error }, 'price protection sweep failed'));
        return { automatic, windowDays: priceProtectionDays };
      },
    );
  };
