import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../../web/src/api/client';
import { DealView } from '../../../../web/src/shop/groupBuys/DealView';
import { GroupBuysView } from '../../../../web/src/shop/groupBuys/GroupBuysView';
import { joinState, placeIn } from '../../../../web/src/shop/groupBuys/groupState';
import { GroupView } from '../../../../web/src/shop/groupBuys/GroupView';
import { renderPage } from '../../render';
import { deal, group, groupPage, membership, now } from './fixtures';

describe('the group-buy list', () => {
  it('shows each deal with its group price, original price, group size, units left and countdown', () => {
    renderPage(<GroupBuysView deals={[deal()]} mine={null} now={now} />);
    const card = screen.getByRole('article', { name: '云南高山苹果 5斤' });
    expect(within(card).getByLabelText('拼团价 ¥29.90')).toBeTruthy();
    expect(within(card).getByLabelText('原价 ¥59.90')).toBeTruthy();
    expect(within(card).getByText('3人团')).toBeTruthy();
    expect(within(card).getByText('剩 98 件')).toBeTruthy();
    expect(within(card).getByText('46:00:00 后结束')).toBeTruthy();
    expect(within(card).getByRole('link', { name: '云南高山苹果 5斤' }).getAttribute('href')).toBe('/group-buys/7');
  });

  it("lists a signed-in shopper's group buys, a confirmed one as an order", () => {
    renderPage(<GroupBuysView deals={[]} mine={[membership({ status: 'confirmed', group: { status: 'succeeded', size: 3, paid: 3, needed: 0, closesAt: '2026-11-11T03:00:00.000Z' } }), membership({ id: '2', groupId: '42' })]} now={now} />, { locale: 'en' });
    expect(screen.getByText('No group buys right now; check back soon')).toBeTruthy();
    const mine = screen.getByRole('region', { name: 'My group buys' });
    expect(within(mine).getByText('Group succeeded, order confirmed')).toBeTruthy();
    expect(within(mine).getByText('Paid, waiting for the group · 1 more needed')).toBeTruthy();
    expect(within(mine).getAllByText('Paid ¥29.90')).toHaveLength(2);
  });
});

