import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropRedisKeys, freshServerDatabase, redisUrl } from '../support/platform.js';
import { type ServerProcess, startServer } from '../support/server.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../bin/miaosha.js', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The workers of a `serve --workers` process: its live child processes (a killed one not yet reaped is not). */
async function workersOf(pid: number): Promise<number[]> {
  const { stdout } = await run('pgrep', ['-P', String(pid)]).catch(() => ({ stdout: '' }));
  const alive = (child: number) => {
    try {
      return readFileSync(`/proc/${child}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
    } catch {
      return false;
    }
  };
  return stdout.split('\n').filter(Boolean).map(Number).filter(alive);
}

describe('miaosha serve --workers, scaled deployment', () => {
  const adminToken = 'scaled-cli-operator';
  const prefix = `miaosha-test:${randomBytes(6).toString('hex')}:`;
  let database: Awaited<ReturnType<typeof freshServerDatabase>>;
  let server: ServerProcess;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await freshServerDatabase();
    env = {
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      MIAOSHA_REDIS_PREFIX: prefix,
      MIAOSHA_ADMIN_TOKEN: adminToken,
      MIAOSHA_SHOPPER_RATE: '0',
    };
    server = await startServer(['--workers', '2', '--demo'], env);
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
    await database?.drop();
    await dropRedisKeys({ url: redisUrl, prefix });
  });

  const admin = { authorization: `Bearer ${adminToken}` };
  /** A buy attempt on a connection of its own, so the primary hands attempts to both workers in turn. */
  const buy = (sessionId: string, itemId: string, token: string, key: string) =>
    new Promise<{ status: number; json(): Promise<{ orderId: string }> }>((resolve, reject) => {
      const req = request(
        `${server.base}/api/sessions/${sessionId}/items/${itemId}/reservations`,
        {
          method: 'POST',
          agent: false,
          headers: { authorization: `Bearer ${token}`, 'idempotency-key': key, 'content-type': 'application/json' },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, json: async () => JSON.parse(body) }));
        },
      );
      req.on('error', reject);
      // A connection handed to a worker as it is killed may never be answered: give up, like a shopper.
      req.setTimeout(15_000, () => req.destroy(new Error('no answer')));
      req.end(JSON.stringify({ quantity: 1 }));
    });

  it('serves one port from two worker processes with their own order-id node numbers, and replaces a killed one', { timeout: 180_000 }, async () => {
    // The second worker starts once the first (which seeds the demo) listens; the primary says when both do.
    for (let waited = 0; waited < 30_000 && !server.output().includes('2 workers serving'); waited += 200) await sleep(200);
    expect(await workersOf(server.child.pid!)).toHaveLength(2);
    const health = await (await fetch(`${server.base}/healthz`)).json();
    expect(health).toEqual({ status: 'ok', deployment: 'scaled' });

    const campaign = (await (await fetch(`${server.base}/api/campaigns`)).json()) as { campaigns: { id: string; sessions: { id: string }[] }[] };
    const sessionId = campaign.campaigns[0].sessions[0].id;
    const item = await (
      await fetch(`${server.base}/api/admin/sessions/${sessionId}/items`, {
        method: 'POST',
        headers: { ...admin, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Workers test', originalPrice: 1000, flashPrice: 100, stock: 300, perUserLimit: 1 }),
      })
    ).json();
    const users = await (
      await fetch(`${server.base}/api/admin/users/bulk`, {
        method: 'POST',
        headers: { ...admin, 'content-type': 'application/json' },
        body: JSON.stringify({ users: Array.from({ length: 400 }, (_, i) => ({ phone: `1380000${String(i).padStart(4, '0')}` })) }),
      })
    ).json();
    const tokens = (users.users as { token: string }[]).map((u) => u.token);

    const first = await Promise.all(tokens.slice(0, 200).map((token, i) => buy(sessionId, item.id, token, `w-${i}`)));
    const orderIds = await Promise.all(first.map(async (r) => (r.status === 201 ? (await r.json()).orderId : null)));
    expect(first.every((r) => r.status === 201)).toBe(true);
    // Digits 14–15 of an order id are the node number: both workers sold, under different numbers.
    expect(new Set(orderIds.map((id) => id?.slice(-6, -4))).size).toBe(2);

    const [victim] = await workersOf(server.child.pid!);
    process.kill(victim, 'SIGKILL');
    // The port keeps answering from the surviving worker while a new one starts.
    const during = await Promise.all(tokens.slice(200, 300).map((token, i) => buy(sessionId, item.id, token, `x-${i}`).catch(() => null)));
    expect(during.filter((r) => r?.status === 201).length).toBeGreaterThan(0);
    for (let waited = 0; waited < 20_000; waited += 200) {
      const now = await workersOf(server.child.pid!);
      if (now.length === 2 && !now.includes(victim)) break;
      await sleep(200);
    }
    const replaced = await workersOf(server.child.pid!);
    expect(replaced).toHaveLength(2);
    expect(replaced).not.toContain(victim);

    // reconcile (against the running workers): the units add up.
    const { stdout } = await run(process.execPath, [cli, 'reconcile', '--session', sessionId, '--url', server.base], {
      env: { ...process.env, ...env },
    });
    expect(stdout).toContain('Workers test');
  });

  it('refuses --workers without the scaled deployment', async () => {
    const failed = await run(process.execPath, [cli, 'serve', '--workers', '2', '--port', '0'], {
      env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', REDIS_CLUSTER_NODES: '' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect((failed as { code: number }).code).toBe(1);
    expect((failed as { stderr: string }).stderr).toContain('--workers needs the scaled deployment');
  });
});
