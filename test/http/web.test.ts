import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultWebDist } from '../../src/http/routes/web.js';
import { expectError } from '../support/api.js';
import { type TestPlatform, startTestPlatform } from '../support/platform.js';

const indexHtml = '<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/app-3f9a1c.js"></script></body></html>';
const appJs = 'console.log("miaosha");';

describe('the web app served at /', () => {
  let t: TestPlatform;
  let app: FastifyInstance;
  let dist: string;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'miaosha-web-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), indexHtml);
    writeFileSync(join(dist, 'assets', 'app-3f9a1c.js'), appJs);
    writeFileSync(join(dist, 'robots.txt'), 'User-agent: *\n');
    t = await startTestPlatform('pglite', { webDist: dist });
    app = t.platform.app;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  const get = (url: string, accept?: string) => app.inject({ url, headers: accept ? { accept } : {} });

  it('answers / with index.html, never cached without a check', async () => {
    const res = await get('/', 'text/html');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toBe(indexHtml);
    expect((await get('/index.html')).headers['cache-control']).toBe('no-cache');
  });

  it("answers the app's own pages with index.html: the app routes in the browser", async () => {
    for (const url of ['/sessions/42', '/admin/campaigns/7?tab=items', '/me']) {
      const res = await get(url, 'text/html,application/xhtml+xml');
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(indexHtml);
    }
    // Any unknown path outside the API, whatever the client accepts.
    expect((await get('/somewhere/else')).body).toBe(indexHtml);
  });

  it('serves hashed assets with a year-long immutable cache, other files as they are', async () => {
    const res = await get('/assets/app-3f9a1c.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body).toBe(appJs);
    const robots = await get('/robots.txt');
    expect(robots.statusCode).toBe(200);
    expect(robots.body).toBe('User-agent: *\n');
    expect(robots.headers['cache-control']).not.toMatch(/immutable/);
  });

  it('answers a missing asset with 404, not a page', async () => {
    const res = await get('/assets/app-old.js');
    expect(res.statusCode).toBe(404);
  });

  it('leaves the API and the server routes alone: unknown API paths are still 404 JSON', async () => {
    expectError(await get('/api/unknown', 'text/html'), 404, 'NOT_FOUND');
    expectError(await get('/api/sessions/1/nothing'), 404, 'NOT_FOUND');
    expectError(await get('/api'), 404, 'NOT_FOUND');
    expectError(await app.inject({ method: 'POST', url: '/somewhere' }), 404, 'NOT_FOUND');
    expect((await get('/healthz')).json()).toMatchObject({ status: 'ok' });
    expect((await get('/api/time')).statusCode).toBe(200);
    expect((await get('/docs', 'text/html')).body).not.toBe(indexHtml);
    const doc = (await get('/openapi.json')).json();
    expect(Object.keys(doc.paths)).not.toContain('/*');
  });

  it('lists the sign-in, operator and live routes in /openapi.json, with the bearer where a token is needed', async () => {
    const doc = (await get('/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/codes',
        '/api/auth/sign-in',
        '/api/auth/demo-shoppers',
        '/api/me',
        '/api/admin/me',
        '/api/admin/campaigns',
        '/api/admin/sessions/{id}',
        '/api/admin/items/{id}',
        '/api/admin/sessions/{id}/live',
        '/api/admin/sessions/{id}/live/events',
      ]),
    );
    expect(doc.paths['/api/me'].get.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/api/admin/sessions/{id}/live'].get.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/api/auth/sign-in'].post.security).toBeUndefined();
    expect(Object.keys(doc.paths['/api/admin/sessions/{id}'].patch.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '409']));
    expect(Object.keys(doc.paths['/api/auth/codes'].post.responses)).toEqual(expect.arrayContaining(['201', '400', '429']));
  });

  it('answers a URL that cannot be decoded with 400 INVALID_REQUEST', async () => {
    expectError(await get('/%E0%A4%A'), 400, 'INVALID_REQUEST');
  });

  it('never serves a file outside the app folder', async () => {
    for (const url of ['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/..%5cpackage.json']) {
      const res = await get(url);
      expect(res.body).not.toContain('"name"');
      expect(res.statusCode).toBeLessThan(500);
    }
  });

  it('looks for the built app next to the package, not in the working directory', () => {
    expect(defaultWebDist).toMatch(/[\\/]web[\\/]dist$/);
    expect(defaultWebDist.startsWith(process.cwd())).toBe(true); // tests run from the package root
  });
});

describe('a server whose web app is not built', () => {
  let t: TestPlatform;

  beforeAll(async () => {
    t = await startTestPlatform('pglite', { webDist: join(tmpdir(), 'miaosha-web-never-built') });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('starts, serves the API, and answers pages with 503 and a hint to build', async () => {
    const app = t.platform.app;
    const res = await app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toContain('npm run build');
    expect((await app.inject({ url: '/sessions/1' })).statusCode).toBe(503);
    expect((await app.inject({ url: '/api/time' })).statusCode).toBe(200);
    expectError(await app.inject({ url: '/api/unknown' }), 404, 'NOT_FOUND');
  });
});
