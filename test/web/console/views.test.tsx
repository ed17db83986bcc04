import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Campaign, Item, ItemUnits, OperatorOrder, Session } from '../../../web/src/api/types';
import { CampaignView } from '../../../web/src/console/CampaignPage';
import { CampaignList } from '../../../web/src/console/CampaignsPage';
import ConsoleApp from '../../../web/src/console/ConsoleApp';
import { isLowStock, ItemsTable } from '../../../web/src/console/ItemsTable';
import { OrdersTable } from '../../../web/src/console/OrdersTable';
import { firstSaleAt, SessionHeader } from '../../../web/src/console/SessionPage';
import { renderPage } from '../render';

const campaign: Campaign = {
  id: '1',
  name: '双11 秒杀节',
  type: 'member-day',
  startsAt: '2025-11-10T16:00:00.000Z',
  endsAt: '2025-11-12T16:00:00.000Z',
  sessions: [
    { id: '1', startsAt: '2025-11-11T02:00:00.000Z', endsAt: '2025-11-11T02:30:00.000Z', state: 'live' },
    { id: '2', startsAt: '2025-11-11T12:00:00.000Z', endsAt: '2025-11-11T12:30:00.000Z', state: 'upcoming' },
    { id: '3', startsAt: '2025-11-11T13:00:00.000Z', endsAt: '2025-11-11T13:30:00.000Z', state: 'upcoming' },
  ],
};

const earbuds: Item = {
  id: '10',
  sessionId: '1',
  title: '蓝牙耳机',
  originalPrice: 19900,
  flashPrice: 100,
  initialStock: 500,
  stock: 60,
  soldOut: false,
  perUserLimit: 1,
  sku: 'BT-01',
  paused: false,
  eligibility: {},
};
const fryer: Item = { ...earbuds, id: '11', title: '空气炸锅', stock: 100, initialStock: 100, paused: true, sku: null };

const units: ItemUnits[] = [
  { id: '10', title: '蓝牙耳机', initialStock: 500, stock: 60, reserved: 40, paid: 380, shipped: 15, completed: 5, cancelled: 7, refunded: 3 },
  { id: '11', title: '空气炸锅', initialStock: 100, stock: 100, reserved: 0, paid: 0, shipped: 0, completed: 0, cancelled: 0, refunded: 0 },
];

describe('campaign list', () => {
  it('translates campaign types and counts sessions by state', () => {
    renderPage(<CampaignList campaigns={[campaign, { ...campaign, id: '2', name: 'Clear-out', type: 'clearance', sessions: [] }]} />);
    expect(screen.getByRole('link', { name: '双11 秒杀节' }).getAttribute('href')).toBe('/campaigns/1');
    expect(screen.getByText('会员日')).toBeTruthy();
    expect(screen.getByText('清仓')).toBeTruthy();
    expect(screen.getByText('3 场')).toBeTruthy();
    expect(screen.getByText('进行中 1')).toBeTruthy();
    expect(screen.getByText('未开始 2')).toBeTruthy();
  });

  it('speaks English too, and says when there is nothing yet', () => {
    const view = renderPage(<CampaignList campaigns={[campaign]} />, { locale: 'en' });
    expect(screen.getByText('Member day')).toBeTruthy();
    expect(screen.getByText('Upcoming 2')).toBeTruthy();
    view.unmount();
    renderPage(<CampaignList campaigns={[]} />, { locale: 'en' });
    expect(screen.getByText('No campaigns yet — create the first one.')).toBeTruthy();
  });
});

describe('campaign page', () => {
  it('lists sessions with state, item count and links to manage, shop and dashboard', () => {
    renderPage(<CampaignView campaign={campaign} itemCounts={{ '1': 3, '2': 0 }} />);
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    const live = within(rows[0]);
    expect(live.getByText('进行中')).toBeTruthy();
    expect(live.getByText('3')).toBeTruthy();
    expect(live.getByRole('link', { name: /^管理/ }).getAttribute('href')).toBe('/sessions/1');
    expect(live.getByRole('link', { name: '活动页' }).getAttribute('href')).toBe('/campaigns/1?session=1');
    expect(live.getByRole('link', { name: '大屏' }).getAttribute('href')).toBe('/dashboard/1');
    expect(within(rows[2]).getByText('–')).toBeTruthy();
    expect(screen.getByText('类型：会员日')).toBeTruthy();
  });
});

