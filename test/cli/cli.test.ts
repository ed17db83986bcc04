import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServer } from '../support/server.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../bin/miaosha.js', import.meta.url));

describe('the miaosha command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'miaosha-cli-'));
  let server: ServerProcess;

  beforeAll(async () => {
    // No MIAOSHA_ADMIN_TOKEN: the embedded server makes one and leaves it in the data folder.
    server = await startServer(['--data', dir, '--demo'], { MIAOSHA_ADMIN_TOKEN: '' });
  });
  afterAll(async () => {
    await server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  const miaosha = (...args: string[]) =>
    run(process.execPath, [cli, ...args, '--url', server.base, '--data', dir], { env: { ...process.env, MIAOSHA_ADMIN_TOKEN: '' } });

  it('serve --demo seeds a live session and prints tokens that can buy', async () => {
    expect(server.output()).toContain('Demo campaign');
    const session = (await (await fetch(`${server.base}/api/sessions/1`)).json()) as { state: string; items: { id: string }[] };
    expect(session.state).toBe('live');
    const token = /regular +user \d+: (\S+)/.exec(server.output())![1];
    const res = await fetch(`${server.base}/api/sessions/1/items/${session.items[0].id}/reservations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'cli-1', 'content-type': 'application/json' },
      body: JSON.stringify({ quantity: 1 }),
    });
    expect(res.status).toBe(201);
  });

  it('serve --demo lists its shoppers and shows sign-in codes, so a visitor signs in as any tier', async () => {
    const listed = (await (await fetch(`${server.base}/api/auth/demo-shoppers`)).json()) as { shoppers: { phone: string; tier: string }[] };
    expect(listed.shoppers.map((s) => s.tier)).toEqual(['regular', 'regular', 'silver', 'gold', 'vip']);
    const { phone } = listed.shoppers[3];
    expect(server.output()).toContain(phone);
    const post = (url: string, body: unknown) =>
      fetch(`${server.base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const issued = (await (await post('/api/auth/codes', { phone })).json()) as { code: string };
    expect(issued.code).toMatch(/^[0-9]{6}$/);
    const signedIn = await post('/api/auth/sign-in', { phone, code: issued.code });
    expect(signedIn.status).toBe(200);
    expect(((await signedIn.json()) as { shopper: { tier: string } }).shopper.tier).toBe('gold');
  });

  it('users N --out FILE writes working shopper tokens', async () => {
    const out = join(dir, 'tokens.txt');
    const { stdout } = await miaosha('users', '25', '--out', out);
    expect(stdout).toContain('25 shoppers created');
    const tokens = readFileSync(out, 'utf8').trim().split('\n');
    expect(tokens).toHaveLength(25);
    const res = await fetch(`${server.base}/api/orders`, { headers: { authorization: `Bearer ${tokens[24]}` } });
    expect(res.status).toBe(200);
  });

  it('demo seeds another campaign on a running server', async () => {
    const { stdout } = await miaosha('demo');
    expect(stdout).toMatch(/Demo campaign \d+ is ready/);
  });

  it('stats prints the units of a session', async () => {
    const { stdout } = await miaosha('stats', '1');
    expect(stdout).toContain('reserved');
    expect(stdout).toContain('Bluetooth earbuds');
  });

  it('migrate prepares an empty data folder', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'miaosha-migrate-'));
    try {
      const { stdout } = await run(process.execPath, [cli, 'migrate', '--data', fresh]);
      expect(stdout).toContain('migrations applied (pglite)');
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('an unknown command fails with the usage', async () => {
    await expect(run(process.execPath, [cli, 'fly'])).rejects.toMatchObject({ code: 2 });
  });
});
