import { afterAll, beforeAll, describe, it } from 'vitest';
import { adminToken, desktop, localTimeIn, phone, screenshot, type Shop, signInShopper, startShop } from './browser.js';

/**
 * One flash sale from end to end, each person on their own page: the operator plans it in the
 * console to start in a few seconds; a shopper watches the countdown, buys the only unit and pays;
 * a second shopper, whose live stream lagged, is told readably that it is sold out; the operator's
 * dashboard shows the sale.
 */
const campaignName = '闪购 · Flash sale';
const itemTitle = '限量球鞋 · Limited sneakers';

let shop: Shop;

beforeAll(async () => {
  shop = await startShop();
});

afterAll(async () => {
  await shop?.stop();
});

describe('a flash sale, from the console to the dashboard', () => {
  it('sells the one unit to the first shopper, tells the second it is gone, and shows the sale live', async () => {
    // The operator plans the sale: a campaign, a session starting in about 25 s, one unit of one item.
    const console = (await shop.visitor({ size: desktop })).page;
    await console.goto('/console/login');
    await console.getByLabel('运营口令').fill(adminToken);
    await console.getByRole('button', { name: '登录' }).click();
    await console.getByRole('heading', { name: '活动', exact: true }).waitFor();
    await console.getByLabel('活动名称').fill(campaignName);
    await console.getByRole('button', { name: '创建活动' }).click();
    await console.getByRole('heading', { name: campaignName }).waitFor();
    await console.getByLabel('开始时间').fill(await localTimeIn(console, 25_000));
    await console.getByLabel('结束时间').fill(await localTimeIn(console, 30 * 60_000));
    await console.getByRole('button', { name: '添加场次' }).last().click();
    await console.locator('tr[data-session]').getByRole('link', { name: /^管理/ }).click();
    await console.waitForURL(/\/console\/sessions\/\d+$/);
    const sessionId = console.url().split('/').at(-1)!;
    await console.getByRole('button', { name: '上架商品' }).click();
    const dialog = console.getByRole('dialog');
    await dialog.getByLabel('商品名称').fill(itemTitle);
    await dialog.getByLabel('原价（元）').fill('1299');
    await dialog.getByLabel('秒杀价（元）').fill('699');
    await dialog.getByLabel('秒杀库存').fill('1');
    await dialog.getByLabel('每人限购').fill('1');
    await dialog.getByRole('button', { name: '上架商品' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const campaignId = (await (await fetch(`${shop.base}/api/sessions/${sessionId}`)).json()).campaignId;
    const salePage = `/campaigns/${campaignId}?session=${sessionId}`;

    // The operator's wall screen follows the session.
    const dashboard = (await shop.visitor({ size: desktop })).page;
    await dashboard.addInitScript((token) => sessionStorage.setItem('miaosha.operator', JSON.stringify(token)), adminToken);
    await dashboard.goto(`/dashboard/${sessionId}`);
    await dashboard.getByRole('status', { name: '连接状态' }).getByText('实时').waitFor();

    // Two shoppers open the sale before it starts. The second one's live stream is cut, so their
    // page still shows the unit after it is gone.
    const first = (await shop.visitor({ size: phone })).page;
    await signInShopper(shop, first, '13700000001');
    const second = (await shop.visitor({ size: phone })).page;
    await signInShopper(shop, second, '13700000002');
    await second.route('**/events', (route) => route.abort());
    await first.goto(salePage);
    await second.goto(salePage);

    // The first shopper watches the countdown (the server's clock) turn into the buy button.
    const firstCard = first.getByRole('article', { name: new RegExp(itemTitle) });
    await firstCard.getByRole('button', { name: /\d{2}:\d{2} 后开抢/ }).waitFor();
    await first.getByRole('timer').waitFor();
    await screenshot(first, 'flash-sale-countdown-phone');
    await firstCard.getByRole('button', { name: '立即抢购' }).waitFor({ timeout: 45_000 });
    await firstCard.getByRole('button', { name: '立即抢购' }).click();
    await first.waitForURL(/\/orders\/[^/]+$/);
    await first.getByRole('button', { name: '立即支付' }).click();
    await first.getByText('支付成功').waitFor();
    await first.getByRole('link', { name: '我的订单' }).first().click();
    await first.getByRole('article', { name: new RegExp(itemTitle) }).getByText('已支付').waitFor();

    // The second shopper's page still offers the unit; the server says SOLD_OUT, the page says it in words.
    const secondCard = second.getByRole('article', { name: new RegExp(itemTitle) });
    await secondCard.getByRole('button', { name: '立即抢购' }).click();
    await secondCard.getByRole('alert').getByText('手慢了，已经抢光了').waitFor();
    await secondCard.getByRole('button', { name: '已抢光' }).waitFor();
    await screenshot(second, 'flash-sale-sold-out-phone');

    // The dashboard shows the sale: one reserved, one paid, ¥699.00, and the sold-out alert.
    const tile = (name: string) => dashboard.getByRole('group', { name, exact: true });
    await tile('已支付订单').getByText('1', { exact: true }).waitFor();
    await tile('成交额（GMV）').getByText('¥699.00', { exact: true }).waitFor();
    await dashboard.getByRole('list', { name: '告警' }).getByRole('listitem').filter({ hasText: '已售罄' }).waitFor();
    await screenshot(dashboard, 'flash-sale-dashboard-desktop');
  });
});
