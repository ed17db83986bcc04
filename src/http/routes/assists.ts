import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Assist, AssistCampaign } from '../../assists/assists.js';
import type { Services } from '../../platform.js';
import { requireOperator, requireShopper } from '../auth.js';
import { errorBody, failures, id, iso, isoOrNull } from '../schemas.js';
import { assistCampaignInput, assistCampaignView, assistView, publicAssistView } from './assistSchemas.js';
import { presentCoupon, presentTemplate } from './couponViews.js';
import { parseWindow, presentWindow } from './windows.js';

const presentCampaign = (c: AssistCampaign): z.infer<typeof assistCampaignView> => ({ ...presentWindow(c), reward: presentTemplate(c.reward) });

const presentAssist = (a: Assist): z.infer<typeof assistView> => ({
  ...a,
  campaign: { ...presentWindow(a.campaign), reward: presentTemplate(a.campaign.reward) },
  unlockedAt: isoOrNull(a.unlockedAt),
  coupon: a.coupon ? presentCoupon(a.coupon) : null,
  createdAt: iso(a.createdAt),
});

const presentPublic = (a: Assist): z.infer<typeof publicAssistView> => {
  const { coupon: _coupon, userId: _userId, ...rest } = presentAssist(a);
  return rest;
};

/** Assists (助力, P5): a shopper starts one and shares it, friends help, N helps unlock the reward. */
export const assistRoutes = (services: Services): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const operator = requireOperator(services.adminToken);
    const shopper = requireShopper(services.tokens);

    api.post(
      '/api/admin/assist-campaigns',
      {
        onRequest: operator,
        schema: { tags: ['assist'], summary: 'Set up an assist campaign: N friends unlock a coupon', body: assistCampaignInput, response: { 201: assistCampaignView, ...failures } },
      },
      async (request, reply) => {
        const campaign = await services.assists.createCampaign(parseWindow(request.body));
        return reply.code(201).send(presentCampaign(campaign));
      },
    );

    api.get(
      '/api/admin/assist-campaigns',
      {
        onRequest: operator,
        schema: { tags: ['assist'], summary: 'Every assist campaign, with assists started and unlocked', response: { 200: z.object({ campaigns: z.array(assistCampaignView) }), ...failures } },
      },
      async () => ({ campaigns: (await services.assists.campaigns()).map(presentCampaign) }),
    );

    api.get(
      '/api/assist-campaigns',
      { schema: { tags: ['assist'], summary: 'Assist campaigns open now', response: { 200: z.object({ campaigns: z.array(assistCampaignView) }) } } },
      async () => ({ campaigns: (await services.assists.openCampaigns()).map(presentCampaign) }),
    );

    api.get(
      '/api/assists/:id',
      {
        schema: { tags: ['assist'], summary: "An assist's progress (what a shared link shows)", params: z.object({ id }), response: { 200: publicAssistView, 400: errorBody, 404: errorBody } },
      },
      async (request) => presentPublic(await services.assists.assist(request.params.id)),
    );

    api.post(
      '/api/me/assist-campaigns/:id/assists',
      {
        onRequest: shopper,
        schema: {
          tags: ['assist'],
          summary: 'Start my assist of a campaign (one each: a repeat answers 200 with the same one)',
          params: z.object({ id }),
          body: z.object({}).strict().nullish(),
          response: { 200: assistView, 201: assistView, ...failures },
        },
      },
      async (request, reply) => {
        const { assist, existing } = await services.assists.start(request.shopper!.id, request.params.id);
        return reply.code(existing ? 200 : 201).send(presentAssist(assist));
      },
    );

    api.post(
      '/api/me/assists/:id/helps',
      {
        onRequest: shopper,
        schema: {
          tags: ['assist'],
          summary: "Help a friend's assist",
          description: '409 SELF_ASSIST for my own, ALREADY_ASSISTED for a repeat, ASSIST_COMPLETE once unlocked, HELP_LIMIT_REACHED past the daily helps.',
          params: z.object({ id }),
          body: z.object({}).strict().nullish(),
          response: { 201: publicAssistView, ...failures },
        },
      },
      async (request, reply) => reply.code(201).send(presentPublic(await services.assists.help(request.shopper!.id, request.params.id))),
    );

    api.get(
      '/api/me/assists',
      {
        onRequest: shopper,
        schema: {
          tags: ['assist'],
          summary: 'The assists I started (with rewards) and those I helped',
          response: { 200: z.object({ started: z.array(assistView), helped: z.array(publicAssistView) }), 401: errorBody },
        },
      },
      async (request) => {
        const mine = await services.assists.mine(request.shopper!.id);
        return { started: mine.started.map(presentAssist), helped: mine.helped.map(presentPublic) };
      },
    );
  };
