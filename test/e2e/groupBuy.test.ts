import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, desktop, operator, phone, post, screenshot, type Shop, shopperSignIn, signInShopper, startShop, violations } from './browser.js';

/** A group buy through its pages: a leader opens a group of 2, a friend joins by the shared link, both see it succeed. */
let shop: Shop;

beforeAll(async () => {
  shop = await startShop();
});

afterAll(async () => {
  await shop?.stop();
});

describe('a group buy', () => {
  it('is opened by a leader, joined by a friend through the shared link, and succeeds for both', async () => {
    const hour = 3_600_000;
    const deal = await operator<{ id: string }>(shop, 'POST', '/api/admin/group-buys', {
      title: '云南高山苹果 5斤',
      merchant: '褚橙果园',
      originalPrice: 5_990,
      groupPrice: 2_990,
      groupSize: 2,
      hoursOpen: 24,
      stock: 50,
      perUserLimit: 1,
      startsAt: new Date(Date.now() - hour).toISOString(),
      endsAt: new Date(Date.now() + 48 * hour).toISOString(),
    });

    // The leader, on a phone: from the header to the deal, then opens a group (paying at once).
    const leader = await shop.visitor({ size: phone, locale: 'zh-CN' });
    await signInShopper(shop, leader.page, '13900000031');
    await leader.page.goto('/');
    await leader.page.getByRole('link', { name: '拼团', exact: true }).first().click();
    await leader.page.waitForURL('**/group-buys');
    await leader.page.getByRole('link', { name: '云南高山苹果 5斤' }).click();
    await leader.page.waitForURL(`**/group-buys/${deal.id}`);
    await leader.page.getByText('还没有人开团，快来当团长吧').waitFor();
    expect(await violations(leader.page), 'the deal page').toEqual([]);
    await leader.page.getByRole('button', { name: '开团并支付 ¥29.90' }).click();
    await leader.page.waitForURL(/\/groups\/\d+/);
    await leader.page.getByText('还差 1 人成团').waitFor();
    await leader.page.getByText('✓ 你已在团里 · 已付款，等待成团').waitFor();
    expect(await leader.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    expect(await violations(leader.page), 'the group, waiting for a friend').toEqual([]);
    await screenshot(leader.page, 'group-buy-phone');
    const link = new URL(leader.page.url());
    link.search = '';

    // The friend, on a desktop in English, opens the shared link and joins.
    const friend = await shop.visitor({ size: desktop, locale: 'en-US' });
    await signInShopper(shop, friend.page, '13900000032');
    await friend.page.goto(link.pathname);
    await friend.page.getByText('1 more to go').waitFor();
    await friend.page.getByRole('button', { name: 'Join and pay ¥29.90' }).click();
    await friend.page.getByText('The group succeeded! Your order is confirmed').waitFor();
    await friend.page.getByText('Group succeeded, order confirmed').first().waitFor();
    expect(await violations(friend.page), 'the group, succeeded').toEqual([]);
    await screenshot(friend.page, 'group-buy-desktop');

    // The leader's page follows the group and shows the success too; the order is in their group buys.
    await leader.page.getByText('拼团成功！订单已确认').waitFor();
    await leader.page.goto('/group-buys');
    await leader.page.getByRole('region', { name: '我的拼团' }).getByText('拼团成功，订单已确认').waitFor();
    await leader.page.goto(`/group-buys/${deal.id}`);
    await leader.page.getByRole('table', { name: '拼团排行榜' }).getByText('第 1 名').waitFor();
    expect(await violations(leader.page), 'the deal with its leaderboard').toEqual([]);
    await screenshot(leader.page, 'group-buy-deal-phone');
  });

  it('is set up by the operator in the console, who follows its groups', async () => {
    const { page } = await shop.visitor({ size: desktop });
    await page.goto('/console/group-buys');
    await page.waitForURL(/\/console\/login/);
    await page.getByLabel('运营口令').fill(adminToken);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '拼团', exact: true }).waitFor();

    // A group price not below the original is refused before anything is sent.
    await page.getByLabel('商品标题').fill('每日坚果礼盒');
    await page.getByLabel('商家').fill('良品铺子');
    await page.getByLabel('原价（元）').fill('128');
    await page.getByLabel('拼团价（元）').fill('128');
    await page.getByLabel('成团人数').fill('2');
    await page.getByLabel('活动库存（件）').fill('20');
    await page.getByRole('button', { name: '创建拼团' }).click();
    await page.getByText('拼团价须低于原价').waitFor();
    await page.getByLabel('拼团价（元）').fill('99');
    await page.getByRole('button', { name: '创建拼团' }).click();
    await page.getByRole('status').getByText('已创建「每日坚果礼盒」').waitFor();
    expect(await violations(page), 'the console list').toEqual([]);

    await page.getByRole('table', { name: '拼团活动' }).getByRole('link', { name: '每日坚果礼盒' }).click();
    await page.getByRole('heading', { name: '「每日坚果礼盒」的团' }).waitFor();
    await page.getByText('还没有人开团').waitFor();
    const deal = (await operator<{ deals: { id: string; title: string }[] }>(shop, 'GET', '/api/admin/group-buys')).deals.find((d) => d.title === '每日坚果礼盒')!;
    const leader = await shopperSignIn(shop, '13900000033');
    expect((await post(shop, `/api/me/group-buys/${deal.id}/groups`, {}, leader.token)).status).toBe(201);
    const groups = page.getByRole('table', { name: '团' });
    await groups.getByText('拼团中').waitFor();
    await groups.getByText('1/2').waitFor();
    expect(await violations(page), 'the console deal').toEqual([]);
    await screenshot(page, 'console-group-buy-desktop');
  });
});
