import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Shell } from '../../web/src/Shell';
import { renderPage } from './render';

describe('the shared page bar', () => {
  it('switches between Chinese and English and remembers the choice', async () => {
    renderPage(<Shell>content</Shell>);
    expect(screen.getByRole('link', { name: '秒杀' })).toBeTruthy();
    await userEvent.click(screen.getByText('EN'));
    expect(screen.getByRole('link', { name: 'Miaosha' })).toBeTruthy();
    expect(localStorage.getItem('miaosha.locale')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });
});
