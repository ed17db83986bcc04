import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../web/src/api/client';
import { CampaignForm } from '../../../web/src/console/CampaignForm';
import { ItemForm } from '../../../web/src/console/ItemForm';
import { LoginForm } from '../../../web/src/OperatorSignIn';
import { SessionForm } from '../../../web/src/console/SessionForm';
import { emptyItemForm } from '../../../web/src/console/validation';
import { renderPage } from '../render';

const campaign = { startsAt: new Date(2025, 5, 18, 0).toISOString(), endsAt: new Date(2025, 5, 19, 0).toISOString() };
const sessionValues = { startsAt: '2025-06-18T10:00:00', endsAt: '2025-06-18T10:30:00', paymentMinutes: '15' };

describe('operator login', () => {
  it('says the token is wrong, in Chinese and in English', async () => {
    const wrong = () => Promise.reject(new ApiError(403, 'FORBIDDEN', 'wrong operator token'));
    renderPage(<LoginForm onSubmit={wrong} />);
    await userEvent.type(screen.getByLabelText(/运营口令/), 'nope');
    await userEvent.click(screen.getByRole('button', { name: '登录' }));
    expect((await screen.findByRole('alert')).textContent).toBe('口令不正确，请检查后重试');
  });

  it('shows other failures readably and asks for a token when empty', async () => {
    const down = () => Promise.reject(new ApiError(0, 'NETWORK', 'fetch failed'));
    renderPage(<LoginForm onSubmit={down} />, { locale: 'en' });
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Enter the token');
    await userEvent.type(screen.getByLabelText(/Operator token/), 'op');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('No connection — check the network and retry'));
  });

  it('keeps the token hidden and hands it over trimmed', async () => {
    const submit = vi.fn(() => Promise.resolve());
    renderPage(<LoginForm onSubmit={submit} />);
    const field = screen.getByLabelText(/运营口令/) as HTMLInputElement;
    expect(field.type).toBe('password');
    await userEvent.type(field, ' op ');
    await userEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(submit).toHaveBeenCalledWith('op');
  });
});

describe('campaign form', () => {
  it('checks the name and the dates before sending', async () => {
    const create = vi.fn(() => Promise.resolve());
    renderPage(<CampaignForm onCreate={create} />);
    await userEvent.clear(screen.getByLabelText(/结束时间/));
    await userEvent.type(screen.getByLabelText(/结束时间/), '2000-01-01T00:00');
    await userEvent.click(screen.getByRole('button', { name: '创建活动' }));
    expect(screen.getByText('必填')).toBeTruthy();
    expect(screen.getByText('结束时间必须晚于开始时间')).toBeTruthy();
    expect(create).not.toHaveBeenCalled();
  });

  it('offers the four campaign types and shows the server refusal', async () => {
    const create = vi.fn(() => Promise.reject(new ApiError(400, 'INVALID_REQUEST', 'endsAt must be after startsAt')));
    renderPage(<CampaignForm onCreate={create} />, { locale: 'en' });
    await userEvent.click(screen.getByDisplayValue('Big promotion'));
    for (const type of ['Member day', 'New-product launch', 'Clearance']) expect(await screen.findByRole('option', { name: type, hidden: true })).toBeTruthy();
    await userEvent.click(screen.getByRole('option', { name: 'Clearance', hidden: true }));
    await userEvent.type(screen.getByLabelText(/Campaign name/), 'Double 11');
    await userEvent.click(screen.getByRole('button', { name: 'Create campaign' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Invalid input: endsAt must be after startsAt');
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ name: 'Double 11', type: 'clearance' }));
  });
});

