import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Campaign } from '../../domain/campaign.js';
import type { Item } from '../../domain/item.js';
import { sessionState, type Session } from '../../domain/session.js';
import type { Services } from '../../platform.js';
import { campaignView, errorBody, id, iso, isoTime, itemView, sessionView } from '../schemas.js';

export function presentItem(services: Services, item: Item): z.infer<typeof itemView> {
  const stock = services.hot.remaining(item.id) ?? 0;
  return {
    id: item.id,
    sessionId: item.sessionId,
    title: item.title,
    originalPrice: item.originalPrice,
    flashPrice: item.flashPrice,
    initialStock: item.stock,
    stock,
    soldOut: stock === 0,
    perUserLimit: item.perUserLimit,
    sku: item.sku,
    paused: item.paused,
    eligibility: item.eligibility,
  };
}

export function presentSession(services: Services, session: Session): z.infer<typeof sessionView> {
  const now = services.clock.now();
  return {
    id: session.id,
    campaignId: session.campaignId,
    startsAt: iso(session.startsAt),
    endsAt: iso(session.endsAt),
    paymentWindowSeconds: session.paymentWindowSeconds,
    state: sessionState(session, now),
    serverTime: iso(now),
    items: services.catalog.itemsOf(session.id).map((item) => presentItem(services, item)),
  };
}

export function presentCampaign(services: Services, campaign: Campaign): z.infer<typeof campaignView> {
  const now = services.clock.now();
  return {
    id: campaign.id,
    name: campaign.name,
    type: campaign.type,
    startsAt: iso(campaign.startsAt),
    endsAt: iso(campaign.endsAt),
    sessions: services.catalog.sessionsOf(campaign.id).map((s) => ({
      id: s.id,
      startsAt: iso(s.startsAt),
      endsAt: iso(s.endsAt),
      state: sessionState(s, now),
    })),
  };
}

/** What anyone may read: campaigns, sessions with live stock, the server clock, the live stream. */
export const sessionRoutes = (services: Services): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.get(
      '/api/time',
      {
        schema: {
          tags: ['sessions'],
          summary: "The server's clock, the only clock countdowns follow",
          response: { 200: z.object({ serverTime: isoTime, epochMs: z.number() }) },
        },
      },
      async () => {
        const now = services.clock.now();
        return { serverTime: iso(now), epochMs: now };
      },
    );

    api.get(
      '/api/campaigns',
      {
        schema: { tags: ['sessions'], summary: 'All campaigns', response: { 200: z.object({ campaigns: z.array(campaignView) }) } },
      },
      async () => ({
        campaigns: [...services.catalog.campaigns.values()].map((c) => presentCampaign(services, c)),
      }),
    );

    api.get(
      '/api/campaigns/:id',
      {
        schema: {
          tags: ['sessions'],
          summary: 'A campaign with its sessions',
          params: z.object({ id }),
          response: { 200: campaignView, 400: errorBody, 404: errorBody },
        },
      },
      async (request) => {
        const campaign = services.catalog.campaign(request.params.id);
        return presentCampaign(services, campaign);
      },
    );

    api.get(
      '/api/sessions/:id',
      {
        schema: {
          tags: ['sessions'],
          summary: 'A session with its items and live stock',
          params: z.object({ id }),
          response: { 200: sessionView, 400: errorBody, 404: errorBody },
        },
      },
      async (request) => {
        const session = services.catalog.session(request.params.id);
        services.live.view(session.id);
        return presentSession(services, session);
      },
    );

    api.get(
      '/api/sessions/:id/events',
      {
        schema: {
          tags: ['sessions'],
          summary: 'Server-sent events: snapshot, then stock (≤ 10/s, coalesced) and state changes',
          params: z.object({ id }),
          response: { 400: errorBody, 404: errorBody },
        },
      },
      async (request, reply) => {
        const session = services.catalog.session(request.params.id);
        services.live.view(session.id);
        reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        const send = (event: string, data: unknown) => raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        send('snapshot', presentSession(services, session));
        const unsubscribe = services.events.subscribe(session.id, send);
        request.raw.on('close', unsubscribe);
      },
    );
  };
