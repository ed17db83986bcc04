import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Draw, Lottery } from '../../lottery/lotteries.js';
import type { Services } from '../../platform.js';
import { requireOperator, requireShopper } from '../auth.js';
import { errorBody, failures, id, iso } from '../schemas.js';
import { auditView, drawsLeftView, drawView, lotteryInput, lotteryView } from './lotterySchemas.js';
import { parseWindow, presentWindow } from './windows.js';

const presentLottery = (l: Lottery): z.infer<typeof lotteryView> => presentWindow(l);
const presentDraw = (d: Draw): z.infer<typeof drawView> => ({ ...d, at: iso(d.at) });

/** Lotteries (抽奖, P5): the operator sets up prizes and limits, shoppers draw, the audit trail shows every draw. */
export const lotteryRoutes = (services: Services): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const operator = requireOperator(services.adminToken);
    const shopper = requireShopper(services.tokens);

    api.post(
      '/api/admin/lotteries',
      {
        onRequest: operator,
        schema: {
          tags: ['lottery'],
          summary: 'Set up a lottery with its prizes, cost and draw limits',
          description: '409 PRIZE_EXCEEDS_COUPONS when the coupon prizes of one coupon would award more than is left of it.',
          body: lotteryInput,
          response: { 201: lotteryView, ...failures },
        },
      },
      async (request, reply) => {
        const lottery = await services.lotteries.create(parseWindow(request.body));
        return reply.code(201).send(presentLottery(lottery));
      },
    );

    api.get(
      '/api/admin/lotteries',
      {
        onRequest: operator,
        schema: { tags: ['lottery'], summary: 'Every lottery, with what each prize has awarded', response: { 200: z.object({ lotteries: z.array(lotteryView) }), ...failures } },
      },
      async () => ({ lotteries: (await services.lotteries.lotteries()).map(presentLottery) }),
    );

    api.get(
      '/api/admin/lotteries/:id/draws',
      {
        onRequest: operator,
        schema: { tags: ['lottery'], summary: 'The audit trail of a lottery: every draw with its random number, and totals per prize', params: z.object({ id }), response: { 200: auditView, ...failures } },
      },
      async (request) => {
        const audit = await services.lotteries.audit(request.params.id);
        return { ...audit, lottery: presentLottery(audit.lottery), draws: audit.draws.map(presentDraw) };
      },
    );

    api.get(
      '/api/lotteries',
      { schema: { tags: ['lottery'], summary: 'Lotteries open now', response: { 200: z.object({ lotteries: z.array(lotteryView) }) } } },
      async () => ({ lotteries: (await services.lotteries.open()).map(presentLottery) }),
    );

    api.get(
      '/api/lotteries/:id',
      {
        schema: { tags: ['lottery'], summary: 'A lottery: its prizes with what is left, the cost and the limits', params: z.object({ id }), response: { 200: lotteryView, 400: errorBody, 404: errorBody } },
      },
      async (request) => presentLottery(await services.lotteries.lottery(request.params.id)),
    );

    api.post(
      '/api/me/lotteries/:id/draws',
      {
        onRequest: shopper,
        schema: {
          tags: ['lottery'],
          summary: 'Draw once: pay the cost, get a prize (or 谢谢参与)',
          description: '409 DRAW_LIMIT_REACHED when no draws are left, POINTS_INSUFFICIENT when the cost cannot be paid, LOTTERY_NOT_OPEN outside the window.',
          params: z.object({ id }),
          body: z.object({}).strict().nullish(),
          response: { 201: z.object({ draw: drawView, left: drawsLeftView }), ...failures },
        },
      },
      async (request, reply) => {
        const userId = request.shopper!.id;
        const draw = await services.lotteries.draw(userId, request.params.id);
        return reply.code(201).send({ draw: presentDraw(draw), left: await services.lotteries.left(userId, request.params.id) });
      },
    );

    api.get(
      '/api/me/lottery-draws',
      {
        onRequest: shopper,
        schema: {
          tags: ['lottery'],
          summary: 'My draws, newest first; with a lotteryId, only its draws and the draws I have left',
          querystring: z.object({ lotteryId: id.optional() }).strict(),
          response: { 200: z.object({ draws: z.array(drawView), left: drawsLeftView.nullable() }), ...failures },
        },
      },
      async (request) => {
        const userId = request.shopper!.id;
        const { lotteryId } = request.query;
        const draws = await services.lotteries.mine(userId, lotteryId);
        return { draws: draws.map(presentDraw), left: lotteryId ? await services.lotteries.left(userId, lotteryId) : null };
      },
    );
  };
