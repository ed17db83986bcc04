import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, desktop, phone, post, type Shop, shopperSignIn, signInShopper, startShop, violations } from './browser.js';

/**
 * What every visitor gets whatever they do: pages an assistive technology can read (axe-core's WCAG
 * 2 A/AA rules: labels, names, contrast), a sale that works from the keyboard alone, and a page that
 * does not jump while the stock counts down.
 */
let shop: Shop;
let sessionId: string;
let itemId: string;

beforeAll(async () => {
  shop = await startShop({ demo: true });
  const { campaigns } = await (await fetch(`${shop.base}/api/campaigns`)).json();
  const live = campaigns[0].sessions.find((s: { state: string }) => s.state === 'live');
  const session = await (await fetch(`${shop.base}/api/sessions/${live.id}`)).json();
  sessionId = session.id;
  itemId = session.items[0].id; // the one-yuan earbuds: 500 units, one per shopper
});

afterAll(async () => {
  await shop?.stop();
});

async function buyThroughApi(phoneNumber: string): Promise<void> {
  const { token } = await shopperSignIn(shop, phoneNumber);
  await post(shop, `/api/sessions/${sessionId}/items/${itemId}/reservations`, { quantity: 1 }, token);
}

describe('accessibility, keyboard and a steady page', () => {
  it('has no serious accessibility violations on the shopper pages, in either language', async () => {
    for (const locale of ['zh-CN', 'en-US']) {
      const { page } = await shop.visitor({ size: phone, locale });
      await page.goto('/');
      await page.getByRole('article').first().waitFor();
      expect(await violations(page), `campaign page (${locale})`).toEqual([]);
      await page.goto(`/sessions/${sessionId}/items/${itemId}`);
      await page.getByRole('button').or(page.getByRole('link', { name: /登录后抢购|Sign in to buy/ })).first().waitFor();
      expect(await violations(page), `item page (${locale})`).toEqual([]);
      await page.goto('/sign-in');
      await page.getByLabel(/手机号|Phone number/).waitFor();
      expect(await violations(page), `sign-in page (${locale})`).toEqual([]);
    }
  });

  it('has no serious accessibility violations in the console and on the dashboard', async () => {
    const { page } = await shop.visitor({ size: desktop });
    await page.addInitScript((token) => sessionStorage.setItem('miaosha.operator', JSON.stringify(token)), adminToken);
    await page.goto('/console/');
    await page.getByRole('heading', { name: '活动', exact: true }).waitFor();
    expect(await violations(page), 'campaigns').toEqual([]);
    await page.goto(`/console/sessions/${sessionId}`);
    await page.locator('tr[data-item]').first().waitFor();
    expect(await violations(page), 'session').toEqual([]);
    await page.goto(`/dashboard/${sessionId}`);
    await page.getByRole('status', { name: '连接状态' }).getByText('实时').waitFor();
    expect(await violations(page), 'dashboard').toEqual([]);
  });

  it('sells from the keyboard alone: tab to the buy button, press Enter, tab to pay', async () => {
    const { page } = await shop.visitor({ size: phone });
    await signInShopper(shop, page, '13600000001');
    await page.goto(`/sessions/${sessionId}/items/${itemId}`);
    const buy = page.getByRole('button', { name: '立即抢购' });
    await buy.waitFor();
    for (let presses = 0; presses < 40 && !(await buy.evaluate((el) => el === document.activeElement)); presses++) {
      await page.keyboard.press('Tab');
    }
    expect(await buy.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/orders\/[^/]+$/);
    const pay = page.getByRole('button', { name: '立即支付' });
    await pay.waitFor();
    for (let presses = 0; presses < 40 && !(await pay.evaluate((el) => el === document.activeElement)); presses++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.getByText('支付成功').waitFor();
    expect(await violations(page), 'pay page').toEqual([]);
    await page.goto('/orders');
    await page.getByRole('article').first().waitFor();
    expect(await violations(page), 'my orders').toEqual([]);
  });

  it('does not shift its layout while the live stock counts down', async () => {
    const { page } = await shop.visitor({ size: phone });
    await page.goto(`/sessions/${sessionId}/items/${itemId}`);
    const stockText = page.getByText(/仅剩 \d+ 件/).first();
    await stockText.waitFor();
    const before = await stockText.textContent();
    // Count layout shifts from now on (the first paint is not what this is about).
    await page.evaluate(() => {
      const w = window as unknown as { shift: number };
      w.shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) w.shift += entry.value;
        }
      }).observe({ type: 'layout-shift' });
    });
    for (let i = 0; i < 5; i++) await buyThroughApi(`1350000000${i}`);
    await expect.poll(() => stockText.textContent(), { timeout: 10_000 }).not.toBe(before);
    // More updates, arriving in ticks of their own.
    const middle = await stockText.textContent();
    for (let i = 5; i < 8; i++) await buyThroughApi(`1350000000${i}`);
    await expect.poll(() => stockText.textContent(), { timeout: 10_000 }).not.toBe(middle);
    expect(await page.evaluate(() => (window as unknown as { shift: number }).shift)).toBe(0);
  });
});
