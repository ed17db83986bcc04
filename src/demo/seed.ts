import type { MemberTier } from '../domain/shopper.js';
import type { Call } from './api.js';
import type { DemoShopper } from './shoppers.js';

export interface DemoShop {
  campaignId: string;
  sessionIds: string[];
  /** The one-yuan item of the live session, for a first try. */
  firstItemId: string;
  /** One or more of each tier; they may also sign in with their phone and a one-time code. */
  shoppers: ({ id: string; token: string } & DemoShopper)[];
}

const minute = 60_000;

/**
 * A demo campaign through the public API: one session live now, the next ones starting within
 * minutes, one-yuan items and tier-only items, and a few shoppers of each tier.
 */
export async function seedDemo(call: Call, now = Date.now()): Promise<DemoShop> {
  const slot = (startMin: number, lengthMin: number) => ({
    startsAt: new Date(now + startMin * minute).toISOString(),
    endsAt: new Date(now + (startMin + lengthMin) * minute).toISOString(),
  });
  const campaign = await call('POST', '/api/admin/campaigns', {
    name: '双11 秒杀节 · Double 11 Flash Festival',
    type: 'big-promotion',
    ...slot(-60, 7 * 24 * 60),
  });
  const live = await call('POST', `/api/admin/campaigns/${campaign.id}/sessions`, slot(-1, 60));
  const soon = await call('POST', `/api/admin/campaigns/${campaign.id}/sessions`, slot(3, 30));
  const later = await call('POST', `/api/admin/campaigns/${campaign.id}/sessions`, slot(10, 30));

  const items: [string, Record<string, unknown>][] = [
    [live.id, { title: '一元秒杀 · 蓝牙耳机 Bluetooth earbuds', originalPrice: 19_900, flashPrice: 100, stock: 500, perUserLimit: 1 }],
    [live.id, { title: '智能手机 16 Pro · Smartphone', originalPrice: 799_900, flashPrice: 599_900, stock: 200, perUserLimit: 2 }],
    [live.id, { title: '会员专享 · 空气炸锅 Air fryer (gold+)', originalPrice: 49_900, flashPrice: 19_900, stock: 100, perUserLimit: 1, eligibility: { tiers: ['gold', 'vip'] } }],
    [soon.id, { title: '扫地机器人 · Robot vacuum', originalPrice: 299_900, flashPrice: 129_900, stock: 300, perUserLimit: 1, eligibility: { priorityWindow: { minTier: 'vip', minutes: 2 } } }],
    [soon.id, { title: '一元秒杀 · 数据线 USB-C cable', originalPrice: 3_900, flashPrice: 100, stock: 1000, perUserLimit: 1 }],
    [later.id, { title: '新品首发 · 机械键盘 Mechanical keyboard', originalPrice: 59_900, flashPrice: 39_900, stock: 500, perUserLimit: 1, eligibility: { realNameRequired: true } }],
  ];
  const itemIds: string[] = [];
  for (const [sessionId, item] of items) itemIds.push((await call('POST', `/api/admin/sessions/${sessionId}/items`, item)).id);

  // Ordinary products of two merchants, for a cart priced with promotions and coupons.
  const ordinary: [string, Record<string, unknown>[]][] = [
    ['苏泊尔厨具旗舰店 · Supor Kitchen', [
      { category: 'kitchen', title: '不粘炒锅 30cm · Non-stick wok', price: 19_900, floorPrice: 15_900, stock: 200 },
      { category: 'kitchen', title: '电饭煲 4L · Rice cooker', price: 39_900, floorPrice: 32_000, stock: 120 },
      { category: 'kitchen', title: '保温杯 500ml · Vacuum flask', price: 8_900, floorPrice: 6_900, stock: 500 },
    ]],
    ['良品铺子零食店 · Bestore Snacks', [
      { category: 'snacks', title: '每日坚果礼盒 · Daily nuts gift box', price: 12_800, floorPrice: 9_900, stock: 300 },
      { category: 'snacks', title: '猪肉脯 200g · Pork jerky', price: 3_990, floorPrice: 2_990, stock: 800 },
      { category: 'snacks', title: '芒果干 · Dried mango', price: 2_590, floorPrice: 1_990, stock: 800 },
    ]],
  ];
  for (const [name, products] of ordinary) {
    const merchant = await call('POST', '/api/admin/merchants', { name });
    for (const product of products) await call('POST', '/api/admin/products', { merchantId: merchant.id, ...product });
  }

  // Energy from checking in buys a coupon, a lucky draw, and friends' help unlocks another.
  const week = slot(-60, 7 * 24 * 60);
  const grantCoupon = (name: string, amountOff: number, totalQuantity: number) =>
    call('POST', '/api/admin/coupons', { name, kind: 'amount', amountOff, totalQuantity, handout: 'grant', validFrom: week.startsAt, validTo: week.endsAt });
  const exchangeCoupon = await grantCoupon('能量兑换 5 元券 · ¥5 for energy', 500, 200);
  await call('POST', '/api/admin/exchange-offers', { templateId: exchangeCoupon.id, currency: 'energy', price: 30, perUserLimit: 2 });
  const prizeCoupon = await grantCoupon('抽奖 10 元券 · ¥10 prize', 1_000, 50);
  await call('POST', '/api/admin/lotteries', {
    name: '签到能量抽奖 · Energy lucky draw',
    ...week,
    cost: { currency: 'energy', amount: 10 },
    limit: { total: null, daily: 3 },
    prizes: [
      { name: '10 元券 · ¥10 coupon', kind: 'coupon', templateId: prizeCoupon.id, quantity: 50, weight: 30 },
      { name: '100 积分 · 100 points', kind: 'points', points: 100, quantity: 100, weight: 20 },
      { name: '蓝牙耳机 · Earbuds', kind: 'goods', quantity: 3, weight: 1 },
      { name: '谢谢参与 · No prize', kind: 'none', weight: 49 },
    ],
  });
  const assistCoupon = await grantCoupon('助力 20 元券 · ¥20 assist reward', 2_000, 100);
  await call('POST', '/api/admin/assist-campaigns', { title: '3 位好友助力领 20 元券 · 3 friends unlock ¥20', templateId: assistCoupon.id, helpersNeeded: 3, dailyHelpLimit: 5, ...week });

  // 预约有礼: the first 100 who book each upcoming session get a coupon.
  const bookingCoupon = await grantCoupon('预约有礼 3 元券 · ¥3 for booking', 300, 200);
  for (const session of [soon, later]) await call('PUT', `/api/admin/sessions/${session.id}/booking-gift`, { couponTemplateId: bookingCoupon.id, firstK: 100 });

  // A group buy (拼团): three friends pay the group price within a day; the three fastest groups earn a coupon each.
  const groupReward = await grantCoupon('拼团榜单 15 元券 · ¥15 leaderboard reward', 1_500, 300);
  await call('POST', '/api/admin/group-buys', {
    title: '云南高山苹果 5斤 · Yunnan mountain apples 2.5 kg',
    merchant: '褚橙果园 · Chu Orchard',
    originalPrice: 5_990,
    groupPrice: 2_990,
    groupSize: 3,
    hoursOpen: 24,
    stock: 300,
    perUserLimit: 2,
    ...week,
    reward: { templateId: groupReward.id, top: 3 },
  });

  const tiers: MemberTier[] = ['regular', 'regular', 'silver', 'gold', 'vip'];
  const stamp = String(now).slice(-6);
  const shoppers: DemoShopper[] = tiers.map((tier, i) => ({ phone: `1380${stamp}${i}`, tier, region: 'CN-31', realNameVerified: i % 2 === 0 }));
  const { users } = await call('POST', '/api/admin/users/bulk', { users: shoppers });
  return {
    campaignId: campaign.id,
    sessionIds: [live.id, soon.id, later.id],
    firstItemId: itemIds[0],
    shoppers: users.map((u: { id: string; token: string }, i: number) => ({ ...u, ...shoppers[i] })),
  };
}
