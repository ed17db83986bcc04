// The baseline: bare Fastify, logger off, one JSON route. Started exactly like the server
// (a node child process with the tsx loader) so the ratios compare like with like.
import Fastify from 'fastify';

const port = Number(process.env.PORT ?? 3000);
const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
await app.listen({ host: '127.0.0.1', port });

const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
