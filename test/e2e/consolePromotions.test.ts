import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, desktop, operator, phone, post, screenshot, type Shop, startShop, violations } from './browser.js';

/**
 * An operator creates 满300减50/满600减150 through the console: a tier that takes less than the one below is
 * caught before sending, the fixed promotion is listed as running, the shop's price preview applies it
 * across stores, and disabling it on the page takes it out of the price.
 */
const label = '满300减50/满600减150';

let shop: Shop;

beforeAll(async () => {
  shop = await startShop();
});

afterAll(async () => {
  await shop?.stop();
});

const cart = {
  lines: [
    { itemId: 'a', merchantId: 'm-1', categoryId: 'shoes', unitPrice: 40000, quantity: 1 },
    { itemId: 'b', merchantId: 'm-2', categoryId: 'bags', unitPrice: 25000, quantity: 1 },
  ],
};

describe('console promotions and price protection', () => {
  it('creates 满300减50/满600减150, lists it running, and disables it', async () => {
    const { page } = await shop.visitor({ size: desktop });

    await page.goto('/console/promotions');
    await page.waitForURL(/\/console\/login/);
    await page.getByLabel('运营口令').fill(adminToken);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '促销', exact: true }).waitFor();
    await page.getByText('还没有促销，先建一个吧。').waitFor();

    // The header leads to coupons and back.
    await page.getByRole('link', { name: '优惠券', exact: true }).click();
    await page.getByRole('heading', { name: '优惠券', exact: true }).waitFor();
    await page.getByRole('link', { name: '促销', exact: true }).click();
    await page.getByRole('heading', { name: '促销', exact: true }).waitFor();

    // A second tier that takes off less than the first is refused before anything is sent.
    await page.getByLabel('促销名称').fill(label);
    await page.getByLabel('第 1 档 满（元）').fill('300');
    await page.getByLabel('第 1 档 减（元）').fill('50');
    await page.getByRole('button', { name: '加一档' }).click();
    await page.getByLabel('第 2 档 满（元）').fill('600');
    await page.getByLabel('第 2 档 减（元）').fill('40');
    await page.getByRole('button', { name: '创建促销' }).click();
    await page.getByText('更高一档必须减得更多').waitFor();
    expect((await operator(shop, 'GET', '/api/admin/promotions')).promotions).toEqual([]);

    await page.getByLabel('第 2 档 减（元）').fill('150');
    await page.getByRole('button', { name: '创建促销' }).click();
    await page.getByRole('status').getByText(`已创建「${label}」`).waitFor();

    const row = page.locator('tr[data-promotion]').filter({ hasText: label });
    await row.getByText('进行中').waitFor();
    await row.getByText('满300减50', { exact: true }).waitFor();
    await row.getByText('满600减150', { exact: true }).waitFor();
    await row.getByText('跨店满减').waitFor();
    const [made] = (await operator(shop, 'GET', '/api/admin/promotions')).promotions;
    expect(made).toMatchObject({ label, rule: { kind: 'spend-reduction', tiers: [{ threshold: 30000, off: 5000 }, { threshold: 60000, off: 15000 }] }, scope: { kind: 'cart' }, state: 'running' });

    // The shop sees it, and a ¥650 cart from two stores reaches 满600减150.
    expect((await (await fetch(`${shop.base}/api/promotions`)).json()).promotions.map((p: { label: string }) => p.label)).toEqual([label]);
    expect((await post(shop, '/api/price-quotes', cart)).data).toMatchObject({ listTotal: 65000, total: 50000 });
    // Automatic price protection is one switch on the same page.
    expect(await operator(shop, 'GET', '/api/admin/price-protection')).toEqual({ automatic: false, windowDays: 30 });
    await page.getByRole('switch', { name: '自动价格保护' }).click();
    await expect.poll(async () => (await operator(shop, 'GET', '/api/admin/price-protection')).automatic).toBe(true);
    await expect.poll(() => page.getByRole('switch', { name: '自动价格保护' }).isChecked()).toBe(true);
    await screenshot(page, 'console-promotions-desktop');
    expect(await violations(page), 'promotions (zh-CN)').toEqual([]);

    await row.getByRole('button', { name: `停用 ${label}` }).click();
    await row.getByText('已停用').waitFor();
    expect((await post(shop, '/api/price-quotes', cart)).data).toMatchObject({ total: 65000 });

    // The same page in English, a member price form with its mistakes showing.
    await page.locator('header').getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { name: 'Promotions', exact: true }).waitFor();
    await page.getByRole('radio', { name: 'Member price (by tier)' }).click();
    await page.getByRole('button', { name: 'Create promotion' }).click();
    await page.getByText('Give at least one member tier a rate').waitFor();
    expect(await violations(page), 'promotions (en, with mistakes)').toEqual([]);
  });

  it('fits a phone', async () => {
    const { page } = await shop.visitor({ size: phone });
    await page.addInitScript((value) => sessionStorage.setItem('miaosha.operator', JSON.stringify(value)), adminToken);
    await page.goto('/console/promotions');
    await page.locator('tr[data-promotion]').first().getByText('已停用').waitFor();
    await screenshot(page, 'console-promotions-phone');
  });
});
