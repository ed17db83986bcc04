import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, desktop, operator, phone, screenshot, type Shop, signInShopper, startShop, violations } from './browser.js';

/**
 * Reserve-with-gift and its reminder: the operator attaches a gift to an upcoming session in the console, a
 * shopper books it on the campaign page and gets the gift coupon, and the reminder (the session starts in
 * under 10 minutes) arrives in the shopper's inbox, with an unread badge in the header until read.
 */
const minute = 60_000;

let shop: Shop;

beforeAll(async () => {
  shop = await startShop();
});

afterAll(async () => {
  await shop?.stop();
});

async function me<T = any>(path: string, token: string): Promise<T> {
  const res = await fetch(shop.base + path, { headers: { authorization: `Bearer ${token}` } });
  return (await res.json()) as T;
}

describe('booking a session with a gift, and its reminder', () => {
  it('books an upcoming session, grants the gift coupon, and reminds the shopper in the inbox', async () => {
    const now = Date.now();
    const campaign = await operator(shop, 'POST', '/api/admin/campaigns', {
      name: '双11预约专场',
      type: 'big-promotion',
      startsAt: new Date(now - 60 * minute).toISOString(),
      endsAt: new Date(now + 24 * 60 * minute).toISOString(),
    });
    // Starts in 9 minutes: already inside the reminder's 10 minutes, so the reminder follows the booking.
    const session = await operator(shop, 'POST', `/api/admin/campaigns/${campaign.id}/sessions`, {
      startsAt: new Date(now + 9 * minute).toISOString(),
      endsAt: new Date(now + 39 * minute).toISOString(),
    });
    await operator(shop, 'POST', `/api/admin/sessions/${session.id}/items`, { title: '旗舰手机', originalPrice: 599_900, flashPrice: 399_900, stock: 50, perUserLimit: 1 });
    const coupon = await operator(shop, 'POST', '/api/admin/coupons', {
      name: '预约礼 · 无门槛减20',
      kind: 'amount',
      amountOff: 2000,
      totalQuantity: 100,
      handout: 'grant',
      validFrom: new Date(now - minute).toISOString(),
      validTo: new Date(now + 24 * 60 * minute).toISOString(),
    });

    // The operator attaches the gift in the console: the first 2 bookers get the coupon.
    const console = await shop.visitor({ size: desktop });
    await console.page.goto(`/console/sessions/${session.id}`);
    // The console asks for the operator token first and comes back afterwards.
    await console.page.getByLabel('运营口令').fill(adminToken);
    await console.page.getByRole('button', { name: '登录' }).click();
    const panel = console.page.getByRole('form', { name: '预约有礼' });
    await panel.getByText('尚未设置预约礼；已有 0 人预约').waitFor();
    await panel.getByLabel('赠送的券').click();
    await console.page.getByRole('option', { name: `预约礼 · 无门槛减20 (#${coupon.id})` }).click();
    await panel.getByLabel('前 K 名').fill('2');
    await panel.getByRole('button', { name: '保存预约礼' }).click();
    await panel.getByRole('status').getByText('已保存：前 2 名送「预约礼 · 无门槛减20」').waitFor();
    await panel.getByText('当前：前 2 名送「预约礼 · 无门槛减20」，剩余 2 个名额；已有 0 人预约').waitFor();
    expect(await violations(console.page), 'console with the booking gift').toEqual([]);
    await screenshot(console.page, 'console-booking-gift-desktop');

    // A shopper books on the campaign page.
    const { page } = await shop.visitor({ size: phone, locale: 'zh-CN' });
    const signedIn = await signInShopper(shop, page, '13900000071');
    await page.goto(`/campaigns/${campaign.id}?session=${session.id}`);
    const reminder = page.getByRole('region', { name: '预约提醒' });
    await reminder.getByText('前2名送券 · 剩余 2').waitFor();
    expect(await violations(page), 'campaign page before booking').toEqual([]);
    await reminder.getByRole('button', { name: '预约提醒' }).click();
    await reminder.getByRole('status').getByText('你是第 1 位预约者，礼券已放入「我的券」').waitFor();
    await reminder.getByText('已预约').waitFor();
    await reminder.getByText('前2名送券 · 剩余 1').waitFor();
    expect(await violations(page), 'campaign page after booking').toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'booking-phone');
    const wallet = await me<{ coupons: { template: { id: string } }[] }>('/api/me/coupons', signedIn.token);
    expect(wallet.coupons.map((c) => c.template.id)).toEqual([coupon.id]);

    // The reminder arrives through the outbox within a pass or two of the dispatcher.
    for (let i = 0; i < 100 && (await me<{ unread: number }>('/api/me/inbox/unread', signedIn.token)).unread === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await page.reload();
    const inboxLink = page.getByRole('link', { name: /消息/ });
    await inboxLink.getByLabel('1 条未读').waitFor();
    await inboxLink.click();
    await page.waitForURL('**/inbox');
    const message = page.getByRole('listitem').filter({ hasText: '预约的秒杀即将开始' });
    await message.getByText(/你预约的「双11预约专场」.*将在 10 分钟内开抢/).waitFor();
    expect(await violations(page), 'inbox with an unread reminder').toEqual([]);
    await screenshot(page, 'inbox-phone');
    await message.getByRole('button', { name: '标为已读' }).click();
    await message.getByRole('button', { name: '标为已读' }).waitFor({ state: 'detached' });
    await inboxLink.getByLabel('1 条未读').waitFor({ state: 'detached' });
    expect((await me<{ unread: number }>('/api/me/inbox/unread', signedIn.token)).unread).toBe(0);

    // On a desktop, in English: the booked session and the inbox.
    const wide = await shop.visitor({ size: desktop, locale: 'en-US' });
    await wide.page.goto('/');
    await wide.page.evaluate((value) => localStorage.setItem('miaosha.shopper', JSON.stringify(value)), signedIn);
    await wide.page.goto(`/campaigns/${campaign.id}?session=${session.id}`);
    const panelEn = wide.page.getByRole('region', { name: 'Reminder' });
    await panelEn.getByText('Booked', { exact: true }).waitFor();
    await panelEn.getByText('Coupon for the first 2 · 1 left').waitFor();
    expect(await violations(wide.page), 'desktop campaign page, English').toEqual([]);
    await screenshot(wide.page, 'booking-desktop');
    await wide.page.goto('/inbox');
    await wide.page.getByText('Your booked flash sale starts soon').waitFor();
    expect(await violations(wide.page), 'desktop inbox, English').toEqual([]);
    await screenshot(wide.page, 'inbox-desktop');
  });
});
