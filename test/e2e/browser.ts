import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type ServerProcess, startServer } from '../support/server.js';

/**
 * End-to-end tests drive Debian's Chromium (installed by .ci/run, never downloaded) against a real
 * `miaosha serve` process that serves the built web app and the API on one port.
 */
export const chromiumPath = '/usr/bin/chromium';
export const artifacts = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));
export const adminToken = 'e2e-operator-token';

export const phone = { width: 390, height: 844 };
export const desktop = { width: 1366, height: 900 };

export interface Shop {
  server: ServerProcess;
  base: string;
  browser: Browser;
  dataDir: string;
  /** A fresh browser profile (own storage) at a screen size, in a language. */
  visitor(options?: { size?: { width: number; height: number }; locale?: string }): Promise<{ context: BrowserContext; page: Page }>;
  stop(): Promise<void>;
}

/** Starts an embedded shop (PGlite in a temp folder), with the demo campaign when `demo` is set. */
export async function startShop({ demo = false } = {}): Promise<Shop> {
  const dataDir = mkdtempSync(join(tmpdir(), 'miaosha-e2e-'));
  const server = await startServer(['--data', dataDir, ...(demo ? ['--demo'] : [])], {
    MIAOSHA_ADMIN_TOKEN: adminToken,
    MIAOSHA_SHOW_SIGN_IN_CODES: '1',
  });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  const contexts: BrowserContext[] = [];
  return {
    server,
    base: server.base,
    browser,
    dataDir,
    async visitor({ size = phone, locale = 'zh-CN' } = {}) {
      const context = await browser.newContext({ baseURL: server.base, viewport: size, locale, deviceScaleFactor: 1 });
      contexts.push(context);
      return { context, page: await context.newPage() };
    },
    async stop() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close().catch(() => {});
      await server.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The screenshots the README shows; `MIAOSHA_DOCS_SCREENSHOTS=1 npm test` refreshes them in docs/screenshots/. */
const docsScreenshots = new Set(['shop-campaign-phone', 'shop-pay-phone', 'console-session-desktop', 'dashboard-desktop']);
const docs = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

/** A full-page screenshot into test-artifacts/screenshots/NAME.png (and returns its path). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifacts, { recursive: true });
  const path = join(artifacts, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  if (process.env.MIAOSHA_DOCS_SCREENSHOTS === '1' && docsScreenshots.has(name)) {
    mkdirSync(docs, { recursive: true });
    copyFileSync(path, join(docs, `${name}.png`));
  }
  return path;
}

/** Operator API calls for setting a scene quickly (the console itself is tested through its pages). */
export async function operator<T = any>(shop: Shop, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<T> {
  const res = await fetch(shop.base + path, {
    method,
    headers: { authorization: `Bearer ${adminToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/**
 * A shopper's POST through the API (a buy attempt gets a fresh Idempotency-Key), answering its status
 * and body whatever they are.
 */
export async function post<T = any>(shop: Shop, path: string, body: unknown, token?: string): Promise<{ status: number; data: T }> {
  const res = await fetch(shop.base + path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(path.endsWith('/reservations') ? { 'idempotency-key': crypto.randomUUID() } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, data: (await res.json()) as T };
}

/** Signs a phone in through the API (the test server shows the one-time code). */
export async function shopperSignIn(shop: Shop, phoneNumber: string): Promise<{ token: string; shopper: { id: string; tier: string } }> {
  const issued = await post<{ code: string }>(shop, '/api/auth/codes', { phone: phoneNumber });
  const signedIn = await post(shop, '/api/auth/sign-in', { phone: phoneNumber, code: issued.data.code });
  if (signedIn.status !== 200) throw new Error(`sign-in → ${signedIn.status} ${JSON.stringify(signedIn.data)}`);
  return signedIn.data;
}

/** Signs a shopper in through the API and puts the session into the page's storage, as the sign-in page does. */
export async function signInShopper(shop: Shop, page: Page, phoneNumber: string): Promise<{ token: string; shopper: { id: string; tier: string } }> {
  const signedIn = await shopperSignIn(shop, phoneNumber);
  await page.goto('/');
  await page.evaluate((value) => localStorage.setItem('miaosha.shopper', JSON.stringify(value)), signedIn);
  return signedIn;
}

/** A date-time for `<input type="datetime-local">` in the page's own time zone, `offsetMs` from now. */
export function localTimeIn(page: Page, offsetMs: number): Promise<string> {
  return page.evaluate((offset) => {
    const time = new Date(Date.now() + offset);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}T${pad(time.getHours())}:${pad(time.getMinutes())}:${pad(time.getSeconds())}`;
  }, offsetMs);
}

const axeScript = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html?: string }[];
}

/** axe-core's serious and critical WCAG 2 A/AA violations on the page as it is now. */
export async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axeScript });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return result.violations;
  });
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.html ?? n.target.join(' ')).slice(0, 3).join(', ')})`);
}
