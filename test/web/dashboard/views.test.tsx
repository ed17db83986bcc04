import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Alert, Campaign, LiveSnapshot } from '../../../web/src/api/types';
import { AlertsFeed } from '../../../web/src/dashboard/AlertsFeed';
import { DashboardView } from '../../../web/src/dashboard/DashboardView';
import { KpiTiles } from '../../../web/src/dashboard/KpiTiles';
import { SessionList } from '../../../web/src/dashboard/SessionPicker';
import { addSnapshot, emptySeries } from '../../../web/src/dashboard/series';
import { renderPage } from '../render';
import { counters } from './snapshots';

const items: LiveSnapshot['items'] = [
  { id: 'itm_phone', title: '旗舰手机', initialStock: 100, stock: 12, reserved: 8, paid: 80, soldOut: false, paused: false },
  { id: 'itm_buds', title: '蓝牙耳机', initialStock: 3, stock: 0, reserved: 0, paid: 3, soldOut: true, paused: false },
];

const alerts: Alert[] = [
  { id: 'a1', level: 'warning', code: 'LOW_STOCK', itemId: 'itm_phone', message: 'stock at 12 of 100', at: '2030-01-01T10:00:05.000Z' },
  { id: 'a3', level: 'critical', code: 'PAYMENT_SUCCESS_LOW', itemId: null, message: 'payment success 70%', at: '2030-01-01T10:00:30.000Z' },
  { id: 'a2', level: 'info', code: 'SOLD_OUT', itemId: 'itm_buds', message: 'sold out', at: '2030-01-01T10:00:20.000Z' },
];

const busy = (rate: number | null, succeeded = 0, failed = 0) =>
  counters(
    2,
    { views: 12000, attempts: { reserved: 91, sold_out: 400 }, reserved: 91, paid: 83, gmv: 1234500 },
    { items, alerts, payments: { succeeded, failed }, paymentSuccessRate: rate },
  );

const series = [counters(0, { views: 11000 }), counters(1, { views: 11500, attempts: { reserved: 40 }, reserved: 40, paid: 30, gmv: 300000 }), busy(0.95, 95, 5)].reduce(
  addSnapshot,
  emptySeries,
);

const tile = (name: string) => screen.getByRole('group', { name });

describe('the key figures', () => {
  it('shows the totals, ¥ GMV, success rate and conversion in Chinese', () => {
    renderPage(<KpiTiles snapshot={busy(0.95, 95, 5)} points={series.points} />);
    expect(within(tile('浏览量')).getByText('12,000')).toBeTruthy();
    expect(within(tile('抢购请求')).getByText('491')).toBeTruthy();
    expect(within(tile('抢到')).getByText('91')).toBeTruthy();
    expect(within(tile('已支付订单')).getByText('83')).toBeTruthy();
    expect(within(tile('成交额（GMV）')).getByText('¥12,345.00')).toBeTruthy();
    expect(within(tile('支付成功率')).getByText('95.0%')).toBeTruthy();
    expect(within(tile('支付成功率')).getByText('95 / 100')).toBeTruthy();
    expect(tile('支付成功率').dataset.warning).toBeUndefined();
    expect(within(tile('转化率')).getByText('0.69%')).toBeTruthy();
    // Rates under the totals: the average of the last seconds.
    expect(within(tile('浏览量')).getByText('500.0/秒')).toBeTruthy();
    expect(within(tile('成交额（GMV）')).getByText('¥6,172.50/秒')).toBeTruthy();
  });

  it('turns the success-rate tile red with words under 80%, in English', () => {
    renderPage(<KpiTiles snapshot={busy(0.7, 7, 3)} points={[]} />, { locale: 'en' });
    const success = tile('Payment success');
    expect(within(success).getByText('70.0%')).toBeTruthy();
    expect(within(success).getByText('Under 80%')).toBeTruthy();
    expect(success.dataset.warning).toBe('true');
    expect(within(tile('GMV')).getByText('¥12,345.00')).toBeTruthy();
    expect(within(tile('Page views')).getByText('—/s')).toBeTruthy();
  });

  it('keeps the success tile calm until ten payments, as the server alert does', () => {
    renderPage(<KpiTiles snapshot={busy(0.5, 1, 1)} points={[]} />, { locale: 'en' });
    expect(within(tile('Payment success')).getByText('50.0%')).toBeTruthy();
    expect(tile('Payment success').dataset.warning).toBeUndefined();
  });

  it('says so when there are no payments or views yet', () => {
    renderPage(<KpiTiles snapshot={counters(0, {})} points={[]} />);
    expect(within(tile('支付成功率')).getByText('暂无支付')).toBeTruthy();
    expect(within(tile('转化率')).getByText('暂无浏览')).toBeTruthy();
    expect(within(tile('成交额（GMV）')).getByText('¥0.00')).toBeTruthy();
  });
});

