import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, desktop, operator, phone, post, screenshot, type Shop, shopperSignIn, signInShopper, startShop, violations } from './browser.js';

/**
 * Checkout through its pages: products of two merchants into the cart, the best price explained with a
 * claimed coupon applied, 结算, pay, and the paid order; readable by assistive technology.
 */
let shop: Shop;
let couponId = '';

beforeAll(async () => {
  shop = await startShop({ demo: true });
  const now = Date.now();
  const coupon = await operator<{ id: string }>(shop, 'POST', '/api/admin/coupons', {
    name: '跨店满300减30',
    kind: 'amount',
    amountOff: 3_000,
    threshold: 30_000,
    totalQuantity: 100,
    validFrom: new Date(now - 60_000).toISOString(),
    validTo: new Date(now + 86_400_000).toISOString(),
  });
  couponId = coupon.id;
});

afterAll(async () => {
  await shop?.stop();
});

describe('the cart', () => {
  it('fills a cart from two merchants, shows the best price with its explanation, pays and shows the paid order', async () => {
    const { page } = await shop.visitor({ size: phone, locale: 'zh-CN' });
    const signedIn = await signInShopper(shop, page, '13700000001');
    expect((await post(shop, `/api/coupons/${couponId}/claims`, {}, signedIn.token)).status).toBe(201);

    await page.goto('/products');
    await page.getByRole('article', { name: /不粘炒锅/ }).getByRole('button', { name: /加入购物车/ }).click();
    await page.getByRole('article', { name: /不粘炒锅/ }).getByRole('button', { name: /已加入购物车/ }).waitFor();
    await page.getByRole('article', { name: /每日坚果礼盒/ }).getByRole('button', { name: /加入购物车/ }).click();
    await page.getByRole('article', { name: /每日坚果礼盒/ }).getByRole('button', { name: /已加入购物车/ }).waitFor();
    expect(await violations(page), 'products').toEqual([]);

    await page.getByRole('link', { name: '购物车' }).first().click();
    await page.waitForURL('**/cart');
    await page.getByRole('region', { name: /苏泊尔厨具旗舰店/ }).waitFor();
    await page.getByRole('region', { name: /良品铺子零食店/ }).waitFor();
    const applied = page.getByRole('list', { name: '已用优惠' });
    await applied.getByText('跨店满300减30').waitFor();
    // ¥199 + ¥128 = ¥327, less ¥30 with the coupon.
    await expect.poll(() => page.getByTestId('cart-total').textContent()).toBe('¥297.00');
    expect(await violations(page), 'cart').toEqual([]);
    await screenshot(page, 'cart-phone');

    // One more wok: the price follows on the server.
    await page.getByRole('button', { name: /^增加 不粘炒锅/ }).click();
    await expect.poll(() => page.getByTestId('cart-total').textContent()).toBe('¥496.00');

    await page.getByRole('button', { name: /结算/ }).click();
    await page.waitForURL('**/checkout-orders/*');
    await expect.poll(() => page.getByTestId('order-status').textContent()).toBe('待付款');
    await page.getByRole('timer').waitFor();
    expect(await violations(page), 'order awaiting payment').toEqual([]);
    await page.getByRole('button', { name: '立即付款 ¥496.00' }).click();
    await expect.poll(() => page.getByTestId('order-status').textContent()).toBe('已付款');
    await page.getByText(/已于 .* 付款/).waitFor();
    await page.getByRole('list', { name: '已用优惠' }).getByText('跨店满300减30').waitFor();
    expect(await violations(page), 'paid order').toEqual([]);
    await screenshot(page, 'cart-paid-phone');

    // The coupon was used once, points were earned, and the cart is empty.
    const wallet = await fetch(`${shop.base}/api/me/coupons`, { headers: { authorization: `Bearer ${signedIn.token}` } }).then((r) => r.json());
    expect(wallet.coupons.find((c: { template: { id: string } }) => c.template.id === couponId).state).toBe('used');
    const points = await fetch(`${shop.base}/api/me/points`, { headers: { authorization: `Bearer ${signedIn.token}` } }).then((r) => r.json());
    expect(points.balances.points).toBeGreaterThanOrEqual(496);
    await page.goto('/cart');
    await page.getByText('购物车是空的，去逛逛吧').waitFor();
    await page.getByRole('link', { name: '购物订单' }).click();
    await page.waitForURL('**/checkout-orders');
    const listed = page.getByRole('article', { name: /^订单 / });
    await expect.poll(() => listed.count()).toBe(1);
    expect(await listed.getByText('已付款').count()).toBe(1);
    expect(await listed.getByText('¥496.00').count()).toBe(1);
    expect(await violations(page), 'checkout orders').toEqual([]);
  });

  it('explains the price in English on a desktop, with what was left out and why', async () => {
    const { page } = await shop.visitor({ size: desktop, locale: 'en-US' });
    const signedIn = await shopperSignIn(shop, '13700000002');
    await page.goto('/');
    await page.evaluate((value) => localStorage.setItem('miaosha.shopper', JSON.stringify(value)), signedIn);
    expect((await post(shop, `/api/coupons/${couponId}/claims`, {}, signedIn.token)).status).toBe(201);
    const { products } = await fetch(`${shop.base}/api/products`).then((r) => r.json());
    const mango = products.find((p: { title: string }) => p.title.includes('芒果干'));
    const res = await fetch(`${shop.base}/api/me/cart/lines/${mango.id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${signedIn.token}` },
      body: JSON.stringify({ quantity: 2 }),
    });
    expect(res.status).toBe(200);
    await page.goto('/cart');
    const skipped = page.getByRole('list', { name: 'Not applied' });
    await skipped.getByText(/跨店满300减30: Minimum spend not reached/).waitFor();
    await expect.poll(() => page.getByTestId('cart-total').textContent()).toBe('¥51.80');
    expect(await violations(page), 'cart, desktop, English').toEqual([]);
    await screenshot(page, 'cart-desktop');
  });

  it('lets the operator add a merchant and a product, and change its price, floor price and stock', async () => {
    const { page } = await shop.visitor({ size: desktop });
    await page.goto('/console/products');
    await page.waitForURL(/\/console\/login/);
    await page.getByLabel('运营口令').fill(adminToken);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '商品', exact: true }).waitFor();

    await page.getByLabel('新商家名称').fill('小熊电器');
    await page.getByRole('button', { name: '添加商家' }).click();
    const form = page.getByRole('form', { name: '上架商品' });
    await form.getByRole('option', { name: '小熊电器' }).waitFor({ state: 'attached' });
    await form.getByLabel('商家').selectOption({ label: '小熊电器' });
    await form.getByLabel('商品名称').fill('酸奶机');
    await form.getByLabel('品类（英文小写，如 kitchen）').fill('kitchen');
    await form.getByLabel('价格（元）').fill('99');
    await form.getByLabel('最低成交价（元）').fill('120');
    await form.getByLabel('库存').fill('50');
    await form.getByRole('button', { name: '上架' }).click();
    await form.getByText('最低成交价不能高于价格').waitFor();
    await form.getByLabel('最低成交价（元）').fill('79');
    await form.getByRole('button', { name: '上架' }).click();
    await page.getByLabel('库存 酸奶机').waitFor();
    expect(await violations(page), 'console products').toEqual([]);

    await page.getByLabel('库存 酸奶机').fill('80');
    await page.getByLabel('价格（元） 酸奶机').fill('89.9');
    await page.getByRole('row', { name: /酸奶机/ }).getByRole('button', { name: '保存' }).click();
    await page.getByRole('row', { name: /酸奶机/ }).getByRole('button', { name: '已保存' }).waitFor();
    const { products } = await fetch(`${shop.base}/api/products?category=kitchen`).then((r) => r.json());
    expect(products.find((p: { title: string }) => p.title === '酸奶机')).toMatchObject({ merchantName: '小熊电器', price: 8_990, floorPrice: 7_900, stock: 80 });
    await screenshot(page, 'console-products-desktop');
  });
});
