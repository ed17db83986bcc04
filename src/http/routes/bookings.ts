import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Booking, BookingGift } from '../../bookings/bookings.js';
import type { Services } from '../../platform.js';
import { requireOperator, requireShopper } from '../auth.js';
import { errorBody, failures, id, iso } from '../schemas.js';
import { bookingGiftInput, bookingGiftView, bookingInput, bookingView } from './bookingSchemas.js';
import { presentWindow } from './windows.js';

const presentBooking = (b: Booking): z.infer<typeof bookingView> => ({ ...presentWindow(b), bookedAt: iso(b.bookedAt) });

const presentGift = (sessionId: string, booked: number, gift: BookingGift | null): z.infer<typeof bookingGiftView> => ({
  sessionId,
  booked,
  gift: gift && { couponTemplateId: gift.couponTemplateId, couponName: gift.couponName, firstK: gift.firstK, left: gift.left },
});

/** Reserve-with-gift (预约有礼): shoppers book upcoming sessions; the operator attaches a gift for the first K. */
export const bookingRoutes = (services: Services): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const shopper = requireShopper(services.tokens);

    api.post(
      '/api/me/bookings',
      {
        onRequest: shopper,
        schema: {
          tags: ['bookings'],
          summary: 'Book an upcoming session (预约): a reminder comes 10 minutes before it starts',
          description: 'The first K bookers of a session with a gift get its coupon (gift.state granted, or pool_empty when the coupons ran out). 409 BOOKING_CLOSED once the session has started, ALREADY_BOOKED for a second booking.',
          body: bookingInput,
          response: { 201: bookingView, ...failures },
        },
      },
      async (request, reply) => reply.code(201).send(presentBooking(await services.bookings.book(request.shopper!.id, request.body.sessionId))),
    );

    api.delete(
      '/api/me/bookings/:sessionId',
      {
        onRequest: shopper,
        schema: {
          tags: ['bookings'],
          summary: 'Cancel my booking of a session before it starts; a gift coupon already granted stays mine',
          params: z.object({ sessionId: id }),
          response: { 204: z.null(), ...failures },
        },
      },
      async (request, reply) => {
        await services.bookings.cancel(request.shopper!.id, request.params.sessionId);
        return reply.code(204).send(null);
      },
    );

    api.get(
      '/api/me/bookings',
      {
        onRequest: shopper,
        schema: { tags: ['bookings'], summary: 'My bookings, soonest first', response: { 200: z.object({ bookings: z.array(bookingView) }), 401: errorBody } },
      },
      async (request) => ({ bookings: (await services.bookings.mine(request.shopper!.id)).map(presentBooking) }),
    );

    api.get(
      '/api/sessions/:id/booking-gift',
      {
        schema: {
          tags: ['bookings'],
          summary: "A session's booking gift (前K名送券) with the slots left, and how many have booked",
          params: z.object({ id }),
          response: { 200: bookingGiftView, 404: errorBody },
        },
      },
      async (request) => {
        const sessionId = request.params.id;
        const gift = await services.bookings.gift(sessionId);
        return presentGift(sessionId, await services.bookings.count(sessionId), gift);
      },
    );

    api.put(
      '/api/admin/sessions/:id/booking-gift',
      {
        onRequest: requireOperator(services.adminToken),
        schema: {
          tags: ['bookings'],
          summary: 'Attach a gift to the bookings of an upcoming session: the first K bookers get a coupon',
          description: 'The coupon must have handout "grant". Changing K keeps the slots already taken. 409 BOOKING_CLOSED once the session has started.',
          params: z.object({ id }),
          body: bookingGiftInput,
          response: { 200: bookingGiftView, ...failures },
        },
      },
      async (request) => {
        const sessionId = request.params.id;
        const gift = await services.bookings.setGift(sessionId, request.body);
        return presentGift(sessionId, await services.bookings.count(sessionId), gift);
      },
    );
  };
