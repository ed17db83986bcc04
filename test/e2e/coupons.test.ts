import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, operator, phone, post, screenshot, type Shop, shopperSignIn, signInShopper, startShop, violations } from './browser.js';

/**
 * The coupon center through its pages: claiming into the wallet, the per-shopper cap, a coupon others
 * took the last of, and the wallet's countdown; readable by assistive technology.
 */
let shop: Shop;
const ids: Record<'limited' | 'percent' | 'single' | 'cartAbandon', string> = { limited: '', percent: '', single: '', cartAbandon: '' };

async function issue(body: Record<string, unknown>): Promise<string> {
  const now = Date.now();
  const coupon = await operator<{ id: string }>(shop, 'POST', '/api/admin/coupons', {
    validFrom: new Date(now - 60_000).toISOString(),
    validTo: new Date(now + 7 * 86_400_000).toISOString(),
    ...body,
  });
  return coupon.id;
}

beforeAll(async () => {
  shop = await startShop({ demo: true });
  ids.cartAbandon = await issue({ name: '回购礼券', kind: 'amount', amountOff: 500, totalQuantity: 100, validMinutes: 30 });
  ids.single = await issue({ name: '新人首单券', kind: 'amount', amountOff: 1_000, firstOrderOnly: true, totalQuantity: 1 });
  ids.percent = await issue({ name: '数码八折券', kind: 'percent', percentOff: 20, maxOff: 2_000, scope: { type: 'category', id: '数码' }, totalQuantity: 200, perUserLimit: 2 });
  ids.limited = await issue({ name: '双十一满减券', kind: 'amount', amountOff: 5_000, threshold: 30_000, totalQuantity: 50, perUserLimit: 1 });
});

afterAll(async () => {
  await shop?.stop();
});

function coupon(page: Page, name: RegExp): Locator {
  return page.getByRole('article', { name });
}

describe('the coupon center', () => {
  it('claims a limited coupon and finds it in My coupons, counting down a short-lived one', async () => {
    const { page } = await shop.visitor({ size: phone, locale: 'zh-CN' });
    await signInShopper(shop, page, '13900000001');
    await page.goto('/');
    await page.getByRole('link', { name: '领券' }).click();
    await page.waitForURL('**/coupons');
    const limited = coupon(page, /双十一满减券 · 满300减50/);
    await expect.poll(() => limited.getByText('剩 50/50 张').count()).toBe(1);
    await expect.poll(() => coupon(page, /数码八折券 · 8折 最高减20/).getByText(/限品类 数码 使用 · 每人限领 2 张/).count()).toBe(1);
    expect(await violations(page), 'claim tab').toEqual([]);

    await limited.getByRole('button', { name: '立即领取' }).click();
    await limited.getByText('已领取').waitFor();
    await limited.getByText('领取成功，已放入我的券').waitFor();
    await limited.getByText('剩 49/50 张').waitFor();
    const abandon = coupon(page, /回购礼券 · 无门槛减5/);
    await abandon.getByRole('button', { name: '立即领取' }).click();
    await abandon.getByText('已领取').waitFor();
    await page.getByRole('tab', { name: '我的券 (2)' }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'coupons-claim-phone');

    await page.getByRole('tab', { name: /我的券/ }).click();
    await page.waitForURL('**/coupons?tab=mine');
    const usable = page.getByRole('region', { name: '可使用 (2)' });
    await usable.getByRole('article', { name: /双十一满减券/ }).waitFor();
    const timer = usable.getByRole('article', { name: /回购礼券/ }).getByRole('timer');
    expect(await timer.textContent()).toMatch(/^(29:[0-5]\d|30:00) 后过期$/);
    expect(await violations(page), 'wallet tab').toEqual([]);
    await screenshot(page, 'coupons-wallet-phone');

    // The wallet is the server's: a reload still shows both.
    await page.reload();
    await page.getByRole('region', { name: '可使用 (2)' }).waitFor();
  });

  it('says so readably when a one-per-shopper coupon was already claimed elsewhere', async () => {
    const { page } = await shop.visitor({ size: phone, locale: 'zh-CN' });
    const signedIn = await signInShopper(shop, page, '13900000002');
    await page.goto('/coupons');
    const limited = coupon(page, /双十一满减券/);
    const claim = limited.getByRole('button', { name: '立即领取' });
    await claim.waitFor();
    // Claimed on another device while this page was open.
    expect((await post(shop, `/api/coupons/${ids.limited}/claims`, {}, signedIn.token)).status).toBe(201);
    await claim.click();
    await expect.poll(() => limited.getByRole('alert').textContent()).toBe('您已领满该优惠券');
    await limited.getByText('已领取').waitFor();
  });

  it('asks a signed-out visitor on a narrow phone to sign in to claim, without the page spilling sideways', async () => {
    const { page } = await shop.visitor({ size: { width: 360, height: 740 }, locale: 'en-US' });
    await page.goto('/coupons');
    const signIn = coupon(page, /新人首单券 · ¥10 off your first order/).getByRole('link', { name: 'Sign in to claim' });
    expect(await signIn.getAttribute('href')).toBe('/sign-in?next=%2Fcoupons');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await signIn.click();
    await page.waitForURL('**/sign-in?next=%2Fcoupons');
  });

  it('shows a coupon another shopper took the last of as gone, and drops it on reload', async () => {
    const { page } = await shop.visitor({ size: desktop, locale: 'en-US' });
    const single = coupon(page, /新人首单券 · ¥10 off your first order/);
    await signInShopper(shop, page, '13900000003');
    await page.goto('/coupons');
    const claim = single.getByRole('button', { name: 'Claim' });
    await claim.waitFor();
    const other = await shopperSignIn(shop, '13900000004');
    expect((await post(shop, `/api/coupons/${ids.single}/claims`, {}, other.token)).status).toBe(201);
    await claim.click();
    await expect.poll(() => single.getByRole('alert').textContent()).toBe('All of these coupons have been claimed');
    await single.getByText('All claimed').waitFor();
    await single.getByText('0 of 1 left').waitFor();
    await screenshot(page, 'coupons-claim-desktop');
    expect(await violations(page), 'claim tab, desktop, English').toEqual([]);

    await page.reload();
    await coupon(page, /双十一满减券/).waitFor();
    expect(await single.count()).toBe(0);
  });
});
