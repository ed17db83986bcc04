import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../../web/src/api/client';
import { AssistView } from '../../../../web/src/shop/assists/AssistView';
import type { MyAssist, PublicAssist } from '../../../../web/src/shop/assists/types';
import { renderPage } from '../../render';

const reward = {
  id: '5',
  name: '助力 20 元券',
  kind: 'amount' as const,
  amountOff: 2000,
  percentOff: null,
  maxOff: null,
  threshold: 0,
  firstOrderOnly: false,
  scope: { type: 'all' as const },
  totalQuantity: 50,
  claimed: 1,
  perUserLimit: 1,
  validFrom: '2026-11-11T00:00:00.000Z',
  validTo: '2026-11-20T00:00:00.000Z',
  validMinutes: null,
  handout: 'grant' as const,
};
const assist = (helpers: number, needed = 3): PublicAssist => ({
  id: '9',
  campaign: { id: '2', title: '好友助力领券', reward, startsAt: '2026-11-11T00:00:00.000Z', endsAt: '2026-11-12T00:00:00.000Z' },
  progress: { helpers, needed, missing: needed - helpers, unlocked: helpers >= needed },
  unlockedAt: helpers >= needed ? '2026-11-11T03:00:00.000Z' : null,
  createdAt: '2026-11-11T02:00:00.000Z',
});
const mine = (a: PublicAssist, coupon: MyAssist['coupon'] = null): MyAssist => ({ ...a, userId: '7', coupon });
const props = { signedIn: true, mine: null, helped: false, link: 'http://shop.test/assists/9', onHelp: () => {} };

describe('the assist page', () => {
  it('shows a friend the progress and lets them help', async () => {
    const onHelp = vi.fn();
    renderPage(<AssistView {...props} assist={assist(1)} onHelp={onHelp} />);
    expect(screen.getByRole('heading', { name: '好友助力领券' })).toBeTruthy();
    expect(screen.getByText('已有 1/3 位好友助力')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: '已有 1/3 位好友助力' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '帮 TA 助力' }));
    expect(onHelp).toHaveBeenCalledOnce();
  });

  it('shows the starter the link to share, then the reward once unlocked', () => {
    const { unmount } = renderPage(<AssistView {...props} assist={assist(1)} mine={mine(assist(1))} />);
    expect((screen.getByLabelText('助力链接') as HTMLInputElement).value).toBe('http://shop.test/assists/9');
    expect(screen.getByRole('button', { name: '分享给好友助力' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '帮 TA 助力' })).toBeNull();
    unmount();
    const coupon = { id: '77', template: reward, state: 'available' as const, claimedAt: '2026-11-11T03:00:00.000Z', expiresAt: '2026-11-20T00:00:00.000Z', orderId: null };
    renderPage(<AssistView {...props} assist={assist(3)} mine={mine(assist(3), coupon)} />);
    expect(screen.getByText(/助力成功！奖励已解锁/)).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('奖励优惠券已放入您的券包');
  });

  it('says why a help was refused, and that a helper already helped', () => {
    const { unmount } = renderPage(<AssistView {...props} assist={assist(1)} failure={new ApiError(409, 'SELF_ASSIST', 'x')} />);
    expect(screen.getByRole('alert').textContent).toBe('不能为自己助力，快分享给好友吧');
    unmount();
    renderPage(<AssistView {...props} assist={assist(2)} helped justHelped />, { locale: 'en' });
    expect(screen.getByRole('button', { name: 'You have helped' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('status').textContent).toBe('Thanks for helping!');
  });

  it('asks a visitor to sign in to help', () => {
    renderPage(<AssistView {...props} signedIn={false} assist={assist(0)} />);
    expect(screen.getByText('登录后即可帮好友助力')).toBeTruthy();
    expect(screen.getByRole('link', { name: '登录' })).toBeTruthy();
  });
});
