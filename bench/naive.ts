// (f) The naive baseline, written the way seckill tutorials do it: every attempt goes straight to
// PostgreSQL, a conditional UPDATE of the stock row (its WHERE units > 0 is what prevents
// oversell), then an INSERT of the order. Both in ONE transaction (BEGIN … COMMIT), the common form
// (Spring's @Transactional around reduceStock + createOrder): a crash between them can't lose a unit.
// No auth, no idempotency, no per-user limit: all of that would only make it slower.
import Fastify from 'fastify';
import pg from 'pg';

const port = Number(process.env.PORT ?? 3000);
const itemId = Number(process.env.ITEM_ID ?? 1);
// 10 connections, the platform's default pool size.
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

const app = Fastify({ logger: false });
app.get('/healthz', async () => ({ ok: true }));
app.post('/reserve', async (request, reply) => {
  // The attempt's Idempotency-Key stands in for the user (distinct per request, as in the reserve runs).
  const userId = String(request.headers['idempotency-key'] ?? 'anonymous');
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const updated = await client.query('UPDATE stock SET units = units - 1 WHERE item_id = $1 AND units > 0', [itemId]);
    if (updated.rowCount === 0) {
      await client.query('ROLLBACK');
      return reply.code(409).send({ error: { code: 'SOLD_OUT' } });
    }
    const order = await client.query<{ id: string }>('INSERT INTO orders (item_id, user_id) VALUES ($1, $2) RETURNING id', [itemId, userId]);
    await client.query('COMMIT');
    return reply.code(201).send({ orderId: order.rows[0].id });
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
});
await app.listen({ host: '127.0.0.1', port });

const stop = () => void app.close().then(() => pool.end()).then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
