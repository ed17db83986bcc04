import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, phone, screenshot, type Shop, signInShopper, startShop, violations } from './browser.js';

/** Daily check-in through its page: the first tap earns energy and starts a streak, a second is refused readably. */
let shop: Shop;

beforeAll(async () => {
  shop = await startShop({ demo: true });
});

afterAll(async () => {
  await shop?.stop();
});

describe('the check-in page', () => {
  it('checks in once, shows the streak and the energy, and says so on a second tap', async () => {
    const { page } = await shop.visitor({ size: phone, locale: 'zh-CN' });
    const signedIn = await signInShopper(shop, page, '13900000011');
    await page.goto('/');
    await page.getByRole('link', { name: '签到' }).click();
    await page.waitForURL('**/check-in');
    const button = page.getByRole('button', { name: '立即签到' });
    await button.waitFor();
    expect(await page.getByLabel('已连续签到 0 天').count()).toBe(1);
    expect(await violations(page), 'before checking in').toEqual([]);

    await button.click();
    await page.getByText('签到成功，获得 10 能量').waitFor();
    await page.getByRole('button', { name: '今日已签到' }).waitFor();
    await page.getByLabel('已连续签到 1 天').waitFor();
    await page.getByRole('region', { name: '我的余额' }).getByText('10', { exact: true }).waitFor();
    expect(await page.getByRole('table', { name: /签到日历/ }).getByLabel(/已签到$/).count()).toBe(1);
    expect(await violations(page), 'after checking in').toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'checkin-phone');

    // Another device of the same shopper still shows the button until it reloads: its tap is refused readably.
    const other = await shop.visitor({ size: phone, locale: 'zh-CN' });
    await other.page.goto('/');
    await other.page.evaluate((value) => localStorage.setItem('miaosha.shopper', JSON.stringify(value)), signedIn);
    await other.page.route('**/api/me/check-ins', async (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      const answer = await route.fetch();
      const month = await answer.json();
      return route.fulfill({ response: answer, json: { ...month, checkedInToday: false } });
    });
    await other.page.goto('/check-in');
    await other.page.getByRole('button', { name: '立即签到' }).click();
    await other.page.getByRole('alert').getByText('今天已经签到过了，明天再来吧').waitFor();
  });

  it('fits a signed-in 360 px phone in English without spilling sideways', async () => {
    const { page } = await shop.visitor({ size: { width: 360, height: 740 }, locale: 'en-US' });
    await signInShopper(shop, page, '13900000013');
    await page.goto('/check-in');
    await page.getByRole('button', { name: 'Check in' }).waitFor();
    await page.getByRole('link', { name: 'Check-in' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });

  it('reads well on a desktop, in English', async () => {
    const { page } = await shop.visitor({ size: desktop, locale: 'en-US' });
    await signInShopper(shop, page, '13900000012');
    await page.goto('/check-in');
    await page.getByRole('button', { name: 'Check in' }).click();
    await page.getByText('Checked in: +10 energy').waitFor();
    await page.getByLabel('1-day streak').waitFor();
    expect(await violations(page), 'desktop, English').toEqual([]);
    await screenshot(page, 'checkin-desktop');
  });
});
