import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ShopperTokens } from '../auth/tokens.js';
import type { Shopper } from '../domain/shopper.js';
import { sendError } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    shopper: Shopper | null;
  }
}

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header || !header.startsWith('Bearer ')) return null;
  return header.slice(7).trim();
}

/** onRequest hook: the shopper the token speaks for, or 401 before any body is read. */
export function requireShopper(tokens: ShopperTokens) {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const token = bearer(request);
    const shopper = token ? tokens.verify(token) : null;
    if (!shopper) {
      sendError(reply, { code: 'UNAUTHORIZED', message: 'a valid shopper token is required' });
      return;
    }
    request.shopper = shopper;
    done();
  };
}

/** onRequest hook for operator routes: the token must be MIAOSHA_ADMIN_TOKEN. */
export function requireOperator(adminToken: string) {
  const expected = Buffer.from(adminToken);
  return (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const token = bearer(request);
    if (!token) {
      sendError(reply, { code: 'UNAUTHORIZED', message: 'the operator token is required' });
      return;
    }
    const given = Buffer.from(token);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      sendError(reply, { code: 'FORBIDDEN', message: 'this route needs the operator token' });
      return;
    }
    done();
  };
}
