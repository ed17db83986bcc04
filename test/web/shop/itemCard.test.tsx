import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { buyButtonState } from '../../../web/src/shop/buyButtonState';
import type { Ineligibility } from '../../../web/src/shop/eligibility';
import { ItemCard } from '../../../web/src/shop/ItemCard';
import { ItemView } from '../../../web/src/shop/ItemPage';
import { renderPage } from '../render';
import { item, session, shopper, t0 } from './fixtures';

const now = t0 + 60_000;

describe('the item card', () => {
  it('shows the flash price big, the original struck through, the discount and the stock, in Chinese', async () => {
    const onBuy = vi.fn();
    renderPage(<ItemCard item={item()} state={{ kind: 'buy' }} now={now} onBuy={onBuy} />);
    expect(screen.getByText('¥1.00')).toBeTruthy();
    expect(getComputedStyle(screen.getByText('¥199.00')).textDecoration).toContain('line-through');
    expect(screen.getByText('0.1折')).toBeTruthy();
    expect(screen.getByText('仅剩 321 件')).toBeTruthy();
    expect(screen.getByText('每人限购 1 件')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '立即抢购' }));
    expect(onBuy).toHaveBeenCalledOnce();
    expect(screen.getByRole('link', { name: /蓝牙耳机/ }).getAttribute('href')).toBe('/sessions/1/items/11');
  });

  it('speaks English', () => {
    renderPage(<ItemCard item={item({ flashPrice: 599_900, originalPrice: 799_900 })} state={{ kind: 'buy' }} now={now} onBuy={() => {}} />, {
      locale: 'en',
    });
    expect(screen.getByText('¥5,999.00')).toBeTruthy();
    expect(screen.getByText('¥7,999.00')).toBeTruthy();
    expect(screen.getByText('25% off')).toBeTruthy();
    expect(screen.getByText('321 left')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Buy now' })).toBeTruthy();
  });

  it('says sold out when the stock is gone', () => {
    renderPage(<ItemCard item={item({ stock: 0, soldOut: true })} state={{ kind: 'soldOut' }} now={now} onBuy={() => {}} />);
    expect(screen.getAllByText('已抢光')).toHaveLength(2); // the stock line and the button
    expect((screen.getByRole('button', { name: '已抢光' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it.each([
    ['zh-CN' as const, { kind: 'countdown' as const, opensAt: now + 65_000, priority: false }, '01:05 后开抢'],
    ['en' as const, { kind: 'countdown' as const, opensAt: now + 65_000, priority: false }, 'Opens in 01:05'],
    ['zh-CN' as const, { kind: 'paused' as const }, '暂停销售'],
    ['en' as const, { kind: 'paused' as const }, 'Paused'],
    ['zh-CN' as const, { kind: 'ended' as const }, '已结束'],
    ['en' as const, { kind: 'ended' as const }, 'Ended'],
    ['zh-CN' as const, { kind: 'limitReached' as const, limit: 2 }, '已达限购（2 件）'],
    ['en' as const, { kind: 'limitReached' as const, limit: 2 }, 'Limit reached (2)'],
    ['zh-CN' as const, { kind: 'notEligible' as const, reason: { kind: 'realName' as const } }, '暂不符合购买条件'],
    ['en' as const, { kind: 'notEligible' as const, reason: { kind: 'realName' as const } }, 'Not eligible'],
  ])('in %s labels the disabled button of %o as "%s"', (locale, state, label) => {
    renderPage(<ItemCard item={item()} state={state} now={now} onBuy={() => {}} />, { locale });
    expect((screen.getByRole('button', { name: label }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('explains each reason a shopper may not buy, in both languages', () => {
    const reasons: [Ineligibility, string, string][] = [
      [{ kind: 'tier', tiers: ['gold', 'vip'] }, '仅限金卡、VIP会员', 'For gold, VIP members only'],
      [{ kind: 'realName' }, '需完成实名认证', 'Real-name verification required'],
      [{ kind: 'region' }, '您所在地区不在销售范围内', 'Not on sale in your region'],
      [{ kind: 'invitation' }, '仅限受邀用户', 'By invitation only'],
    ];
    for (const [reason, zh, en] of reasons) {
      const a = renderPage(<ItemCard item={item()} state={{ kind: 'notEligible', reason }} now={now} onBuy={() => {}} />);
      expect(screen.getByText(zh)).toBeTruthy();
      a.unmount();
      const b = renderPage(<ItemCard item={item()} state={{ kind: 'notEligible', reason }} now={now} onBuy={() => {}} />, { locale: 'en' });
      expect(screen.getByText(en)).toBeTruthy();
      b.unmount();
    }
  });

  it('notes a priority window on the countdown', () => {
    renderPage(<ItemCard item={item()} state={{ kind: 'countdown', opensAt: now + 3_600_000, priority: true }} now={now} onBuy={() => {}} />);
    expect(screen.getByRole('button', { name: '1:00:00 后开抢' })).toBeTruthy();
    expect(screen.getByText('优先购 · 会员提前开抢')).toBeTruthy();
  });

  it('sends a visitor to sign in and back', () => {
    renderPage(<ItemCard item={item()} state={{ kind: 'signIn' }} now={now} onBuy={() => {}} />, { path: '/campaigns/7' });
    expect(screen.getByRole('link', { name: '登录后抢购' }).getAttribute('href')).toBe('/sign-in?next=%2Fcampaigns%2F7');
  });

  it('shows a refusal and, when rate-limited, when to retry', () => {
    renderPage(
      <ItemCard
        item={item()}
        state={{ kind: 'buy' }}
        now={now}
        progress={{ busy: false, error: '排队的人太多了，请 3 秒后再试', retryAt: now + 2_500, pending: true }}
        onBuy={() => {}}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe('排队的人太多了，请 3 秒后再试');
    expect(screen.getByText('3 秒后可重试')).toBeTruthy();
    expect((screen.getByRole('button', { name: '再试一次' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('the item page', () => {
  it('shows the session slot, the countdown to the end, the conditions and a share button', () => {
    const gold = item({ eligibility: { tiers: ['gold', 'vip'] } });
    const s = session({ items: [gold] });
    const state = buyButtonState({ item: gold, session: s, now, shopper: shopper(), myUnits: 0 });
    renderPage(<ItemView session={s} item={gold} state={state} now={now} onBuy={() => {}} />, { locale: 'en' });
    expect(screen.getByRole('heading', { name: /Bluetooth earbuds/ })).toBeTruthy();
    expect(screen.getByText('Ends in 29:00')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Not eligible' })).toBeTruthy();
    expect(screen.getAllByText('For gold, VIP members only').length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Share item' })).toBeTruthy();
  });

  it('states a regional item as a condition, not as the shopper\'s refusal', () => {
    const regional = item({ eligibility: { regionsAllowed: ['CN-31'] } });
    const s = session({ items: [regional] });
    renderPage(<ItemView session={s} item={regional} state={{ kind: 'buy' }} now={now} onBuy={() => {}} />);
    expect(screen.getByText('仅在指定地区销售')).toBeTruthy();
  });
});
