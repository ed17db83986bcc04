import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, phone, screenshot, type Shop, startShop } from './browser.js';

/**
 * A shopper's day on the demo shop, through the pages only: the campaign, signing in with the shown
 * demo code, buying the one-yuan item, paying, the order list, the limit, eligibility, and English.
 */
let shop: Shop;

beforeAll(async () => {
  shop = await startShop({ demo: true });
});

afterAll(async () => {
  await shop?.stop();
});

const oneYuan = /一元秒杀 · 蓝牙耳机/;
const goldOnly = /会员专享 · 空气炸锅/;
const smartphone = /智能手机 16 Pro/;

function card(page: Page, title: RegExp): Locator {
  return page.getByRole('article', { name: title });
}

async function signInThroughPage(page: Page, phoneNumber: string) {
  await page.getByLabel(/手机号|Phone number/).fill(phoneNumber);
  await page.getByRole('button', { name: /获取验证码|Get code/ }).click();
  const shown = page.getByText(/演示验证码：\d{6}|demo code: \d{6}/);
  await shown.waitFor();
  const code = (await shown.textContent())!.match(/\d{6}/)![0];
  // The page fills the shown code in by itself.
  expect(await page.getByLabel(/^验证码|^Code/).inputValue()).toBe(code);
}

describe('the shopper pages', () => {
  it('signs in with the demo code, buys the one-yuan item, pays, and sees the limit and eligibility', async () => {
    const { page } = await shop.visitor({ size: phone, locale: 'zh-CN' });
    await page.goto('/');

    // The live session's tab is selected, and the items carry ¥ prices.
    const liveTab = page.getByRole('tab', { selected: true });
    await expect.poll(() => liveTab.textContent()).toContain('抢购中');
    await card(page, oneYuan).waitFor();
    expect(await card(page, oneYuan).textContent()).toContain('¥1.00');
    expect(await card(page, oneYuan).textContent()).toContain('¥199.00');
    await page.getByRole('timer').waitFor();
    await expect.poll(() => card(page, oneYuan).textContent()).toMatch(/仅剩 \d+ 件/);
    await page.getByText('活动规则').waitFor();
    await screenshot(page, 'shop-campaign-phone');

    // Signed out, the buy button asks to sign in and comes back here afterwards.
    await card(page, oneYuan).getByRole('link', { name: '登录后抢购' }).click();
    await page.waitForURL(/\/sign-in\?next=/);
    await signInThroughPage(page, '13912340001');
    await screenshot(page, 'shop-sign-in-phone');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByText('普通会员').filter({ visible: true }).waitFor();

    // A regular shopper sees the gold-only item as not eligible, with the reason.
    const gold = card(page, goldOnly);
    await gold.getByRole('button', { name: '暂不符合购买条件' }).waitFor();
    expect(await gold.textContent()).toContain('仅限金卡、VIP会员');

    // One tap buys and lands on the pay page with a countdown.
    await card(page, oneYuan).getByRole('button', { name: '立即抢购' }).click();
    await page.waitForURL(/\/orders\/[^/]+$/);
    await page.getByText(/请在 \d{2}:\d{2} 内完成支付/).waitFor();
    await page.getByText('待支付').waitFor();
    await page.getByRole('link', { name: oneYuan }).waitFor();
    await screenshot(page, 'shop-pay-phone');
    await page.getByRole('button', { name: '立即支付' }).click();
    await page.getByText('已支付').first().waitFor();
    await page.getByText('支付成功').waitFor();

    // The order is in My orders, paid.
    await page.getByRole('link', { name: '我的订单' }).first().click();
    await page.waitForURL((url) => url.pathname === '/orders');
    const order = page.getByRole('article', { name: oneYuan });
    await order.waitFor();
    expect(await order.textContent()).toContain('已支付');
    expect(await order.textContent()).toContain('¥1.00');
    await screenshot(page, 'shop-orders-phone');

    // Buying it again: the limit is reached (one per shopper).
    await order.getByRole('link', { name: oneYuan }).click();
    await page.getByRole('link', { name: oneYuan }).click();
    await page.waitForURL(/\/sessions\/[^/]+\/items\/[^/]+$/);
    await page.getByRole('button', { name: '已达限购（1 件）' }).waitFor();
    expect(await page.getByRole('button', { name: '已达限购（1 件）' }).isDisabled()).toBe(true);
    await screenshot(page, 'shop-item-phone');
  });

  it('lets a visitor try a gold member in one tap, and speaks English to an English browser', async () => {
    const { page } = await shop.visitor({ size: desktop, locale: 'en-US' });
    await page.goto('/');
    await page.getByRole('tab', { selected: true }).getByText('On now').waitFor();
    await page.getByRole('heading', { name: 'Hot deals' }).waitFor();
    await card(page, oneYuan).getByRole('link', { name: 'Sign in to buy' }).waitFor();
    await screenshot(page, 'shop-campaign-desktop');

    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in with your phone' }).waitFor();
    await page.getByRole('button', { name: /Try as a gold member/ }).waitFor();
    await screenshot(page, 'shop-sign-in-desktop');
    await page.getByRole('button', { name: /Try as a gold member/ }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByText('gold member').filter({ visible: true }).waitFor();

    // The gold-only item is open to a gold member.
    const gold = card(page, goldOnly);
    await gold.getByRole('link', { name: goldOnly }).click();
    await page.waitForURL(/\/items\//);
    await page.getByRole('button', { name: 'Buy now' }).waitFor();
    await page.getByText('For gold, VIP members only', { exact: true }).waitFor();
    await screenshot(page, 'shop-item-desktop');

    // The smartphone (two per shopper): the first answer is lost on the way back though the server
    // did reserve. The retry, even after a reload, sends the same Idempotency-Key and gets the same
    // order, never a second one.
    await page.getByRole('link', { name: /Back to the sale/ }).click();
    await card(page, smartphone).getByRole('link', { name: smartphone }).click();
    await page.waitForURL(/\/items\//);
    const keys: string[] = [];
    let lost = false;
    await page.route('**/reservations', async (route) => {
      keys.push(route.request().headers()['idempotency-key']);
      if (lost) return route.continue();
      lost = true;
      await route.fetch();
      await route.abort('failed');
    });
    await page.getByRole('button', { name: 'Buy now' }).click();
    await page.getByRole('alert').filter({ hasText: 'No connection' }).waitFor();
    await page.reload();
    await page.getByText('Your last attempt was not confirmed', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.waitForURL(/\/orders\/[^/]+$/);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBeTruthy();
    expect(keys[1]).toBe(keys[0]);
    await page.getByText(/Pay within \d{2}:\d{2}/).waitFor();
    await page.getByText('Awaiting payment').waitFor();
    await screenshot(page, 'shop-pay-desktop');

    // Cancel asks first; the unit goes back on sale.
    await page.getByRole('button', { name: 'Cancel order' }).click();
    await page.getByRole('button', { name: 'Yes, cancel' }).click();
    await page.getByText('Cancelled').first().waitFor();

    // One order of the smartphone: the retried attempt did not buy twice.
    await page.getByRole('link', { name: 'My orders' }).first().click();
    await page.getByRole('article', { name: smartphone }).getByText('Cancelled').waitFor();
    expect(await page.getByRole('article', { name: smartphone }).count()).toBe(1);
    await screenshot(page, 'shop-orders-desktop');
  });
});
