import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, desktop, operator, phone, post, screenshot, type Shop, shopperSignIn, signInShopper, startShop, violations } from './browser.js';

/** A shopper checks in for energy, finds the lucky draw from the check-in page, draws and sees the prize. */
let shop: Shop;
let lotteryId = '';
let couponId = '';

beforeAll(async () => {
  shop = await startShop({ demo: true });
  const now = Date.now();
  const window = { validFrom: new Date(now - 60_000).toISOString(), validTo: new Date(now + 7 * 86_400_000).toISOString() };
  const coupon = await operator<{ id: string }>(shop, 'POST', '/api/admin/coupons', { name: '抽奖 10 元券', kind: 'amount', amountOff: 1_000, totalQuantity: 5, handout: 'grant', ...window });
  const lottery = await operator<{ id: string }>(shop, 'POST', '/api/admin/lotteries', {
    name: '签到能量抽奖',
    startsAt: window.validFrom,
    endsAt: window.validTo,
    cost: { currency: 'energy', amount: 10 },
    limit: { total: null, daily: 1 },
    // The coupon is the only prize with weight: every draw wins it while any is left.
    prizes: [
      { name: '10 元券', kind: 'coupon', templateId: coupon.id, quantity: 5, weight: 1 },
      { name: '谢谢参与', kind: 'none', weight: 0 },
    ],
  });
  lotteryId = lottery.id;
  couponId = coupon.id;
});

afterAll(async () => {
  await shop?.stop();
});

describe('the lucky draw', () => {
  it('is paid with check-in energy and hands the prize to the wallet', async () => {
    const { page } = await shop.visitor({ size: phone, locale: 'zh-CN' });
    await signInShopper(shop, page, '13900000031');
    await page.goto('/check-in');
    await page.getByRole('button', { name: '立即签到' }).click();
    await page.getByText('签到成功，获得 10 能量').waitFor();
    await page.getByRole('link', { name: /用积分\/能量兑换优惠券、抽奖、好友助力/ }).click();
    await page.waitForURL('**/exchange');
    await page.getByRole('region', { name: '兑换优惠券' }).getByRole('button', { name: /兑换/ }).first().waitFor();
    expect(await violations(page), 'exchange page').toEqual([]);
    await screenshot(page, 'exchange-phone');
    await page.getByRole('link', { name: '签到能量抽奖', exact: true }).click();
    await page.waitForURL(`**/lottery/${lotteryId}`);
    await page.getByText('今日还可抽 1 次').waitFor();
    await page.getByRole('region', { name: '奖品' }).getByText('剩余 5 份').waitFor();
    expect(await violations(page), 'before drawing').toEqual([]);

    await page.getByRole('button', { name: '立即抽奖' }).click();
    await page.getByText('恭喜！抽中「10 元券」').waitFor();
    await page.getByText('抽奖次数已用完').waitFor();
    await page.getByRole('region', { name: '奖品' }).getByText('剩余 4 份').waitFor();
    await page.getByRole('region', { name: '我的抽奖记录' }).getByText('10 元券').waitFor();
    expect(await violations(page), 'after drawing').toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'lottery-phone');

    await page.getByRole('link', { name: '查看券包' }).click();
    await page.waitForURL('**/coupons?tab=mine');
    await page.getByRole('article', { name: /抽奖 10 元券/ }).waitFor();
  });

  it('reads well on a desktop, in English, and refuses a draw without energy readably', async () => {
    const { page } = await shop.visitor({ size: desktop, locale: 'en-US' });
    await signInShopper(shop, page, '13900000032');
    await page.goto(`/lottery/${lotteryId}`);
    await page.getByText('10 energy per draw').waitFor();
    await page.getByRole('button', { name: 'Draw now' }).click();
    await page.getByRole('alert').getByText('Not enough balance for this').waitFor();
    expect(await violations(page), 'desktop, English').toEqual([]);
    await screenshot(page, 'lottery-desktop');
  });
});

describe('the console lottery page', () => {
  it('sets up a lottery with its prizes and shows every draw in the audit trail', async () => {
    const { page } = await shop.visitor({ size: desktop, locale: 'zh-CN' });
    await page.goto('/console/lottery');
    await page.waitForURL(/\/console\/login/);
    await page.getByLabel('运营口令').fill(adminToken);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '抽奖', exact: true }).waitFor();

    await page.getByLabel('抽奖名称').fill('运营抽奖');
    await page.getByLabel('消耗', { exact: true }).first().click();
    await page.getByRole('option', { name: '积分' }).click();
    await page.getByLabel('每次消耗（0 = 免费）').fill('0');
    await page.getByLabel('奖品 1 名称').fill('10 元券');
    await page.getByLabel('奖品 1 优惠券 ID').fill(couponId);
    await page.getByLabel('奖品 1 数量').fill('2');
    await page.getByLabel('奖品 1 权重').fill('1');
    await page.getByLabel('奖品 2 权重').fill('0');
    await page.getByRole('button', { name: '创建抽奖' }).click();
    await page.getByText('已创建「运营抽奖」').waitFor();
    const made = (await operator<{ lotteries: { id: string; name: string }[] }>(shop, 'GET', '/api/admin/lotteries')).lotteries.find((l) => l.name === '运营抽奖');
    expect(made).toBeDefined();

    const shopper = await shopperSignIn(shop, '13900000033');
    const draw = await post(shop, `/api/me/lotteries/${made!.id}/draws`, {}, shopper.token);
    expect(draw.status).toBe(201);
    await page.getByRole('button', { name: '查看「运营抽奖」的抽奖记录' }).click();
    const audit = page.getByRole('region', { name: '「运营抽奖」抽奖记录' });
    await audit.getByText('共 1 次抽奖，收取 0 积分').waitFor();
    await audit.getByRole('cell', { name: shopper.shopper.id, exact: true }).waitFor();
    await audit.getByText('10 元券: 1').waitFor();
    expect(await violations(page), 'console lottery').toEqual([]);
    await screenshot(page, 'console-lottery-desktop');
  });
});
