import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, desktop, operator, phone, post, screenshot, type Shop, shopperSignIn, startShop } from './browser.js';

/**
 * The operator's wall screen follows a session while shoppers buy through the API: the figures
 * move, the sold-out alert arrives, the charts are drawn.
 */
const wall = { width: 1920, height: 1080 };
const itemTitle = '限量手办 · Limited figure';
const flashPrice = 12_900;

let shop: Shop;
let sessionId: string;
let itemId: string;
let campaignName: string;

/** Waits until the tile labelled `name` shows `value` as its figure. */
async function tileShows(page: Page, name: string, value: string) {
  await page.getByRole('group', { name, exact: true }).getByText(value, { exact: true }).waitFor({ timeout: 10_000 });
}

async function openDashboard(size: { width: number; height: number }, locale = 'zh-CN') {
  const { page } = await shop.visitor({ size, locale });
  // A second screen of the same operator: the token is given to the tab as the form would keep it.
  await page.addInitScript((token) => sessionStorage.setItem('miaosha.operator', JSON.stringify(token)), adminToken);
  await page.goto(`/dashboard/${sessionId}`);
  await page.getByRole('status', { name: locale === 'en' ? 'Connection' : '连接状态' }).getByText(locale === 'en' ? 'Live' : '实时').waitFor();
  return page;
}

beforeAll(async () => {
  shop = await startShop({ demo: true });
  const now = Date.now();
  campaignName = `大屏测试 ${now}`;
  const campaign = await operator(shop, 'POST', '/api/admin/campaigns', {
    name: campaignName,
    type: 'clearance',
    startsAt: new Date(now - 3_600_000).toISOString(),
    endsAt: new Date(now + 86_400_000).toISOString(),
  });
  ({ id: sessionId } = await operator(shop, 'POST', `/api/admin/campaigns/${campaign.id}/sessions`, {
    startsAt: new Date(now - 60_000).toISOString(),
    endsAt: new Date(now + 3_600_000).toISOString(),
  }));
  ({ id: itemId } = await operator(shop, 'POST', `/api/admin/sessions/${sessionId}/items`, {
    title: itemTitle,
    originalPrice: 39_900,
    flashPrice,
    stock: 3,
    perUserLimit: 1,
  }));
}, 60_000);

afterAll(async () => {
  await shop?.stop();
});

describe('the live dashboard', () => {
  it('asks for the token, lists sessions, and follows purchases live', async () => {
    const { page } = await shop.visitor({ size: desktop });
    await page.goto('/dashboard');
    await page.getByLabel('运营口令').fill('wrong-token');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').getByText('口令不正确，请检查后重试').waitFor();
    await page.getByLabel('运营口令').fill(adminToken);
    await page.getByRole('button', { name: '登录' }).click();

    await page.getByRole('heading', { name: '选择场次' }).waitFor();
    await page.getByRole('heading', { name: campaignName }).waitFor();
    await screenshot(page, 'dashboard-sessions-desktop');
    await page.getByRole('link', { name: new RegExp(`打开大屏 ${campaignName}`) }).click();
    expect(new URL(page.url()).pathname).toBe(`/dashboard/${sessionId}`);

    await page.getByRole('status', { name: '连接状态' }).getByText('实时').waitFor();
    await page.getByLabel('场次状态: 进行中').waitFor();
    await tileShows(page, '抢购请求', '0');
    await tileShows(page, '成交额（GMV）', '¥0.00');

    // Four shoppers for three units: three reserve, the last finds it sold out; one pays.
    const tokens = await Promise.all([0, 1, 2, 3].map(async (i) => (await shopperSignIn(shop, `1391234${String(Date.now()).slice(-3)}${i}`)).token));
    const orders: string[] = [];
    for (const token of tokens) {
      const { status, data } = await post<{ orderId: string }>(shop, `/api/sessions/${sessionId}/items/${itemId}/reservations`, { quantity: 1 }, token);
      if (status === 201) orders.push(data.orderId);
    }
    expect(orders).toHaveLength(3);
    const paid = await post(shop, `/api/orders/${orders[0]}/payments`, {}, tokens[0]);
    expect(paid.status).toBe(200);
    await fetch(`${shop.base}/api/sessions/${sessionId}`);

    await tileShows(page, '抢购请求', '4');
    await tileShows(page, '抢到', '3');
    await tileShows(page, '已支付订单', '1');
    await tileShows(page, '成交额（GMV）', '¥129.00');
    await tileShows(page, '支付成功率', '100.0%');

    const soldOut = page.getByRole('list', { name: '告警' }).getByRole('listitem').filter({ hasText: '已售罄' }).filter({ hasText: itemTitle });
    await soldOut.waitFor({ timeout: 10_000 });
    expect(await soldOut.getAttribute('data-level')).toBe('info');

    // A few seconds of a crowd: page loads and late shoppers finding it sold out, so the lines move.
    const until = Date.now() + 4000;
    while (Date.now() < until) {
      await Promise.all([
        fetch(`${shop.base}/api/sessions/${sessionId}`),
        post(shop, `/api/sessions/${sessionId}/items/${itemId}/reservations`, { quantity: 1 }, tokens[3]),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await page.getByRole('group', { name: '抢购请求', exact: true }).getByText('4', { exact: true }).waitFor({ state: 'detached' });

    // Four charts, each a canvas echarts drew into.
    await page.waitForFunction(() => document.querySelectorAll('main [role="img"] canvas').length >= 4);
    const drawn = await page.$$eval('main [role="img"]', (boxes) => boxes.map((box) => box.querySelector('canvas')?.width ?? 0));
    expect(drawn.length).toBe(4);
    expect(drawn.every((width) => width > 100)).toBe(true);
    await screenshot(page, 'dashboard-desktop');

    // The charts follow the window.
    const before = await page.$eval('main [role="img"] canvas', (canvas) => canvas.getBoundingClientRect().width);
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.waitForFunction((width) => {
      const canvas = document.querySelector('main [role="img"] canvas');
      return canvas !== null && Math.abs(canvas.getBoundingClientRect().width - width) > 20;
    }, before);
  });

  it('fills a 1920×1080 wall in English, and fits a phone', async () => {
    const page = await openDashboard(wall, 'en');
    // A wall in a dark room: light on dark, charts included.
    await page.getByRole('button', { name: 'Dark mode', pressed: false }).click();
    await page.getByRole('button', { name: 'Dark mode', pressed: true }).waitFor();
    await page.waitForFunction(() => document.documentElement.getAttribute('data-mantine-color-scheme') === 'dark');
    await tileShows(page, 'Paid orders', '1');
    await tileShows(page, 'GMV', '¥129.00');
    await page.getByRole('list', { name: 'Alerts' }).getByRole('listitem').filter({ hasText: 'Sold out' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('main [role="img"] canvas').length >= 4);
    await screenshot(page, 'dashboard-wall');

    const small = await openDashboard(phone);
    await tileShows(small, '已支付订单', '1');
    const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(small, 'dashboard-phone');
  });
});