describe('session items', () => {
  it('shows live unit counts, progress and a low-stock warning', () => {
    renderPage(<ItemsTable items={[earbuds, fryer]} units={units} editable={false} onTogglePause={() => {}} onEdit={() => {}} />);
    const row = within(screen.getAllByRole('row')[1]);
    expect(row.getByText('¥1.00')).toBeTruthy();
    expect(row.getByText('¥199.00')).toBeTruthy();
    expect(row.getByText('40')).toBeTruthy(); // reserved
    expect(row.getByText('400')).toBeTruthy(); // paid, shipped and completed units
    expect(row.getByText('10')).toBeTruthy(); // cancelled and refunded units
    expect(row.getByText('已售 88%')).toBeTruthy();
    expect(row.getByText('库存不超过 20%')).toBeTruthy();
    expect(row.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('88');
    expect(within(screen.getAllByRole('row')[2]).queryByText('库存不超过 20%')).toBeNull();
  });

  it('pauses a selling item and resumes a paused one', async () => {
    const toggle = vi.fn();
    const edit = vi.fn();
    renderPage(<ItemsTable items={[earbuds, fryer]} units={units} editable onTogglePause={toggle} onEdit={edit} />, { locale: 'en' });
    expect(screen.getByText('Paused')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Pause 蓝牙耳机' }));
    await userEvent.click(screen.getByRole('button', { name: 'Resume 空气炸锅' }));
    await userEvent.click(screen.getByRole('button', { name: 'Edit 蓝牙耳机' }));
    expect(toggle.mock.calls.map(([item]) => item.id)).toEqual(['10', '11']);
    expect(edit).toHaveBeenCalledWith(earbuds);
  });

  it('offers to view rather than edit once the session runs', () => {
    renderPage(<ItemsTable items={[earbuds]} units={null} editable={false} onTogglePause={() => {}} onEdit={() => {}} />, { locale: 'en' });
    expect(screen.getByRole('button', { name: 'View 蓝牙耳机' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Edit/ })).toBeNull();
  });

  it('draws the line for low stock at a fifth', () => {
    expect(isLowStock(20, 100)).toBe(true);
    expect(isLowStock(21, 100)).toBe(false);
    expect(isLowStock(0, 100)).toBe(false);
  });
});

describe('session orders', () => {
  const order = (id: string, status: OperatorOrder['status']): OperatorOrder => ({
    id,
    userId: '42',
    itemId: '10',
    quantity: 1,
    amount: 100,
    status,
    createdAt: '2025-11-11T02:00:05.000Z',
    paidAt: status === 'reserved' ? null : '2025-11-11T02:01:00.000Z',
  });

  it('ships or refunds paid orders only', async () => {
    const move = vi.fn();
    renderPage(<OrdersTable orders={[order('901', 'paid'), order('902', 'reserved'), order('903', 'shipped')]} items={[earbuds]} onMove={move} />);
    expect(screen.getAllByText('蓝牙耳机')).toHaveLength(3);
    expect(screen.getByText('待支付')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '发货 订单 901' }));
    await userEvent.click(screen.getByRole('button', { name: '退款 订单 901' }));
    expect(screen.queryByRole('button', { name: /订单 902/ })).toBeNull();
    expect(screen.queryByRole('button', { name: '发货 订单 903' })).toBeNull();
    expect(move.mock.calls.map(([o, m]) => `${o.id} ${m}`)).toEqual(['901 ship', '901 refund']);
  });
});

describe('session header', () => {
  const session: Session = {
    id: '2',
    campaignId: '1',
    startsAt: '2025-11-11T12:00:00.000Z',
    endsAt: '2025-11-11T12:30:00.000Z',
    paymentWindowSeconds: 900,
    state: 'upcoming',
    serverTime: '2025-11-11T11:58:00.000Z',
    items: [],
  };

  it('counts down to the start by the server clock, then shows the live state', () => {
    const view = renderPage(<SessionHeader session={session} campaign={campaign} now={Date.parse('2025-11-11T11:58:30.000Z')} />);
    expect(screen.getByText('未开始')).toBeTruthy();
    expect(screen.getByText('距开始 01:30')).toBeTruthy();
    expect(screen.getByText('支付时限 15 分钟')).toBeTruthy();
    expect(screen.getByRole('link', { name: '打开大屏' }).getAttribute('href')).toBe('/dashboard/2');
    view.unmount();
    renderPage(<SessionHeader session={{ ...session, state: 'live' }} campaign={campaign} now={Date.parse('2025-11-11T12:10:00.000Z')} />, { locale: 'en' });
    expect(screen.getByText('Live')).toBeTruthy();
    expect(screen.getByText('Ends in 20:00')).toBeTruthy();
  });

  it('shows a window the API set in seconds as seconds', () => {
    renderPage(<SessionHeader session={{ ...session, paymentWindowSeconds: 90 }} campaign={campaign} now={Date.parse(session.serverTime)} />, { locale: 'en' });
    expect(screen.getByText('Payment window 90 s')).toBeTruthy();
  });

  it('opens for sale at the longest priority window, so the plan locks then', () => {
    expect(firstSaleAt(session)).toBe(Date.parse(session.startsAt));
    const early = { ...earbuds, eligibility: { priorityWindow: { minTier: 'gold' as const, minutes: 10 } } };
    expect(firstSaleAt({ ...session, items: [earbuds, early] })).toBe(Date.parse('2025-11-11T11:50:00.000Z'));
  });
});

describe('console access', () => {
  it('sends a visitor without a token to the login page, remembering where they were going', async () => {
    const { location } = renderPage(<ConsoleApp />, { path: '/sessions/2' });
    expect(await screen.findByRole('heading', { name: '运营后台登录' })).toBeTruthy();
    expect(location.history?.at(-1)).toBe('/login?next=%2Fsessions%2F2');
    expect(screen.queryByRole('button', { name: '退出登录' })).toBeNull();
  });
});
