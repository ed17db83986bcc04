import type { Group, GroupBuyDeal, GroupPage, Membership } from '../../../../web/src/shop/groupBuys/types';

export const now = Date.parse('2026-11-11T02:00:00.000Z');

export const deal = (over: Partial<GroupBuyDeal> = {}): GroupBuyDeal => ({
  id: '7',
  title: '云南高山苹果 5斤',
  merchant: '褚橙果园',
  originalPrice: 5_990,
  groupPrice: 2_990,
  groupSize: 3,
  hoursOpen: 24,
  stock: 100,
  remaining: 98,
  perUserLimit: 1,
  startsAt: '2026-11-11T00:00:00.000Z',
  endsAt: '2026-11-13T00:00:00.000Z',
  state: 'live',
  reward: { templateId: '4', top: 3 },
  rewardsGiven: false,
  ...over,
});

export const group = (over: Partial<Group> = {}): Group => ({
  id: '41',
  dealId: '7',
  size: 3,
  members: 1,
  paid: 1,
  needed: 2,
  status: 'open',
  openedAt: '2026-11-11T01:00:00.000Z',
  closesAt: '2026-11-11T03:00:00.000Z',
  succeededAt: null,
  failedAt: null,
  places: [{ leader: true, paid: true, joinedAt: '2026-11-11T01:00:00.000Z' }],
  ...over,
});

export const groupPage = (over: Partial<Group> = {}, dealOver: Partial<GroupBuyDeal> = {}): GroupPage => ({
  group: group(over),
  deal: deal(dealOver),
  serverTime: new Date(now).toISOString(),
});

export const membership = (over: Partial<Membership> = {}): Membership => ({
  id: '1763000000000010001',
  groupId: '41',
  dealId: '7',
  title: '云南高山苹果 5斤',
  merchant: '褚橙果园',
  amount: 2_990,
  leader: false,
  status: 'paid',
  joinedAt: '2026-11-11T01:30:00.000Z',
  paidAt: '2026-11-11T01:30:01.000Z',
  group: { status: 'open', size: 3, paid: 2, needed: 1, closesAt: '2026-11-11T03:00:00.000Z' },
  payment: { status: 'succeeded', channel: 'alipay-sandbox' },
  ...over,
});
