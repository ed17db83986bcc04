import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { remote } from '../../src/demo/api.js';
import { type Attempt, attempt, inParallel } from '../support/load.js';
import { type ServerProcess, startServer } from '../support/server.js';
import { freshServerDatabase } from '../support/platform.js';

const adminToken = 'crash-test-operator';
const stock = 500;

interface Setup {
  args: string[];
  env: Record<string, string>;
  cleanup: () => Promise<void>;
}

async function embedded(): Promise<Setup> {
  const dir = mkdtempSync(join(tmpdir(), 'miaosha-crash-'));
  return { args: ['--data', dir], env: {}, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function serverDatabase(): Promise<Setup> {
  const db = await freshServerDatabase();
  return { args: [], env: { DATABASE_URL: db.url }, cleanup: db.drop };
}

describe.each([
  ['pglite', embedded],
  ['postgres', serverDatabase],
] as const)('kill -9 in the middle of a sale (%s)', (_name, prepare) => {
  let server: ServerProcess | null = null;
  let setup: Setup;
  afterAll(async () => {
    await server?.kill();
    await setup?.cleanup();
  });

  it('keeps every acknowledged reservation and the stock equation after a restart', async () => {
    setup = await prepare();
    const env = { ...setup.env, MIAOSHA_ADMIN_TOKEN: adminToken, MIAOSHA_SHOPPER_RATE: '0' };
    server = await startServer(setup.args, env);
    let call = remote(server.base, adminToken);

    const { users } = await call('POST', '/api/admin/users/bulk', {
      users: Array.from({ length: 1000 }, (_, i) => ({ phone: `1371${String(i).padStart(7, '0')}` })),
    });
    const now = Date.now();
    const campaign = await call('POST', '/api/admin/campaigns', {
      name: 'crash drill',
      type: 'clearance',
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 3600_000).toISOString(),
    });
    const session = await call('POST', `/api/admin/campaigns/${campaign.id}/sessions`, {
      startsAt: new Date(now - 1000).toISOString(),
      endsAt: new Date(now + 1800_000).toISOString(),
    });
    const item = await call('POST', `/api/admin/sessions/${session.id}/items`, {
      title: 'crash-proof kettle',
      originalPrice: 9900,
      flashPrice: 100,
      stock,
      perUserLimit: 1,
    });

    // The crowd buys; the process is killed with work in flight.
    const acknowledged: { userIndex: number; orderId: string }[] = [];
    const running = server;
    let killed = false;
    const results: Attempt[] = await inParallel(1000, 50, async (i) => {
      const result = await attempt(running.base, users[i].token, session.id, item.id, `crash-${i}`);
      if (result.status === 201) {
        acknowledged.push({ userIndex: i, orderId: result.orderId! });
        if (acknowledged.length === 150 && !killed) {
          killed = true;
          void running.kill('SIGKILL');
        }
      }
      return result;
    });
    await running.kill();
    expect(killed).toBe(true);
    expect(results.some((r) => r.status === 0)).toBe(true); // some attempts really were cut off

    server = await startServer(setup.args, env);
    const restarted = server;
    call = remote(restarted.base, adminToken);

    // Every acknowledged reservation is an order its shopper can read.
    for (const { userIndex, orderId } of acknowledged) {
      const res = await fetch(`${restarted.base}/api/orders/${orderId}`, {
        headers: { authorization: `Bearer ${users[userIndex].token}` },
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { status: string }).status).toBe('reserved');
    }

    // Loaded stock = units on sale + units in live orders.
    const stats = (await call('GET', `/api/admin/sessions/${session.id}/stats`)).items[0];
    const held = stats.reserved + stats.paid + stats.shipped + stats.completed + stats.refunded;
    expect(stats.stock + held).toBe(stock);
    expect(held).toBeGreaterThanOrEqual(acknowledged.length);

    // A shopper who was acknowledged before the crash still cannot buy a second unit.
    const again = await attempt(restarted.base, users[acknowledged[0].userIndex].token, session.id, item.id, 'after-restart');
    expect(again.code).toBe('LIMIT_REACHED');
    // Replaying the original key gives the original answer.
    const replay = await attempt(
      restarted.base,
      users[acknowledged[0].userIndex].token,
      session.id,
      item.id,
      `crash-${acknowledged[0].userIndex}`,
    );
    expect(replay).toMatchObject({ status: 201, orderId: acknowledged[0].orderId });

    // The sale goes on and sells out exactly.
    const more = await call('POST', '/api/admin/users/bulk', {
      users: Array.from({ length: 600 }, (_, i) => ({ phone: `1372${String(i).padStart(7, '0')}` })),
    });
    await inParallel(600, 50, (i) => attempt(restarted.base, more.users[i].token, session.id, item.id, `after-${i}`));
    const final = (await call('GET', `/api/admin/sessions/${session.id}/stats`)).items[0];
    expect(final.stock).toBe(0);
    expect(final.reserved).toBe(stock);
  });
});
