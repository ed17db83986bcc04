import { describe, expect, it } from 'vitest';
import { maskPhone } from '../../src/domain/shopper.js';

describe('maskPhone', () => {
  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('never shows a whole number and keeps its length', () => {
    for (const phone of ['13812345678', '+8613812345678', '12345678', '861381234567890']) {
      const masked = maskPhone(phone);
      expect(masked).not.toBe(phone);
      expect(masked).toHaveLength(phone.length);
      expect(masked).toContain('*');
    }
    expect(maskPhone('12345678')).toBe('123*5678');
  });

  it('hides short numbers completely', () => {
    expect(maskPhone('1234567')).toBe('*******');
    expect(maskPhone('123')).toBe('***');
    expect(maskPhone('')).toBe('');
  });
});
