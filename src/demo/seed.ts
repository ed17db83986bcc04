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
