import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, desktop, operator, post, screenshot, type Shop, signInShopper, startShop, violations } from './browser.js';

/** The operator offers a coupon for energy in the console, then closes the offer to shoppers; offers goods and ships what was redeemed. */
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
    await page.getByLabel('每份需要').fill('30');
    await page.getByRole('button', { name: '上架' }).click();
    await page.getByText('已上架，30 能量一份').waitFor();
    const row = page.getByRole('row', { name: /能量兑换 8 元券/ });
    await row.getByText('兑换中').waitFor();
    expect(await violations(page)).toEqual([]);
    await screenshot(page, 'console-exchange-desktop');

    await row.getByRole('button', { name: '关闭' }).click();
    await row.getByText('已关闭').waitFor();
    const open = (await (await fetch(`${shop.base}/api/exchange-offers`)).json()) as { offers: { template: { id: string } }[] };
    expect(open.offers.map((offer) => offer.template.id)).not.toContain(couponId);
  });

  it('offers goods for energy; a shopper redeems one on the exchange page, and the console lists it to ship', async () => {
    const { page } = await shop.visitor({ size: desktop, locale: 'zh-CN' });
    await page.goto('/console/exchange');
    await page.getByLabel('运营口令').fill(adminToken);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '积分/能量兑换', exact: true }).waitFor();

    await page.getByText('实物', { exact: true }).click(); // the kind switch
    await page.getByRole('button', { name: '上架' }).click();
    await page.getByText('必填').first().waitFor();
    await page.getByLabel('实物名称').fill('定制保温杯');
    await page.getByLabel('数量').fill('3');
    await page.getByLabel('每份需要').fill('10');
    await page.getByRole('button', { name: '上架' }).click();
    await page.getByText('已上架，10 能量一份').waitFor();
    const row = page.getByRole('row', { name: /定制保温杯/ });
    await row.getByText('兑换中').waitFor();

    const open = (await (await fetch(`${shop.base}/api/exchange-offers`)).json()) as { offers: { id: string; kind: string; goodsName: string | null; left: number }[] };
    const goods = open.offers.find((offer) => offer.goodsName === '定制保温杯');
    expect(goods).toMatchObject({ kind: 'goods', left: 3 });
    const { page: phonePage } = await shop.visitor({ locale: 'zh-CN' });
    const shopper = await signInShopper(shop, phonePage, '13900005678');
    await post(shop, '/api/me/check-ins', {}, shopper.token);
    await phonePage.goto('/exchange');
    const offers = phonePage.getByRole('region', { name: '兑换优惠券和好礼' });
    await offers.getByText('10 能量 · 剩 3 件 · 每人限兑 1 次').waitFor();
    await offers.getByRole('button', { name: '兑换 定制保温杯' }).click();
    await phonePage.getByRole('status').getByText('兑换成功：「定制保温杯」，我们会尽快为您寄出').waitFor();
    expect(await violations(phonePage)).toEqual([]);
    await screenshot(phonePage, 'exchange-goods-phone');

    await row.getByRole('button', { name: '发货清单' }).click();
    const list = page.getByRole('region', { name: '「定制保温杯」发货清单' });
    const line = list.getByRole('row', { name: /13900005678/ });
    await line.waitFor();
    expect(await violations(page)).toEqual([]);
    await screenshot(page, 'console-exchange-goods-desktop');
    await line.getByRole('button', { name: '标记已发货' }).click();
    await line.getByText('已发货').waitFor();
  });
});
