import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MiaoshaError } from '../../errors.js';
import type { Services } from '../../platform.js';
import { requireShopper } from '../auth.js';
import { sendError } from '../errors.js';
import { codeIssued, demoShopper, errorBody, iso, phone, shopperProfile, signedIn } from '../schemas.js';

/** Shopper sign-in with a phone and a one-time code, and the signed-in shopper's own account. */
export const authRoutes = (services: Services): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.post(
      '/api/auth/codes',
      {
        schema: {
          tags: ['auth'],
          summary: 'Send a one-time sign-in code to a phone',
          description:
            'The code is valid for 5 minutes and once; a phone gets at most one code every 30 seconds, and one client ' +
            '(by IP) a few a minute over all phones (429 RATE_LIMITED with Retry-After). There is no SMS gateway: the ' +
            'code goes to the server log, and into this answer when the server shows sign-in codes (a demo).',
          body: z.object({ phone }).strict(),
          response: {
            201: codeIssued,
            400: errorBody,
            429: errorBody,
            503: errorBody,
          },
        },
      },
      async (request, reply) => {
        // Per client before per phone: one client asking for many phones' codes is the costly case.
        const wait = services.signInCodeRate.take(request.ip);
        if (wait > 0) return sendError(reply, { code: 'RATE_LIMITED', message: 'too many sign-in codes asked for from here; retry later' }, wait);
        const issued = await services.signIn.issue(request.body.phone);
        return reply.code(201).send({ ...issued, expiresAt: iso(issued.expiresAt) });
      },
    );

    api.post(
      '/api/auth/sign-in',
      {
        schema: {
          tags: ['auth'],
          summary: 'Sign in with a phone and its one-time code; a new phone becomes a regular shopper',
          body: z.object({ phone, code: z.string().regex(/^[0-9]{6}$/, 'a code of six digits') }).strict(),
          response: { 200: signedIn, 400: errorBody, 401: errorBody },
        },
      },
      async (request) => services.signIn.signIn(request.body.phone, request.body.code),
    );

    api.get(
      '/api/auth/demo-shoppers',
      {
        schema: {
          tags: ['auth'],
          summary: 'The demo shoppers, one of each tier, to sign in as (demo servers only)',
          response: {
            200: z.object({ shoppers: z.array(demoShopper) }),
            404: errorBody,
          },
        },
      },
      async () => {
        if (!services.demoShoppers.enabled) throw new MiaoshaError('NOT_FOUND', 'demo shoppers are listed by a demo server only');
        return { shoppers: await services.demoShoppers.list() };
      },
    );

    api.get(
      '/api/me',
      {
        onRequest: requireShopper(services.tokens),
        schema: { tags: ['auth'], summary: 'The signed-in shopper', response: { 200: shopperProfile, 401: errorBody } },
      },
      async (request) => {
        const profile = await services.users.profile(request.shopper!.id);
        if (!profile) throw new MiaoshaError('UNAUTHORIZED', 'this token speaks for no shopper of this shop');
        return profile;
      },
    );
  };
