import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, desktop, localTimeIn, operator, phone, post, screenshot, type Shop, shopperSignIn, startShop } from './browser.js';

/**
 * An operator plans a sale from nothing through the console's pages: signs in, creates a campaign, a
 * session starting in about 20 seconds and an item, pauses and resumes it, and sees the session go live.
 */
const campaignName = '会员日 · E2E';
const itemTitle = '保温杯 · Vacuum flask';

let shop: Shop;

beforeAll(async () => {
  shop = await startShop();
});

afterAll(async () => {
  await shop?.stop();
});

/** One paid order of one unit, placed by a new shopper through the API. */
async function buyAndPay(sessionId: string, itemId: string): Promise<string> {
  const phoneNumber = '13800138123';
  const { token } = await shopperSignIn(shop, phoneNumber);
  const { data } = await post<{ orderId: string }>(shop, `/api/sessions/${sessionId}/items/${itemId}/reservations`, { quantity: 1 }, token);
  await post(shop, `/api/orders/${data.orderId}/payments`, {}, token);
  return data.orderId;
}

describe('operator console', () => {
  let campaignPath = '';
  let sessionPath = '';

  it('plans a sale, puts an item on sale, pauses and resumes it, and sees the session go live', async () => {
    const { page } = await shop.visitor({ size: desktop });

    // Without a token the console sends the operator to its login page.
    await page.goto('/console/');
    await page.waitForURL(/\/console\/login/);
    await page.getByRole('heading', { name: '运营后台登录' }).waitFor();
    await screenshot(page, 'console-login-desktop');

    await page.getByLabel('运营口令').fill('not-the-token');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').getByText('口令不正确，请检查后重试').waitFor();

    await page.getByLabel('运营口令').fill(adminToken);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '活动', exact: true }).waitFor();
    await page.getByText('还没有活动，先创建一个吧。').waitFor();

    // A campaign: the name is required before anything is sent.
    await page.getByRole('button', { name: '创建活动' }).click();
    await page.getByText('必填').waitFor();
    await page.getByLabel('活动名称').fill(campaignName);
    await page.getByLabel('活动类型').first().click();
    await page.getByRole('option', { name: '会员日' }).click();
    await page.getByRole('button', { name: '创建活动' }).click();
    await page.getByRole('heading', { name: campaignName }).waitFor();
    await page.getByText('类型：会员日').waitFor();
    campaignPath = new URL(page.url()).pathname;

    // A session starting in about 20 seconds.
    await page.getByLabel('开始时间').fill(await localTimeIn(page, 20_000));
    await page.getByLabel('结束时间').fill(await localTimeIn(page, 30 * 60_000));
    await page.getByLabel('支付时限（分钟）').fill('10');
    await page.getByRole('button', { name: '添加场次' }).last().click();
    const row = page.locator('tr[data-session]');
    await row.getByText('未开始').waitFor();
    await screenshot(page, 'console-campaign-desktop');
    await row.getByRole('link', { name: /^管理/ }).click();
    await page.waitForURL(/\/console\/sessions\/\d+$/);
    sessionPath = new URL(page.url()).pathname;
    await page.getByText('支付时限 10 分钟').waitFor();
    await page.getByText('这个场次还没有商品。').waitFor();

    // An item: a flash price not below the original is refused with a message, then a valid one goes on sale.
    await page.getByRole('button', { name: '上架商品' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('商品名称').fill(itemTitle);
    await dialog.getByLabel('原价（元）').fill('199');
    await dialog.getByLabel('秒杀价（元）').fill('199.00');
    await dialog.getByLabel('秒杀库存').fill('100');
    await dialog.getByLabel('每人限购').fill('2');
    await dialog.getByRole('button', { name: '上架商品' }).click();
    await dialog.getByText('秒杀价必须低于原价').waitFor();
    await dialog.getByLabel('秒杀价（元）').fill('99.9');
    await dialog.getByText('¥99.90，5 折').waitFor();
    await dialog.getByRole('button', { name: '上架商品' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Listed with its live figures.
    const item = page.locator('tr[data-item]').filter({ hasText: itemTitle });
    await item.getByText('¥99.90').waitFor();
    await item.locator('[data-stat="stock"]').getByText('100', { exact: true }).waitFor();
    await item.locator('[data-stat="reserved"]').getByText('0', { exact: true }).waitFor();
    await item.getByText('已售 0%').waitFor();

    // An edit sends what changed while the session is upcoming.
    await item.getByRole('button', { name: `修改 ${itemTitle}` }).click();
    await dialog.getByLabel('每人限购').fill('3');
    await dialog.getByRole('button', { name: '保存修改' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await item.getByText('每人限购 3').waitFor();
    const created = await operator(shop, 'GET', sessionPath.replace('/console/sessions/', '/api/admin/sessions/'));
    expect(created.items[0]).toMatchObject({ title: itemTitle, originalPrice: 19_900, flashPrice: 9_990, initialStock: 100, perUserLimit: 3 });

    // Pause, then resume.
    await item.getByRole('button', { name: `暂停销售 ${itemTitle}` }).click();
    await item.getByText('已暂停').waitFor();
    await item.getByRole('button', { name: `恢复销售 ${itemTitle}` }).click();
    await item.getByText('在售中').waitFor();
    expect((await operator(shop, 'GET', sessionPath.replace('/console/sessions/', '/api/admin/sessions/'))).items[0].paused).toBe(false);

    // While upcoming the session's times can change; once it starts they cannot, and the badge says live.
    expect(await page.getByLabel('开始时间').isDisabled()).toBe(false);
    await screenshot(page, 'console-session-desktop');
    await page.locator('main [data-state="live"]').first().waitFor({ timeout: 40_000 });
    await page.getByText('场次已开始或已结束，时间和支付时限不能再修改。').waitFor();
    expect(await page.getByLabel('开始时间').isDisabled()).toBe(true);
    await item.getByRole('button', { name: `查看 ${itemTitle}` }).waitFor();

    // A shopper buys and pays through the API; the operator sees the units move and ships the order.
    const orderId = await buyAndPay(sessionPath.split('/').at(-1)!, created.items[0].id);
    await item.locator('[data-stat="paid"]').getByText('1', { exact: true }).waitFor();
    await item.locator('[data-stat="stock"]').getByText('99', { exact: true }).waitFor();
    const order = page.locator(`tr[data-order="${orderId}"]`);
    await order.getByText('已支付').waitFor();
    await order.getByRole('button', { name: `发货 订单 ${orderId}` }).click();
    await order.getByText('已发货').waitFor();
    expect(await order.getByRole('button', { name: `退款 订单 ${orderId}` }).count()).toBe(0);

    await page.goto('/console/');
    await page.getByRole('link', { name: campaignName }).waitFor();
    await page.getByText('会员日').first().waitFor();
    await page.getByText('进行中 1').waitFor();
    await screenshot(page, 'console-campaigns-desktop');

    // Signing out forgets the token; the console asks for it again.
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('heading', { name: '运营后台登录' }).waitFor();
  });

  it('is usable on a phone, in English', async () => {
    const { page } = await shop.visitor({ size: phone, locale: 'en' });
    await page.goto('/console/login');
    await page.getByRole('heading', { name: 'Operator sign-in' }).waitFor();
    await screenshot(page, 'console-login-phone');
    await page.getByLabel('Operator token').fill(adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: campaignName }).waitFor();
    await page.getByText('Member day').first().waitFor();
    await screenshot(page, 'console-campaigns-phone');
    await page.goto(campaignPath);
    await page.getByText('Type: Member day').waitFor();
    await page.locator('tr[data-session]').getByText('Live').waitFor();
    await screenshot(page, 'console-campaign-phone');
    await page.goto(sessionPath);
    await page.locator('tr[data-item]').getByText(itemTitle).waitFor();
    await page.getByText('Payment window 10 min').waitFor();
    await screenshot(page, 'console-session-phone');
  });
});
