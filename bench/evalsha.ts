// (d) The floor under any Redis design: per POST, exactly one EVALSHA of a minimal decrement
// script on one connection, no auth, no idempotency, no durable record. A reserve route on Redis
// can't beat this; how close it gets is e/d. Started like hello.ts for a like-for-like comparison.
import Fastify from 'fastify';
import { Redis } from 'ioredis';

const port = Number(process.env.PORT ?? 3000);
const key = process.env.STOCK_KEY;
if (!key) throw new Error('STOCK_KEY is required');

// A negative count is undone at once, so the key never stays below zero.
const decrement = `local n = redis.call('DECR', KEYS[1]) if n < 0 then redis.call('INCR', KEYS[1]) return -1 end return n`;

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
// SCRIPT LOAD once; each request then sends only the SHA1. (defineCommand would resend the source
// after a NOSCRIPT; a flush by a parallel test run shows up as 500s instead, which is visible.)
const sha = (await redis.script('LOAD', decrement)) as string;

const app = Fastify({ logger: false });
app.get('/healthz', async () => ({ ok: true }));
// The headers and body the loader sends (token, Idempotency-Key, quantity) are ignored.
app.post('/reserve', async (_request, reply) => {
  const left = (await redis.evalsha(sha, 1, key)) as number;
  if (left < 0) return reply.code(409).send({ error: { code: 'SOLD_OUT' } });
  return reply.code(201).send({ left });
});
await app.listen({ host: '127.0.0.1', port });

const stop = () => void app.close().then(() => redis.quit()).then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
