import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, desktop, operator, phone, screenshot, type Shop, signInShopper, startShop, violations } from './browser.js';

/** A shopper starts an assist and shares its link; a friend opens it and helps; the reward unlocks. */
let shop: Shop;
let couponId = '';

beforeAll(async () => {
  shop = await startShop({ demo: true });
  const now = Date.now();
  const window = { validFrom: new Date(now - 60_000).toISOString(), validTo: new Date(now + 7 * 86_400_000).toISOString() };
  const coupon = await operator<{ id: string }>(shop, 'POST', '/api/admin/coupons', { name: '助力 20 元券', kind: 'amount', amountOff: 2_000, totalQuantity: 10, handout: 'grant', ...window });
  couponId = coupon.id;
  await operator(shop, 'POST', '/api/admin/assist-campaigns', {
    title: '好友助力领 20 元券',
    templateId: coupon.id,
    helpersNeeded: 1,
    startsAt: window.validFrom,
    endsAt: window.validTo,
    dailyHelpLimit: 3,
  });
});

afterAll(async () => {
  await shop?.stop();
});

describe('an assist', () => {
  it('is started, shared, helped by a friend through the link, and unlocks the reward', async () => {
    const { page } = await shop.visitor({ size: phone, locale: 'zh-CN' });
    await signInShopper(shop, page, '13900000041');
    await page.goto('/exchange');
    await page.getByRole('button', { name: '发起助力 好友助力领 20 元券', exact: true }).click();
    await page.waitForURL(/\/assists\/\d+$/);
    await page.getByText('已有 0/1 位好友助力').first().waitFor();
    const link = await page.getByLabel('助力链接').inputValue();
    expect(link).toBe(page.url());
    expect(await violations(page), 'starter').toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'assist-start-phone');

    const friend = await shop.visitor({ size: phone, locale: 'zh-CN' });
    await signInShopper(shop, friend.page, '13900000042');
    await friend.page.goto(link);
    await friend.page.getByRole('button', { name: '帮 TA 助力' }).click();
    await friend.page.getByText('助力成功，谢谢你！').waitFor();
    await friend.page.getByText('已有 1/1 位好友助力').first().waitFor();
    await friend.page.getByRole('button', { name: '您已为 TA 助力' }).waitFor();
    expect(await violations(friend.page), 'friend').toEqual([]);
    await screenshot(friend.page, 'assist-help-phone');

    await page.reload();
    await page.getByText('奖励优惠券已放入您的券包').waitFor();
  });

  it('reads well on a desktop, and refuses a shopper helping their own assist', async () => {
    const { page } = await shop.visitor({ size: desktop, locale: 'zh-CN' });
    const me = await signInShopper(shop, page, '13900000043');
    await page.goto('/exchange');
    await page.getByRole('button', { name: '发起助力 好友助力领 20 元券', exact: true }).click();
    await page.waitForURL(/\/assists\/\d+$/);
    const id = page.url().split('/').pop();
    const self = await fetch(`${shop.base}/api/me/assists/${id}/helps`, { method: 'POST', headers: { authorization: `Bearer ${me.token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(self.status).toBe(409);
    expect((await self.json()).error.code).toBe('SELF_ASSIST');
    await page.getByRole('button', { name: '分享给好友助力' }).waitFor();
    expect(await violations(page), 'desktop').toEqual([]);
    await screenshot(page, 'assist-desktop');
  });
});

describe('the console assist page', () => {
  it('creates an assist campaign and lists it with its progress', async () => {
    const { page } = await shop.visitor({ size: desktop, locale: 'zh-CN' });
    await page.goto('/console/assists');
    await page.waitForURL(/\/console\/login/);
    await page.getByLabel('运营口令').fill(adminToken);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '好友助力', exact: true }).waitFor();
    await page.getByRole('button', { name: '创建助力活动' }).click();
    await page.getByText('必填').first().waitFor();
    await page.getByLabel('活动名称').fill('运营助力');
    await page.getByLabel('奖励优惠券 ID').fill(couponId);
    await page.getByLabel('需要几位好友助力').fill('5');
    await page.getByRole('button', { name: '创建助力活动' }).click();
    await page.getByText('已创建「运营助力」').waitFor();
    await page.getByRole('row', { name: /运营助力/ }).getByRole('cell', { name: '0 / 0' }).waitFor();
    await page.getByRole('row', { name: /好友助力领 20 元券/ }).first().waitFor();
    expect(await violations(page), 'console assists').toEqual([]);
    await screenshot(page, 'console-assists-desktop');
  });
});
