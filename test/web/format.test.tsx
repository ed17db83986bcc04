import { describe, expect, it } from 'vitest';
import { errorCatalogue } from '../../src/errors';
import { ApiError } from '../../web/src/api/client';
import { sseParser } from '../../web/src/api/events';
import { errorMessage } from '../../web/src/i18n/errors';
import { browserLocale, translate } from '../../web/src/i18n/locale';
import { formatCountdown, formatPrice } from '../../web/src/format';

describe('what every page shows the same way', () => {
  it('prices are ¥ with two decimals from cents', () => {
    expect(formatPrice(100)).toBe('¥1.00');
    expect(formatPrice(19_900)).toBe('¥199.00');
    expect(formatPrice(599_905)).toBe('¥5,999.05');
    expect(formatPrice(7)).toBe('¥0.07');
  });

  it('countdowns round up to the second and never go negative', () => {
    expect(formatCountdown(65_001)).toBe('01:06');
    expect(formatCountdown(3_600_000)).toBe('1:00:00');
    expect(formatCountdown(-5)).toBe('00:00');
  });

  it('the language follows the browser, Chinese when it is neither', () => {
    expect(browserLocale(['en-US', 'zh-CN'])).toBe('en');
    expect(browserLocale(['zh-TW'])).toBe('zh-CN');
    expect(browserLocale(['fr-FR'])).toBe('zh-CN');
  });

  it('messages fill their placeholders', () => {
    const t = translate({ 'zh-CN': { left: '仅剩 {n} 件' }, en: { left: '{n} left' } }, 'en');
    expect(t('left', { n: 3 })).toBe('3 left');
  });

  it('every error code reads as a sentence in both languages', () => {
    const soldOut = new ApiError(409, 'SOLD_OUT', 'sold out');
    expect(errorMessage(soldOut, 'zh-CN')).toBe('手慢了，已经抢光了');
    expect(errorMessage(soldOut, 'en')).toBe('Too late — it is sold out');
    expect(errorMessage(new ApiError(429, 'RATE_LIMITED', 'slow down', 3), 'en')).toContain('3 s');
    expect(errorMessage(new ApiError(418, 'TEAPOT', 'odd'), 'en')).toContain('TEAPOT');
  });

  it('has a sentence of its own for every code in the server catalogue', () => {
    for (const code of Object.keys(errorCatalogue)) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const shown = errorMessage(new ApiError(errorCatalogue[code as keyof typeof errorCatalogue], code, 'detail'), locale);
        expect(shown, `${code} (${locale})`).not.toContain(code);
      }
    }
  });

  it('the operator stream is parsed even when an event arrives in pieces', () => {
    const seen: [string, unknown][] = [];
    const feed = sseParser((event, data) => seen.push([event, data]));
    feed('event: live\ndata: {"a"');
    feed(':1}\n\nevent: live\r\ndata: {"a":2}\r\n\r\n');
    expect(seen).toEqual([
      ['live', { a: 1 }],
      ['live', { a: 2 }],
    ]);
  });
});
