import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../platform.js';
import { requireShopper } from '../auth.js';
import { errorBody, id, iso } from '../schemas.js';
import { inboxView } from './bookingSchemas.js';

/** The in-app inbox: reminders (and later other notices) the inbox channel delivered to the shopper. */
export const inboxRoutes = (services: Services): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const shopper = requireShopper(services.tokens);

    api.get(
      '/api/me/inbox',
      {
        onRequest: shopper,
        schema: { tags: ['inbox'], summary: 'My messages (消息), newest first, with the unread count', response: { 200: inboxView, 401: errorBody } },
      },
      async (request) => {
        const { messages, unread } = await services.reminders.inbox.list(request.shopper!.id);
        return { messages: messages.map((m) => ({ ...m, at: iso(m.at) })), unread };
      },
    );

    api.get(
      '/api/me/inbox/unread',
      {
        onRequest: shopper,
        schema: { tags: ['inbox'], summary: 'How many of my messages are unread (the badge)', response: { 200: z.object({ unread: z.int() }), 401: errorBody } },
      },
      async (request) => ({ unread: await services.reminders.inbox.unread(request.shopper!.id) }),
    );

    api.post(
      '/api/me/inbox/:id/read',
      {
        onRequest: shopper,
        schema: {
          tags: ['inbox'],
          summary: 'Mark one of my messages read',
          params: z.object({ id }),
          body: z.object({}).strict().nullish(),
          response: { 200: z.object({ unread: z.int() }), 401: errorBody, 404: errorBody },
        },
      },
      async (request) => {
        await services.reminders.inbox.markRead(request.shopper!.id, request.params.id);
        return { unread: await services.reminders.inbox.unread(request.shopper!.id) };
      },
    );
  };