describe('session form', () => {
  it('sends the payment window in seconds', async () => {
    const submit = vi.fn(() => Promise.resolve());
    renderPage(<SessionForm mode="add" campaign={campaign} initial={sessionValues} onSubmit={submit} />);
    const minutes = screen.getByLabelText(/支付时限/);
    await userEvent.clear(minutes);
    await userEvent.type(minutes, '5');
    await userEvent.click(screen.getByRole('button', { name: '添加场次' }));
    expect(submit).toHaveBeenCalledWith({
      startsAt: new Date(2025, 5, 18, 10).toISOString(),
      endsAt: new Date(2025, 5, 18, 10, 30).toISOString(),
      paymentWindowSeconds: 300,
    });
  });

  it('keeps a session inside its campaign', async () => {
    const submit = vi.fn(() => Promise.resolve());
    renderPage(<SessionForm mode="add" campaign={campaign} initial={{ ...sessionValues, endsAt: '2025-06-19T01:00:00' }} onSubmit={submit} />, {
      locale: 'en',
    });
    await userEvent.click(screen.getByRole('button', { name: 'Add a session' }));
    expect(screen.getByText('A session must lie within its campaign')).toBeTruthy();
    expect(submit).not.toHaveBeenCalled();
  });

  it('is read-only once the session is live, and shows SESSION_LOCKED readably', async () => {
    renderPage(<SessionForm mode="edit" campaign={campaign} initial={sessionValues} locked onSubmit={() => Promise.resolve()} />);
    expect((screen.getByLabelText(/开始时间/) as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByLabelText(/结束时间/) as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByLabelText(/支付时限/) as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: '保存' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('场次已开始或已结束，时间和支付时限不能再修改。')).toBeTruthy();
  });

  it('explains a refusal because the session started meanwhile', async () => {
    const locked = () => Promise.reject(new ApiError(409, 'SESSION_LOCKED', 'session is live'));
    renderPage(<SessionForm mode="edit" campaign={campaign} initial={sessionValues} onSubmit={locked} />, { locale: 'en' });
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The session has started or ended and can no longer be changed');
  });
});

describe('item form', () => {
  const fill = async (labels: Record<string, string>) => {
    for (const [label, value] of Object.entries(labels)) {
      const field = screen.getByLabelText(new RegExp(label));
      await userEvent.clear(field);
      await userEvent.type(field, value);
    }
  };

  it('converts yuan to cents when putting an item on sale', async () => {
    const submit = vi.fn(() => Promise.resolve());
    renderPage(<ItemForm mode="add" initial={emptyItemForm} onSubmit={submit} />);
    await fill({ 商品名称: '蓝牙耳机', '原价': '199.90', 秒杀价: '99.5', 秒杀库存: '500', 每人限购: '2' });
    expect(screen.getByText('¥99.50，5 折')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '上架商品' }));
    expect(submit).toHaveBeenCalledWith({ title: '蓝牙耳机', originalPrice: 19990, flashPrice: 9950, stock: 500, perUserLimit: 2, eligibility: {} });
  });

  it('refuses a flash price at or above the original, in both languages', async () => {
    const submit = vi.fn(() => Promise.resolve());
    const view = renderPage(<ItemForm mode="add" initial={{ ...emptyItemForm, title: 'Earbuds', originalPrice: '99', flashPrice: '99', stock: '10' }} onSubmit={submit} />);
    await userEvent.click(screen.getByRole('button', { name: '上架商品' }));
    expect(screen.getByText('秒杀价必须低于原价')).toBeTruthy();
    view.unmount();
    renderPage(<ItemForm mode="add" initial={{ ...emptyItemForm, title: 'Earbuds', originalPrice: '99', flashPrice: '120', stock: '10' }} onSubmit={submit} />, {
      locale: 'en',
    });
    await userEvent.click(screen.getByRole('button', { name: 'Put on sale' }));
    expect(screen.getByText('The flash price must be below the original price')).toBeTruthy();
    expect(submit).not.toHaveBeenCalled();
  });

  it('refuses a third decimal and bad region codes', async () => {
    renderPage(<ItemForm mode="add" initial={{ ...emptyItemForm, title: 'Earbuds', originalPrice: '99.999', flashPrice: '9', stock: '10', regionsDenied: 'Shanghai' }} onSubmit={() => Promise.resolve()} />, {
      locale: 'en',
    });
    await userEvent.click(screen.getByRole('button', { name: 'Put on sale' }));
    expect(screen.getByText('At most two decimals')).toBeTruthy();
    expect(screen.getAllByText('ISO 3166-2 codes separated by commas, e.g. CN-31, CN-11').length).toBeGreaterThan(0);
    expect(screen.getByText('ISO 3166-2 region codes separated by commas, e.g. CN-31, CN-11')).toBeTruthy();
  });

  it('cannot be edited once the session is live', () => {
    renderPage(<ItemForm mode="edit" initial={{ ...emptyItemForm, title: 'Earbuds' }} locked onSubmit={() => Promise.resolve()} />, { locale: 'en' });
    expect((screen.getByLabelText(/Item title/) as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByLabelText(/Flash price/) as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Save changes' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/can still be paused or resumed/)).toBeTruthy();
  });
});
