import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, desktop, operator, screenshot, type Shop, startShop, violations } from './browser.js';

/** The operator offers a coupon for energy in the console, then closes the offer to shoppers. */
let shop: Shop;
let couponId = '';

beforeAll(async () => {
  shop = await startShop({ demo: true });
  const now = Date.now();
  const coupon = await operator<{ id: string }>(shop, 'POST', '/api/admin/coupons', {
    name: '能量兑换 8 元券',
    kind: 'amount',
    amountOff: 800,
    totalQuantity: 50,
    handout: 'grant',
    validFrom: new Date(now - 60_000).toISOString(),
    validTo: new Date(now + 7 * 86_400_000).toISOString(),
  });
  couponId = coupon.id;
});

afterAll(async () => {
  await shop?.stop();
});

describe('the console exchange page', () => {
  it('offers a coupon for energy, lists it, and closes it to shoppers', async () => {
    const { page } = await shop.visitor({ size: desktop, locale: 'zh-CN' });
    await page.goto('/console/exchange');
    await page.getByLabel('运营口令').fill(adminToken);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '积分/能量兑换', exact: true }).waitFor();

    await page.getByRole('button', { name: '上架' }).click();
    await page.getByText('必填').first().waitFor(); // nothing sent before the form is right
    await page.getByLabel('优惠券 ID').fill(couponId);
    await page.getByLabel('每张需要').fill('30');
    await page.getByRole('button', { name: '上架' }).click();
    await page.getByText('已上架，30 能量一张').waitFor();
    const row = page.getByRole('row', { name: /能量兑换 8 元券/ });
    await row.getByText('兑换中').waitFor();
    expect(await violations(page)).toEqual([]);
    await screenshot(page, 'console-exchange-desktop');

    await row.getByRole('button', { name: '关闭' }).click();
    await row.getByText('已关闭').waitFor();
    const open = (await (await fetch(`${shop.base}/api/exchange-offers`)).json()) as { offers: { template: { id: string } }[] };
    expect(open.offers.map((offer) => offer.template.id)).not.toContain(couponId);
  });
});
