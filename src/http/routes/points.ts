import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkInRewards } from '../../domain/points.js';
import type { Services } from '../../platform.js';
import type { LedgerEntry } from '../../promotions/points.js';
import { requireOperator, requireShopper } from '../auth.js';
import { balancesView, checkInMonthView, checkInView, errorBody, iso, ledgerEntryView, pointsGrantInput } from '../schemas.js';

const presentEntry = (e: LedgerEntry): z.infer<typeof ledgerEntryView> => ({ ...e, at: iso(e.at) });

/** Points and check-in (P4): balances and their ledger, the daily check-in, the operator's grants. */
export const pointsRoutes = (services: Services): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const failures = { 400: errorBody, 401: errorBody, 403: errorBody, 409: errorBody };
    const shopper = requireShopper(services.tokens);

    api.get(
      '/api/me/points',
      {
        onRequest: shopper,
        schema: {
          tags: ['points'],
          summary: 'My points and energy, with the newest ledger entries',
          response: { 200: z.object({ balances: balancesView, entries: z.array(ledgerEntryView).describe('newest first, at most 20') }), 401: errorBody },
        },
      },
      async (request) => {
        const userId = request.shopper!.id;
        const [balances, entries] = await Promise.all([services.points.balances(userId), services.points.entries(userId)]);
        return { balances, entries: entries.map(presentEntry) };
      },
    );

    api.post(
      '/api/me/check-ins',
      {
        onRequest: shopper,
        schema: {
          tags: ['points'],
          summary: "Check in today (签到) and earn energy by streak",
          description: 'Once a day in Asia/Shanghai; a repeat answers 409 ALREADY_CHECKED_IN.',
          body: z.object({}).strict().nullish(),
          response: { 201: checkInView, ...failures },
        },
      },
      async (request, reply) => reply.code(201).send(await services.checkIns.checkIn(request.shopper!.id)),
    );

    api.get(
      '/api/me/check-ins',
      {
        onRequest: shopper,
        schema: { tags: ['points'], summary: "This month's check-ins and my current streak", response: { 200: checkInMonthView, 401: errorBody } },
      },
      async (request) => ({ ...(await services.checkIns.month(request.shopper!.id)), rewards: { ...checkInRewards } }),
    );

    api.post(
      '/api/admin/points/grants',
      {
        onRequest: requireOperator(services.adminToken),
        schema: {
          tags: ['points'],
          summary: 'Grant (or deduct) points or energy, with an optional campaign multiplier',
          description: 'Idempotent by ref: 201 for a new entry, 200 with the first entry for a repeat. 409 POINTS_INSUFFICIENT when a deduction would go below zero.',
          body: pointsGrantInput,
          response: { 200: ledgerEntryView, 201: ledgerEntryView, ...failures },
        },
      },
      async (request, reply) => {
        const { userId, currency, amount, multiplier, reason, ref } = request.body;
        const change = await services.points.earn(userId, currency, amount, multiplier ?? 1, reason, ref);
        return reply.code(change.replayed ? 200 : 201).send(presentEntry(change.entry));
      },
    );
  };
