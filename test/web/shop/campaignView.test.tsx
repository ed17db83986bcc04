import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CampaignView } from '../../../web/src/shop/CampaignPage';
import { currentCampaign, defaultSession } from '../../../web/src/shop/pickCampaign';
import { renderPage } from '../render';
import { campaign, item, order, session, shopper, t0 } from './fixtures';

const minute = 60_000;

describe('the campaign page', () => {
  it('selects the live session tab, counts down to its end and shows its items and rules', () => {
    const gold = item({ id: '13', title: '会员专享 · 空气炸锅', flashPrice: 19_900, originalPrice: 49_900, eligibility: { tiers: ['gold', 'vip'] } });
    renderPage(
      <CampaignView
        campaign={campaign()}
        selectedSessionId="1"
        onSelectSession={() => {}}
        session={session({ items: [item(), gold] })}
        now={t0 + 5 * minute}
        signedIn={{ token: 'x', shopper: shopper() }}
        orders={[order({ status: 'paid' })]}
      />,
    );
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((tab) => tab.textContent)).toEqual([expect.stringContaining('抢购中'), expect.stringContaining('即将开始'), expect.stringContaining('即将开始')]);
    expect(tabs[0].getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('timer').textContent).toBe('25:00');
    expect(screen.getByText('距结束')).toBeTruthy();
    // The one-yuan item is already bought (limit 1); the gold item is not for a regular shopper.
    const cards = screen.getAllByRole('article');
    expect(within(cards[0]).getByRole('button', { name: '已达限购（1 件）' })).toBeTruthy();
    expect(within(cards[1]).getByText('仅限金卡、VIP会员')).toBeTruthy();
    expect(screen.getByText('抢到后请在 15 分钟内完成支付，超时订单自动取消，商品重新开放抢购。')).toBeTruthy();
    expect(screen.getByText('部分商品仅限金卡、VIP会员购买。')).toBeTruthy();
    expect(screen.getByRole('button', { name: '分享' })).toBeTruthy();
  });

  it('counts down to an upcoming session and switches tabs', async () => {
    const onSelect = vi.fn();
    renderPage(
      <CampaignView
        campaign={campaign()}
        selectedSessionId="2"
        onSelectSession={onSelect}
        session={session({ id: '2', state: 'upcoming', startsAt: new Date(t0 + 120 * minute).toISOString() })}
        now={t0 + 5 * minute}
        signedIn={null}
        orders={null}
      />,
      { locale: 'en' },
    );
    expect(screen.getByText('Starts in')).toBeTruthy();
    expect(screen.getByRole('timer').textContent).toBe('1:55:00');
    expect(screen.getByRole('button', { name: /^Opens in/ })).toBeTruthy();
    await userEvent.click(screen.getAllByRole('tab')[0]);
    expect(onSelect).toHaveBeenCalledWith('1');
  });
});

describe('which campaign and session the shop opens on', () => {
  const live = campaign();
  const later = campaign({
    id: '8',
    startsAt: new Date(t0 + 86_400_000).toISOString(),
    sessions: [{ id: '9', startsAt: new Date(t0 + 86_400_000).toISOString(), endsAt: new Date(t0 + 90_000_000).toISOString(), state: 'upcoming' }],
  });

  it('prefers a live session, then the next to start, then the latest', () => {
    expect(currentCampaign([later, live], t0 + minute)?.id).toBe('7');
    expect(currentCampaign([later, live], t0 + 60 * minute)?.id).toBe('7'); // session 2 starts at +120 min
    expect(currentCampaign([later, live], t0 + 20 * 3600_000)?.id).toBe('8');
    expect(currentCampaign([later, live], t0 + 30 * 86_400_000)?.id).toBe('8');
    expect(currentCampaign([], t0)).toBeNull();
  });

  it('selects the live session, else the next, else the last', () => {
    expect(defaultSession(live, t0 + minute)).toBe('1');
    expect(defaultSession(live, t0 + 60 * minute)).toBe('2');
    expect(defaultSession(live, t0 + 30 * 86_400_000)).toBe('3');
  });
});
