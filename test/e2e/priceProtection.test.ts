import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operator, phone, post, screenshot, type Shop, signInShopper, startShop, violations } from './browser.js';

/**
 * 保价: a shopper paid ¥299 for a rice cooker; the operator lowers its price to ¥249; on the paid order the
 * shopper sees the difference, claims ¥50 back once, and finds the claim in the list of claims.
 */
let shop: Shop;

beforeAll(async () => {
  shop = await startShop();
});

afterAll(async () => {
  await shop?.stop();
});

async function shopper(path: string, token: string, method = 'GET', body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(shop.base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, data: await res.json() };
}

describe('price protection', () => {
  it('claims a fallen price on a paid order, once', async () => {
    const { page } = await shop.visitor({ size: phone });
    const { token } = await signInShopper(shop, page, '13800138666');
    const merchant = await operator(shop, 'POST', '/api/admin/merchants', { name: '美的旗舰店' });
    const cooker = await operator(shop, 'POST', '/api/admin/products', { merchantId: merchant.id, category: 'kitchen', title: '电饭煲', price: 29900, stock: 10 });
    expect((await shopper(`/api/me/cart/lines/${cooker.id}`, token, 'PUT', { quantity: 1 })).status).toBe(200);
    const placed = await shopper('/api/me/checkout', token, 'POST', {}, { 'idempotency-key': crypto.randomUUID() });
    expect(placed.status).toBe(201);
    const paid = await post(shop, `/api/me/checkout-orders/${placed.data.id}/payments`, {}, token);
    expect(paid.data.status).toBe('paid');

    // Paid at today's price: nothing to claim yet.
    await page.goto(`/checkout-orders/${placed.data.id}`);
    const section = page.getByRole('region', { name: '价格保护' });
    await section.getByText('现价不低于实付价，暂无差价').waitFor();

    await operator(shop, 'PATCH', `/api/admin/products/${cooker.id}`, { price: 24900 });
    await page.reload();
    await section.getByText('现价 ¥249.00').waitFor();
    await section.getByRole('button', { name: '为 电饭煲 申请价格保护，退 ¥50.00' }).click();
    await section.getByText('已退差价 ¥50.00').waitFor();
    expect(await section.getByRole('button').count()).toBe(0);
    await screenshot(page, 'shop-price-protection-phone');
    expect(await violations(page), 'order with price protection').toEqual([]);

    // A second claim through the API is refused; the one claim is listed.
    const again = await post(shop, '/api/me/price-protection/claims', { orderId: placed.data.id, lineId: cooker.id }, token);
    expect(again.status).toBe(409);
    expect(again.data.error.code).toBe('PRICE_PROTECTION_CLAIMED');
    await section.getByRole('link', { name: '我的价保记录' }).click();
    await page.getByRole('heading', { name: '我的价保记录' }).waitFor();
    await page.getByText('已退差价 ¥50.00').waitFor();
    expect(await violations(page), 'claims list').toEqual([]);
  });
});
