import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { campaignTypes } from '../../domain/campaign.js';
import { orderStatuses } from '../../domain/order.js';
import { maskPhone } from '../../domain/shopper.js';
import type { OperatorOrder } from '../../orders/fulfilment.js';
import type { Services } from '../../platform.js';
import { requireOperator } from '../auth.js';
import {
  campaignView,
  cents,
  eligibility,
  errorBody,
  failures,
  id,
  iso,
  isoOrNull,
  isoTime,
  itemView,
  operatorOrder,
  orderCursor,
  orderId,
  phone,
  region,
  sessionView,
  tier,
  unitCounts,
} from '../schemas.js';
import { presentCampaign, presentItem, presentSession } from './sessions.js';

const ms = (time: string) => Date.parse(time);

/** Operator routes: shoppers, campaigns, sessions, items, live statistics. */
export const adminRoutes = (services: Services): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    api.addHook('onRequest', requireOperator(services.adminToken));
    const created = z.object({ id: z.string() });

    api.get(
      '/api/admin/me',
      {
        schema: {
          tags: ['admin'],
          summary: 'Check an operator token',
          response: { 200: z.object({ role: z.literal('operator') }), 401: errorBody, 403: errorBody },
        },
      },
      async () => ({ role: 'operator' as const }),
    );

    api.post(
      '/api/admin/users/bulk',
      {
        schema: {
          tags: ['admin'],
          summary: 'Create shoppers and issue their tokens',
          body: z
            .object({
              users: z
                .array(
                  z
                    .object({
                      phone,
                      tier: tier.optional(),
                      region: region.optional(),
                      realNameVerified: z.boolean().optional(),
                    })
                    .strict(),
                )
                .min(1)
                .max(5000),
            })
            .strict(),
          response: { 201: z.object({ users: z.array(z.object({ id: z.string(), token: z.string() })) }), ...failures },
        },
      },
      async (request, reply) => {
        const users = await services.users.createMany(request.body.users);
        request.log.info({ created: users.length, first: maskPhone(request.body.users[0].phone) }, 'shoppers created');
        return reply.code(201).send({ users });
      },
    );

    api.post(
      '/api/admin/campaigns',
      {
        schema: {
          tags: ['admin'],
          summary: 'Plan a campaign',
          body: z
            .object({ name: z.string().trim().min(1).max(200), type: z.enum(campaignTypes), startsAt: isoTime, endsAt: isoTime })
            .strict(),
          response: { 201: created, ...failures },
        },
      },
      async (request, reply) => {
        const { name, type, startsAt, endsAt } = request.body;
        const campaign = await services.campaigns.createCampaign({ name, type, startsAt: ms(startsAt), endsAt: ms(endsAt) });
        return reply.code(201).send({ id: campaign.id });
      },
    );

    api.get(
      '/api/admin/campaigns',
      {
        schema: { tags: ['admin'], summary: 'All campaigns with their sessions', response: { 200: z.object({ campaigns: z.array(campaignView) }), ...failures } },
      },
      async () => ({
        campaigns: [...services.catalog.campaigns.values()].map((c) => presentCampaign(services, c)),
      }),
    );

    api.get(
      '/api/admin/campaigns/:id',
      {
        schema: { tags: ['admin'], summary: 'A campaign with its sessions', params: z.object({ id }), response: { 200: campaignView, ...failures } },
      },
      async (request) => {
        const campaign = services.catalog.campaign(request.params.id);
        return presentCampaign(services, campaign);
      },
    );

    api.post(
      '/api/admin/campaigns/:id/sessions',
      {
        schema: {
          tags: ['admin'],
          summary: 'Add a session (time slot) to a campaign',
          params: z.object({ id }),
          body: z
            .object({ startsAt: isoTime, endsAt: isoTime, paymentWindowSeconds: z.int().min(30).max(86_400).optional() })
            .strict(),
          response: { 201: created, ...failures },
        },
      },
      async (request, reply) => {
        const { startsAt, endsAt, paymentWindowSeconds } = request.body;
        const session = await services.campaigns.createSession(request.params.id, {
          startsAt: ms(startsAt),
          endsAt: ms(endsAt),
          paymentWindowSeconds,
        });
        return reply.code(201).send({ id: session.id });
      },
    );

    api.post(
      '/api/admin/sessions/:id/items',
      {
        schema: {
          tags: ['admin'],
          summary: 'Put an item on sale in a session; its stock is loaded into the hot store',
          params: z.object({ id }),
          body: z
            .object({
              title: z.string().trim().min(1).max(200),
              originalPrice: cents,
              flashPrice: cents,
              stock: z.int().min(1).max(10_000_000),
              perUserLimit: z.int().min(1).max(100),
              sku: z.string().trim().min(1).max(100).optional(),
              eligibility: eligibility.optional(),
            })
            .strict()
            .refine((item) => item.flashPrice < item.originalPrice, {
              message: 'flashPrice must be below originalPrice',
              path: ['flashPrice'],
            }),
          response: { 201: created, ...failures },
        },
      },
      async (request, reply) => {
        const item = await services.campaigns.createItem(request.params.id, request.body);
        return reply.code(201).send({ id: item.id });
      },
    );

    api.patch(
      '/api/admin/sessions/:id',
      {
        schema: {
          tags: ['admin'],
          summary: 'Move a session or change its payment window, before it opens',
          description: '409 SESSION_LOCKED once anyone may buy in it (its start, or an earlier priority window of one of its items).',
          params: z.object({ id }),
          body: z
            .object({ startsAt: isoTime.optional(), endsAt: isoTime.optional(), paymentWindowSeconds: z.int().min(30).max(86_400).optional() })
            .strict(),
          response: { 200: sessionView, ...failures },
        },
      },
      async (request) => {
        const { startsAt, endsAt, paymentWindowSeconds } = request.body;
        const session = await services.campaigns.updateSession(request.params.id, {
          startsAt: startsAt === undefined ? undefined : ms(startsAt),
          endsAt: endsAt === undefined ? undefined : ms(endsAt),
          paymentWindowSeconds,
        });
        return presentSession(services, session);
      },
    );

    api.patch(
      '/api/admin/items/:id',
      {
        schema: {
          tags: ['admin'],
          summary: 'Pause or resume an item at any time; change the rest before its session opens',
          description:
            '`paused` may change at any time; every other field only before anyone may buy in the session (409 ' +
            'SESSION_LOCKED). A new `stock` replaces the units on sale in the hot store.',
          params: z.object({ id }),
          body: z
            .object({
              paused: z.boolean().optional(),
              title: z.string().trim().min(1).max(200).optional(),
              originalPrice: cents.optional(),
              flashPrice: cents.optional(),
              stock: z.int().min(1).max(10_000_000).optional(),
              perUserLimit: z.int().min(1).max(100).optional(),
              eligibility: eligibility.optional(),
            })
            .strict(),
          response: { 200: itemView, ...failures },
        },
      },
      async (request) => presentItem(services, await services.campaigns.updateItem(request.params.id, request.body)),
    );

    api.get(
      '/api/admin/sessions/:id',
      {
        schema: { tags: ['admin'], summary: 'A session with its items', params: z.object({ id }), response: { 200: sessionView, ...failures } },
      },
      async (request) => {
        const session = services.catalog.session(request.params.id);
        return presentSession(services, session);
      },
    );

    api.get(
      '/api/admin/sessions/:id/stats',
      {
        schema: {
          tags: ['admin'],
          summary: 'Units per item: still on sale, and in orders of each status',
          params: z.object({ id }),
          response: { 200: z.object({ sessionId: z.string(), items: z.array(unitCounts) }), ...failures },
        },
      },
      async (request) => {
        const session = services.catalog.session(request.params.id);
        return { sessionId: session.id, items: await services.stats.sessionUnits(session.id) };
      },
    );

    const itemBalance = z.object({
      itemId: z.string(),
      sessionId: z.string(),
      title: z.string(),
      stock: z.int(),
      onSale: z.int().nullable(),
      inOrders: z.int(),
      unwritten: z.int(),
      drift: z.int(),
    });
    const reconcileQuery = z.object({ sessionId: id.optional() });

    api.get(
      '/api/admin/reconcile',
      {
        schema: {
          tags: ['admin'],
          summary: 'Per item: stock loaded = units on sale in the hot store + units in live orders (+ not yet written); drift otherwise',
          querystring: reconcileQuery,
          response: { 200: z.object({ items: z.array(itemBalance) }), ...failures },
        },
      },
      async (request) => ({ items: await services.reconciler.check(request.query.sessionId) }),
    );

    api.post(
      '/api/admin/reconcile',
      {
        schema: {
          tags: ['admin'],
          summary: 'Repair the hot store from the database',
          description:
            'Rebuilds whatever the hot store lost (always safe), and sets the stock on sale of drifting items from the ' +
            'database — only for items whose session is not live, unless `force` (pause the item first).',
          querystring: reconcileQuery,
          body: z.object({ force: z.boolean().default(false) }).default({ force: false }),
          response: {
            200: z.object({ items: z.array(itemBalance), recovered: z.array(z.string()), corrected: z.array(z.string()) }),
            ...failures,
          },
        },
      },
      async (request) => services.reconciler.repair({ force: request.body.force, sessionId: request.query.sessionId }),
    );

    const presentOrder = (o: OperatorOrder) => ({ ...o, createdAt: iso(o.createdAt), paidAt: isoOrNull(o.paidAt) });

    api.get(
      '/api/admin/sessions/:id/orders',
      {
        schema: {
          tags: ['admin'],
          summary: 'Orders of a session, newest first; page with ?before=<last id>',
          params: z.object({ id }),
          querystring: z
            .object({
              status: z.enum(orderStatuses).optional(),
              limit: z.coerce.number().int().min(1).max(1000).default(100),
              before: orderCursor.optional(),
            })
            .strict(),
          response: { 200: z.object({ orders: z.array(operatorOrder) }), ...failures },
        },
      },
      async (request) => {
        services.catalog.session(request.params.id);
        const { status, limit, before } = request.query;
        const orders = await services.fulfilment.list(request.params.id, status, limit, before);
        return { orders: orders.map(presentOrder) };
      },
    );

    const moves = {
      ship: (orderId: string) => services.fulfilment.ship(orderId),
      complete: (orderId: string) => services.fulfilment.complete(orderId),
      refund: (orderId: string) => services.fulfilment.refund(orderId),
    };
    const summaries = {
      ship: 'Mark a paid order shipped',
      complete: 'Mark a shipped order completed',
      refund: 'Refund a paid order through the channel that took the money',
    };
    for (const move of ['ship', 'complete', 'refund'] as const) {
      api.post(
        `/api/admin/orders/:id/${move}`,
        {
          schema: {
            tags: ['admin'],
            summary: summaries[move],
            params: z.object({ id: orderId }),
            body: z.object({}).strict().nullish(),
            response: { 200: operatorOrder, ...failures },
          },
        },
        async (request) => presentOrder(await moves[move](request.params.id)),
      );
    }
  };
