import { describe, expect, it } from 'vitest';
import { type OrderStatus, canMove, orderStatuses, unitHoldingStatuses } from '../../src/domain/order.js';

const allowed: [OrderStatus, OrderStatus][] = [
  ['reserved', 'paid'],
  ['reserved', 'cancelled'],
  ['paid', 'shipped'],
  ['paid', 'refunded'],
  ['shipped', 'completed'],
];

describe('order state machine', () => {
  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(canMove(from, to)).toBe(true);
  });

  it('forbids every other move, staying put included', () => {
    const forbidden: string[] = [];
    for (const from of orderStatuses) {
      for (const to of orderStatuses) {
        const isAllowed = allowed.some(([f, t]) => f === from && t === to);
        if (!isAllowed && canMove(from, to)) forbidden.push(`${from} → ${to}`);
      }
    }
    expect(forbidden).toEqual([]);
  });

  it.each([
    ['paid', 'cancelled'],
    ['cancelled', 'paid'],
    ['cancelled', 'reserved'],
    ['reserved', 'shipped'],
    ['reserved', 'refunded'],
    ['completed', 'refunded'],
    ['refunded', 'paid'],
    ['paid', 'paid'],
  ] as [OrderStatus, OrderStatus][])('forbids %s → %s', (from, to) => {
    expect(canMove(from, to)).toBe(false);
  });

  it('treats cancelled, completed and refunded as final', () => {
    for (const to of orderStatuses) {
      expect(canMove('cancelled', to)).toBe(false);
      expect(canMove('completed', to)).toBe(false);
      expect(canMove('refunded', to)).toBe(false);
    }
  });

  it('puts units back on sale only for a cancellation', () => {
    expect(orderStatuses.filter((s) => !unitHoldingStatuses.includes(s))).toEqual(['cancelled']);
  });
});
