import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { MiaoshaError, type Refusal, errorCatalogue } from '../errors.js';

export function sendError(reply: FastifyReply, error: Refusal, retryAfterSeconds?: number): FastifyReply {
  if (retryAfterSeconds) reply.header('retry-after', String(retryAfterSeconds));
  return reply.code(errorCatalogue[error.code]).send({ error: { code: error.code, message: error.message } });
}

/**
 * Every failure leaves as {"error": {code, message}}. Malformed input of any kind is 400
 * INVALID_REQUEST; only a fault of ours is a 500, and it is logged.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof MiaoshaError) return sendError(reply, error, error.retryAfterSeconds);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation
        .slice(0, 5)
        .map((v) => `${v.instancePath || error.validationContext || 'request'}: ${v.message}`)
        .join('; ');
      return sendError(reply, { code: 'INVALID_REQUEST', message: `${error.validationContext ?? 'request'} is invalid: ${issues}` });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return sendError(reply, { code: 'INVALID_REQUEST', message: error.message });
    }
    if (isOutage(error)) {
      request.log.warn({ err: error }, 'a store is unreachable');
      return sendError(reply, { code: 'UNAVAILABLE', message: 'a store this request needs does not answer; retry shortly' }, 2);
    }
    request.log.error({ err: error }, 'request failed');
    return sendError(reply, { code: 'INTERNAL', message: 'something went wrong on our side' });
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );
}

/**
 * PostgreSQL or Redis out of reach — refused, reset, timed out, shutting down — rather than a fault
 * of ours: the request may well succeed in a moment, so it is a 503 with Retry-After, not a 500.
 */
export function isOutage(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | null, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND|57P0[1-3]|08\d\d\d|53300)$/.test(code)) return true;
    const message = typeof e.message === 'string' ? e.message : '';
    if (/Connection terminated|Connection is closed|connect ECONNREFUSED|Stream isn't writeable|MaxRetriesPerRequest|CLUSTERDOWN|LOADING|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message)) return true;
  }
  return false;
}
