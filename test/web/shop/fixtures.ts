import type { Campaign, Item, Me, Order, Session } from '../../../web/src/api/types';

/** Real shapes of the API's answers, as the demo shop would give them. */
export const t0 = Date.parse('2026-11-11T02:00:00.000Z'); // 10:00 in Shanghai

export function item(overrides: Partial<Item> = {}): Item {
  return {
    id: '11',
    sessionId: '1',
    title: '一元秒杀 · 蓝牙耳机 Bluetooth earbuds',
    originalPrice: 19_900,
    flashPrice: 100,
    initialStock: 500,
    stock: 321,
    soldOut: false,
    perUserLimit: 1,
    sku: null,
    paused: false,
    eligibility: {},
    ...overrides,
  };
}

export function session(overrides: Partial<Session> = {}): Session {
  return {
    id: '1',
    campaignId: '7',
    startsAt: new Date(t0).toISOString(),
    endsAt: new Date(t0 + 30 * 60_000).toISOString(),
    paymentWindowSeconds: 900,
    state: 'live',
    serverTime: new Date(t0 + 60_000).toISOString(),
    items: [item()],
    ...overrides,
  };
}

export function campaign(overrides: Partial<Campaign> = {}): Campaign {
  const slot = (id: string, startMin: number) => ({
    id,
    startsAt: new Date(t0 + startMin * 60_000).toISOString(),
    endsAt: new Date(t0 + (startMin + 30) * 60_000).toISOString(),
    state: 'upcoming' as const,
  });
  return {
    id: '7',
    name: '双11 秒杀节 · Double 11 Flash Festival',
    type: 'big-promotion',
    startsAt: new Date(t0 - 3600_000).toISOString(),
    endsAt: new Date(t0 + 7 * 24 * 3600_000).toISOString(),
    sessions: [slot('1', 0), slot('2', 120), slot('3', 600)],
    ...overrides,
  };
}

export function shopper(overrides: Partial<Me> = {}): Me {
  return { id: '501', phone: '138****0001', tier: 'regular', region: 'CN-31', realNameVerified: true, ...overrides };
}

export function order(overrides: Partial<Order> = {}): Order {
  return {
    id: '9001',
    sessionId: '1',
    itemId: '11',
    quantity: 1,
    unitPrice: 100,
    amount: 100,
    status: 'reserved',
    payBefore: new Date(t0 + 16 * 60_000).toISOString(),
    createdAt: new Date(t0 + 60_000).toISOString(),
    paidAt: null,
    cancelledAt: null,
    cancelReason: null,
    payment: null,
    ...overrides,
  };
}
