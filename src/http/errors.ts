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
    request.log.error({ err: error }, 'request failed');
    return sendError(reply, { code: 'INTERNAL', message: 'something went wrong on our side' });
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );
}
