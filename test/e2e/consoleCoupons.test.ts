import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, desktop, operator, phone, post, screenshot, type Shop, shopperSignIn, startShop, violations } from './browser.js';

/**
 * An operator issues a coupon through the console: a mistake is caught before sending, the fixed coupon is
 * listed with nothing claimed, and a shopper's claim through the API moves the claimed count on the page.
 */
const couponName = '满300减50 · E2E';

let shop: Shop;

beforeAll(async () => {
  shop = await startShop();
});

afterAll(async () => {
  await shop?.stop();
});

describe('console coupons', () => {
  it('issues a coupon, lists it and follows its claims', async () => {
    const { page } = await shop.visitor({ size: desktop });

    // The coupon page asks for the token first and comes back afterwards.
    await page.goto('/console/coupons');
    await page.waitForURL(/\/console\/login/);
    await page.getByLabel('运营口令').fill(adminToken);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '优惠券', exact: true }).waitFor();
    await page.getByText('还没有发放优惠券，先发一种吧。').waitFor();

    // The header leads to campaigns and back.
    await page.getByRole('link', { name: '活动', exact: true }).click();
    await page.getByRole('heading', { name: '活动', exact: true }).waitFor();
    await page.getByRole('link', { name: '优惠券', exact: true }).click();
    await page.getByRole('heading', { name: '优惠券', exact: true }).waitFor();

    // An amount off not below its threshold is refused before anything is sent.
    await page.getByLabel('优惠券名称').fill(couponName);
    await page.getByLabel('减免金额（元）').fill('300');
    await page.getByLabel('使用门槛（元）').fill('300');
    await page.getByLabel('发放总量').fill('100');
    await page.getByLabel('每人限领').fill('2');
    await page.getByLabel('领取后有效分钟数（可选）').fill('30');
    await page.getByRole('button', { name: '发放优惠券' }).click();
    await page.getByText('减免金额必须低于使用门槛').waitFor();
    expect((await operator(shop, 'GET', '/api/admin/coupons')).coupons).toEqual([]);

    await page.getByLabel('减免金额（元）').fill('50');
    await page.getByRole('button', { name: '发放优惠券' }).click();
    await page.getByRole('status').getByText(`已发放「${couponName}」`).waitFor();

    const row = page.locator('tr[data-coupon]').filter({ hasText: couponName });
    await row.getByText('满300减50', { exact: true }).waitFor();
    await row.getByText('全场通用').waitFor();
    await row.getByText('0 / 100').waitFor();
    await row.getByText('领取后 30 分钟内有效').waitFor();
    const [issued] = (await operator(shop, 'GET', '/api/admin/coupons')).coupons;
    expect(issued).toMatchObject({ name: couponName, kind: 'amount', amountOff: 5000, threshold: 30000, totalQuantity: 100, perUserLimit: 2, validMinutes: 30, claimed: 0 });

    // A shopper claims one through the API; the page catches up on its own.
    const { token } = await shopperSignIn(shop, '13800138777');
    const claim = await post(shop, `/api/coupons/${issued.id}/claims`, {}, token);
    expect(claim.status).toBe(201);
    await row.getByText('1 / 100').waitFor({ timeout: 10_000 });
    expect(await row.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('1');
    await screenshot(page, 'console-coupons-desktop');
    expect(await violations(page), 'coupons (zh-CN)').toEqual([]);

    // The same page in English, with the form's mistakes showing.
    await page.locator('header').getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { name: 'Coupons', exact: true }).waitFor();
    await page.getByRole('radio', { name: 'Percentage off' }).click();
    await page.getByRole('button', { name: 'Issue coupon' }).click();
    await page.getByText('Required').first().waitFor();
    expect(await violations(page), 'coupons (en, with mistakes)').toEqual([]);
  });

  it('fits a phone', async () => {
    const { page } = await shop.visitor({ size: phone });
    await page.addInitScript((value) => sessionStorage.setItem('miaosha.operator', JSON.stringify(value)), adminToken);
    await page.goto('/console/coupons');
    await page.locator('tr[data-coupon]').first().getByText('1 / 100').waitFor();
    await screenshot(page, 'console-coupons-phone');
  });
});