describe('the alerts feed', () => {
  it('lists alerts newest first with level, what, item and time (Chinese)', () => {
    renderPage(<AlertsFeed alerts={alerts} items={items} height={300} />);
    const rows = within(screen.getByRole('list', { name: '告警' })).getAllByRole('listitem');
    expect(rows.map((row) => row.dataset.level)).toEqual(['critical', 'info', 'warning']);
    expect(rows[0]!.textContent).toContain('严重');
    expect(rows[0]!.textContent).toContain('支付成功率低于 80%');
    expect(rows[0]!.textContent).toContain('整场');
    expect(rows[1]!.textContent).toContain('已售罄');
    expect(rows[1]!.textContent).toContain('蓝牙耳机');
    expect(rows[2]!.textContent).toContain('警告');
    expect(rows[2]!.textContent).toContain('库存紧张');
    expect(rows[2]!.textContent).toContain('旗舰手机');
    expect(rows[2]!.textContent).toMatch(/\d{2}:\d{2}:\d{2}/);
  });

  it('speaks English, shows an unknown alert by its message, and says when there are none', () => {
    // A code a newer server may send, which this page does not know yet.
    const odd: Alert = { id: 'x', level: 'warning', code: 'SOMETHING_NEW' as Alert['code'], itemId: null, message: 'Consultations over 400/hour', at: '2030-01-01T10:01:00.000Z' };
    const { unmount } = renderPage(<AlertsFeed alerts={[...alerts, odd]} items={items} height={300} />, { locale: 'en' });
    const rows = within(screen.getByRole('list', { name: 'Alerts' })).getAllByRole('listitem');
    expect(rows[0]!.textContent).toContain('Consultations over 400/hour');
    expect(rows[1]!.textContent).toContain('Critical');
    expect(rows[1]!.textContent).toContain('Payment success under 80%');
    expect(rows[1]!.textContent).toContain('Whole session');
    expect(rows[3]!.textContent).toContain('Low stock');
    unmount();
    renderPage(<AlertsFeed alerts={[]} items={items} height={300} />, { locale: 'en' });
    expect(screen.getByText('No alerts')).toBeTruthy();
  });
});

describe('the dashboard page', () => {
  it('shows state, connection, figures and alerts (Chinese)', () => {
    renderPage(<DashboardView snapshot={series.latest} points={series.points} connection="live" heading="10:00 – 10:30" />);
    expect(screen.getByRole('heading', { name: '实时大屏' })).toBeTruthy();
    expect(screen.getByLabelText('场次状态: 进行中')).toBeTruthy();
    expect(within(screen.getByRole('status', { name: '连接状态' })).getByText('实时')).toBeTruthy();
    expect(screen.getByRole('heading', { name: '每秒抢购请求（按结果）' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: '转化漏斗' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: '各商品库存' })).toBeTruthy();
    expect(screen.getByRole('list', { name: '告警' })).toBeTruthy();
  });

  it('waits for the first snapshot and shows reconnecting (English)', () => {
    renderPage(<DashboardView snapshot={null} points={[]} connection="reconnecting" heading="" />, { locale: 'en' });
    expect(screen.getByText('Waiting for data…')).toBeTruthy();
    expect(within(screen.getByRole('status', { name: 'Connection' })).getByText('Reconnecting…')).toBeTruthy();
  });
});

describe('the session picker', () => {
  const campaigns: Campaign[] = [
    {
      id: 'cmp_1',
      name: '双十一大促',
      type: 'big-promotion',
      startsAt: '2030-01-01T00:00:00.000Z',
      endsAt: '2030-01-02T00:00:00.000Z',
      sessions: [
        { id: 'ses_later', startsAt: '2030-01-01T12:00:00.000Z', endsAt: '2030-01-01T12:30:00.000Z', state: 'upcoming' },
        { id: 'ses_now', startsAt: '2030-01-01T10:00:00.000Z', endsAt: '2030-01-01T10:30:00.000Z', state: 'live' },
      ],
    },
    { id: 'cmp_2', name: '空活动', type: 'clearance', startsAt: '2030-01-01T00:00:00.000Z', endsAt: '2030-01-02T00:00:00.000Z', sessions: [] },
  ];

  it('lists sessions by campaign with their state and links to each dashboard', () => {
    renderPage(<SessionList campaigns={campaigns} />);
    expect(screen.getByRole('heading', { name: '双十一大促' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: '空活动' })).toBeNull();
    const links = screen.getAllByRole('link', { name: /打开大屏/ });
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['/ses_now', '/ses_later']);
    expect(screen.getByText('进行中')).toBeTruthy();
    expect(screen.getByText('即将开始')).toBeTruthy();
  });

  it('says when there is nothing to watch (English)', () => {
    renderPage(<SessionList campaigns={[]} />, { locale: 'en' });
    expect(screen.getByText('No sessions yet')).toBeTruthy();
  });
});
