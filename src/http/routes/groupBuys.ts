import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { GroupBuyDeal, GroupView, LeaderboardEntry, Membership } from '../../groupBuys/groupBuys.js';
import type { Services } from '../../platform.js';
import { requireOperator, requireShopper } from '../auth.js';
import { errorBody, failures, id, iso, isoOrNull, isoTime } from '../schemas.js';
import {
  groupBuyDealInput,
  groupBuyDealView,
  groupBuyPageView,
  groupPageView,
  leaderboardEntryView,
  membershipView,
  operatorGroupView,
  payWith,
} from './groupBuysSchemas.js';
import { parseWindow, presentWindow } from './windows.js';

const presentDeal = (d: GroupBuyDeal): z.infer<typeof groupBuyDealView> => presentWindow(d);

const presentGroup = <G extends GroupView>(g: G) => ({
  ...g,
  openedAt: iso(g.openedAt),
  closesAt: iso(g.closesAt),
  succeededAt: isoOrNull(g.succeededAt),
  failedAt: isoOrNull(g.failedAt),
  places: g.places.map((p) => ({ ...p, joinedAt: iso(p.joinedAt) })),
});

const presentEntry = (e: LeaderboardEntry): z.infer<typeof leaderboardEntryView> => ({ ...e, openedAt: iso(e.openedAt), succeededAt: isoOrNull(e.succeededAt) });

const presentMembership = (m: Membership): z.infer<typeof membershipView> => ({
  ...m,
  joinedAt: iso(m.joinedAt),
  paidAt: isoOrNull(m.paidAt),
  group: { ...m.group, closesAt: iso(m.group.closesAt) },
});

/** Group buy (拼团, P5): the operator sets deals; shoppers open groups or join them by link, paying at once. */
export const groupBuyRoutes = (services: Services): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const operator = requireOperator(services.adminToken);
    const shopper = requireShopper(services.tokens);
    const tags = ['group buys'];

    api.post(
      '/api/admin/group-buys',
      { onRequest: operator, schema: { tags, summary: 'Set up a group-buy deal', body: groupBuyDealInput, response: { 201: groupBuyDealView, ...failures } } },
      async (request, reply) => {
        const deal = await services.groupBuys.createDeal(parseWindow(request.body));
        return reply.code(201).send(presentDeal(deal));
      },
    );

    api.get(
      '/api/admin/group-buys',
      { onRequest: operator, schema: { tags, summary: 'Every group-buy deal, newest first', response: { 200: z.object({ deals: z.array(groupBuyDealView) }), ...failures } } },
      async () => ({ deals: (await services.groupBuys.deals()).map(presentDeal) }),
    );

    api.get(
      '/api/admin/group-buys/:id',
      {
        onRequest: operator,
        schema: {
          tags,
          summary: 'A deal with all its groups and their states',
          params: z.object({ id }),
          response: { 200: z.object({ deal: groupBuyDealView, groups: z.array(operatorGroupView) }), ...failures },
        },
      },
      async (request) => {
        const deal = await services.groupBuys.deal(request.params.id);
        return { deal: presentDeal(deal), groups: (await services.groupBuys.groups(deal.id)).map(presentGroup) };
      },
    );

    api.get(
      '/api/group-buys',
      { schema: { tags, summary: 'Group-buy deals running or about to start', response: { 200: z.object({ deals: z.array(groupBuyDealView), serverTime: isoTime }) } } },
      async () => ({ deals: (await services.groupBuys.showing()).map(presentDeal), serverTime: iso(services.clock.now()) }),
    );

    api.get(
      '/api/group-buys/:id',
      {
        schema: { tags, summary: 'A deal: its open groups to join and its leaderboard', params: z.object({ id }), response: { 200: groupBuyPageView, 404: errorBody } },
      },
      async (request) => {
        const deal = await services.groupBuys.deal(request.params.id);
        const [openGroups, leaderboard] = await Promise.all([services.groupBuys.joinable(deal.id), services.groupBuys.leaderboard(deal.id)]);
        return {
          deal: presentDeal(deal),
          openGroups: openGroups.map(presentGroup),
          leaderboard: leaderboard.map(presentEntry),
          serverTime: iso(services.clock.now()),
        };
      },
    );

    api.get(
      '/api/groups/:groupId',
      {
        schema: { tags, summary: 'A group, as its shared link shows it', params: z.object({ groupId: id }), response: { 200: groupPageView, 404: errorBody } },
      },
      async (request) => {
        const group = await services.groupBuys.group(request.params.groupId);
        const deal = await services.groupBuys.deal(group.dealId);
        return { group: presentGroup(group), deal: presentDeal(deal), serverTime: iso(services.clock.now()) };
      },
    );

    api.post(
      '/api/me/group-buys/:id/groups',
      {
        onRequest: shopper,
        schema: {
          tags,
          summary: 'Open a group as its leader, paying the group price at once',
          description: '409 GROUP_BUY_NOT_ACTIVE outside the deal window, GROUP_BUY_SOLD_OUT, GROUP_BUY_LIMIT_REACHED; 502 PAYMENT_FAILED (nothing charged).',
          params: z.object({ id }),
          body: payWith,
          response: { 201: membershipView, 502: errorBody, ...failures },
        },
      },
      async (request, reply) =>
        reply.code(201).send(presentMembership(await services.groupBuys.open(request.shopper!.id, request.params.id, request.body?.channel))),
    );

    api.post(
      '/api/me/groups/:groupId/members',
      {
        onRequest: shopper,
        schema: {
          tags,
          summary: 'Join a group by its link, paying the group price at once',
          description:
            '409 GROUP_FULL, GROUP_CLOSED (expired or failed), ALREADY_IN_GROUP, GROUP_BUY_SOLD_OUT, GROUP_BUY_LIMIT_REACHED, GROUP_BUY_NOT_ACTIVE; 502 PAYMENT_FAILED (nothing charged, the place is freed).',
          params: z.object({ groupId: id }),
          body: payWith,
          response: { 201: membershipView, 502: errorBody, ...failures },
        },
      },
      async (request, reply) =>
        reply.code(201).send(presentMembership(await services.groupBuys.join(request.shopper!.id, request.params.groupId, request.body?.channel))),
    );

    api.get(
      '/api/me/groups',
      {
        onRequest: shopper,
        schema: { tags, summary: 'My group-buy places and orders, newest first', response: { 200: z.object({ groups: z.array(membershipView) }), 401: errorBody } },
      },
      async (request) => ({ groups: (await services.groupBuys.mine(request.shopper!.id)).map(presentMembership) }),
    );
  };