describe('the deal page', () => {
  const page = { deal: deal(), openGroups: [group()], leaderboard: [{ rank: 1, groupId: '40', status: 'succeeded' as const, paid: 3, size: 3, openedAt: '2026-11-11T00:00:00.000Z', succeededAt: '2026-11-11T00:12:30.000Z' }], serverTime: '' };

  it('opens a group with one tap, shows open groups with places needed and countdown, and the leaderboard', async () => {
    const onOpen = vi.fn();
    renderPage(<DealView page={page} now={now} signedIn onOpen={onOpen} />);
    await userEvent.click(screen.getByRole('button', { name: '开团并支付 ¥29.90' }));
    expect(onOpen).toHaveBeenCalledOnce();
    const open = screen.getByRole('article', { name: '还差 2 人' });
    expect(within(open).getByText('· 剩余 1:00:00', { exact: false })).toBeTruthy();
    expect(within(open).getByRole('link', { name: '去参团' }).getAttribute('href')).toBe('/groups/41');
    const board = screen.getByRole('table', { name: '拼团排行榜' });
    expect(within(board).getByText('第 1 名')).toBeTruthy();
    expect(within(board).getByText('12:30 成团')).toBeTruthy();
    expect(screen.getByText('活动结束时，排行榜前 3 名成团的队伍每位成员各得一张奖励券')).toBeTruthy();
  });

  it('asks a visitor to sign in first, and says why opening was refused', () => {
    renderPage(<DealView page={page} now={now} signedIn={false} onOpen={() => {}} openError={new ApiError(409, 'GROUP_BUY_LIMIT_REACHED', 'x')} />);
    expect(screen.getByRole('link', { name: '登录后开团' }).getAttribute('href')).toBe(`/sign-in?next=${encodeURIComponent('/group-buys/7')}`);
    expect(screen.getByRole('alert').textContent).toBe('您参加的团数已达到上限');
  });

  it('cannot open another group once the shopper is at the deal\'s limit, and says why', () => {
    const mine = [membership({ dealId: '7', status: 'confirmed' }), membership({ id: '2', groupId: '42', dealId: '8' }), membership({ id: '3', groupId: '43', dealId: '7', status: 'refunded' })];
    renderPage(<DealView page={{ ...page, deal: deal({ perUserLimit: 1 }) }} now={now} signedIn mine={mine} onOpen={() => {}} />);
    const button = screen.getByRole('button', { name: '开团并支付 ¥29.90' });
    expect(button.hasAttribute('disabled')).toBe(true);
    expect(button.getAttribute('aria-describedby')).toBe('open-limit');
    expect(screen.getByText('你已参加 1 个团，达到每人上限，不能再开团')).toBeTruthy();
  });

  it('still opens a group below the limit, counting only places held in this deal', async () => {
    const onOpen = vi.fn();
    const mine = [membership({ dealId: '7', status: 'failed' }), membership({ id: '2', groupId: '42', dealId: '8' })];
    renderPage(<DealView page={{ ...page, deal: deal({ perUserLimit: 1 }) }} now={now} signedIn mine={mine} onOpen={onOpen} />);
    await userEvent.click(screen.getByRole('button', { name: '开团并支付 ¥29.90' }));
    expect(onOpen).toHaveBeenCalledOnce();
    expect(screen.queryByText('你已参加 1 个团，达到每人上限，不能再开团')).toBeNull();
  });

  it('cannot open a group of a sold-out deal', () => {
    renderPage(<DealView page={{ ...page, deal: deal({ remaining: 0 }) }} now={now} signedIn onOpen={() => {}} />);
    expect(screen.getByRole('button', { name: '开团并支付 ¥29.90' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByText('已抢光')).toBeTruthy();
  });
});

describe('the shared group link', () => {
  it('shows how many are still needed, the countdown, and joins and pays with one tap', async () => {
    const onJoin = vi.fn();
    renderPage(<GroupView page={groupPage()} state="join" mine={null} now={now} onJoin={onJoin} />);
    expect(screen.getByRole('heading', { name: '云南高山苹果 5斤 · 3人团' })).toBeTruthy();
    expect(screen.getByText('还差 2 人成团')).toBeTruthy();
    expect(screen.getByText('剩余 1:00:00')).toBeTruthy();
    const places = screen.getByRole('list', { name: '已付款 1/3' });
    expect(within(places).getAllByRole('listitem').map((p) => p.getAttribute('aria-label'))).toEqual(['团长', '待加入', '待加入']);
    await userEvent.click(screen.getByRole('button', { name: '参团并支付 ¥29.90' }));
    expect(onJoin).toHaveBeenCalledOnce();
  });

  it('shows success to the members, and a refused join in words', () => {
    renderPage(
      <GroupView
        page={groupPage({ status: 'succeeded', members: 3, paid: 3, needed: 0 })}
        state="succeeded"
        mine={membership({ status: 'confirmed' })}
        now={now}
        onJoin={() => {}}
        joinError={new ApiError(409, 'GROUP_FULL', 'x')}
      />,
      { locale: 'en' },
    );
    expect(screen.getByText('The group succeeded! Your order is confirmed')).toBeTruthy();
    expect(screen.getByText('Group succeeded, order confirmed')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('This group is full; open a new one');
    expect(screen.queryByRole('button', { name: /Join/ })).toBeNull();
  });

  it('works out what the link offers each visitor', () => {
    const open = groupPage();
    expect(joinState(open, null, false, false, now)).toBe('signIn');
    expect(joinState(open, null, true, false, now)).toBe('join');
    expect(joinState(open, null, true, true, now)).toBe('joining');
    expect(joinState(open, membership(), true, false, now)).toBe('in');
    expect(joinState(groupPage({ members: 3 }), null, true, false, now)).toBe('full');
    expect(joinState(open, null, true, false, Date.parse('2026-11-11T03:00:00.000Z'))).toBe('closed');
    expect(joinState(groupPage({ status: 'failed' }), null, true, false, now)).toBe('failed');
    expect(joinState(groupPage({}, { endsAt: '2026-11-11T01:59:00.000Z' }), null, true, false, now)).toBe('notActive');
    // A failed payment holds no place: the shopper may try again.
    expect(placeIn('41', [membership({ status: 'failed' })])).toBeNull();
    expect(placeIn('41', [membership()])?.status).toBe('paid');
  });
});
