import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../web/src/api/client';
import { safeNext, SignInView } from '../../../web/src/shop/SignInPage';
import { renderPage } from '../render';

const issued = { phone: '139****0001', expiresAt: '2026-11-11T02:05:00.000Z', code: '123456' };

describe('the sign-in page', () => {
  it('asks for a code, shows and fills the demo code, and signs in', async () => {
    const requestCode = vi.fn().mockResolvedValue(issued);
    const signIn = vi.fn().mockResolvedValue(undefined);
    renderPage(<SignInView demoShoppers={null} requestCode={requestCode} signIn={signIn} />);
    await userEvent.type(screen.getByLabelText(/手机号/), '13900000001');
    await userEvent.click(screen.getByRole('button', { name: '获取验证码' }));
    expect(requestCode).toHaveBeenCalledWith('13900000001');
    expect(await screen.findByText('演示验证码：123456')).toBeTruthy();
    expect(screen.getByText('验证码已发送至 139****0001')).toBeTruthy();
    expect((screen.getByLabelText(/^验证码/) as HTMLInputElement).value).toBe('123456');
    expect(screen.getByRole('button', { name: /秒后重发/ })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(signIn).toHaveBeenCalledWith('13900000001', '123456');
  });

  it('shows a wrong code readably, in English', async () => {
    const signIn = vi.fn().mockRejectedValue(new ApiError(401, 'SIGN_IN_FAILED', 'wrong code'));
    renderPage(<SignInView demoShoppers={null} requestCode={vi.fn()} signIn={signIn} />, { locale: 'en' });
    await userEvent.type(screen.getByLabelText(/Phone number/), '13900000001');
    await userEvent.type(screen.getByLabelText(/^Code/), '000000');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong or expired code');
  });

  it('offers the demo shoppers as one-tap choices', async () => {
    const requestCode = vi.fn().mockResolvedValue({ ...issued, phone: '138****0003' });
    const signIn = vi.fn().mockResolvedValue(undefined);
    const demo = [
      { phone: '13800000001', tier: 'regular' as const, realNameVerified: true, region: 'CN-31' },
      { phone: '13800000003', tier: 'gold' as const, realNameVerified: false, region: 'CN-31' },
    ];
    renderPage(<SignInView demoShoppers={demo} requestCode={requestCode} signIn={signIn} />, { locale: 'en' });
    await userEvent.click(screen.getByRole('button', { name: /Try as a gold member/ }));
    await waitFor(() => expect(signIn).toHaveBeenCalledWith('13800000003', '123456'));
  });

  it('goes back only to a page of this site', () => {
    expect(safeNext('/orders/1')).toBe('/orders/1');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
