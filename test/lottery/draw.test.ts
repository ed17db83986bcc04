import { describe, expect, it } from 'vitest';
import { assistProgress } from '../../src/domain/assist.js';
import { drawsLeft, pickByWeight, prizeProblem, totalWeight } from '../../src/domain/lottery.js';

describe('the weighted pick', () => {
  const prizes = [
    { id: 'a', weight: 1 },
    { id: 'none', weight: 0 },
    { id: 'b', weight: 3 },
  ];

  it('gives each prize as many rolls as its weight, and never one of weight 0', () => {
    expect(totalWeight(prizes)).toBe(4);
    const picked = [0, 1, 2, 3].map((roll) => pickByWeight(prizes, roll)?.id);
    expect(picked).toEqual(['a', 'b', 'b', 'b']);
    expect(pickByWeight(prizes, 4)).toBeNull();
    expect(pickByWeight([], 0)).toBeNull();
  });
});

describe('draws left', () => {
  const today = '2026-11-11';

  it('counts today by the shop day and never above what is left in all', () => {
    expect(drawsLeft({ total: 5, daily: 2 }, null, today)).toEqual({ total: 5, today: 2 });
    expect(drawsLeft({ total: 5, daily: 2 }, { total: 4, day: today, today: 1 }, today)).toEqual({ total: 1, today: 1 });
    expect(drawsLeft({ total: 5, daily: 2 }, { total: 2, day: '2026-11-10', today: 2 }, today)).toEqual({ total: 3, today: 2 });
    expect(drawsLeft({ total: null, daily: 2 }, { total: 9, day: today, today: 2 }, today)).toEqual({ total: null, today: 0 });
    expect(drawsLeft({ total: 3, daily: null }, { total: 1, day: today, today: 1 }, today)).toEqual({ total: 2, today: 2 });
  });
});

describe('a prize list', () => {
  it('needs each prize to carry what its kind needs', () => {
    expect(prizeProblem([{ name: '券', kind: 'coupon', templateId: '1', quantity: 1, weight: 1 }])).toBeNull();
    expect(prizeProblem([])).toMatch(/at least one prize/);
    expect(prizeProblem([{ name: '券', kind: 'coupon', quantity: 1, weight: 1 }])).toMatch(/template/);
    expect(prizeProblem([{ name: '谢谢', kind: 'none', quantity: 5, weight: 1 }])).toMatch(/no quantity/);
    expect(prizeProblem([{ name: '耳机', kind: 'goods', weight: 1 }])).toMatch(/quantity/);
    expect(prizeProblem([{ name: '谢谢', kind: 'none', weight: 0 }])).toMatch(/weight above 0/);
  });
});

describe('assist progress', () => {
  it('unlocks at N and never counts beyond', () => {
    expect(assistProgress(2, 5)).toEqual({ helpers: 2, needed: 5, missing: 3, unlocked: false });
    expect(assistProgress(7, 5)).toEqual({ helpers: 5, needed: 5, missing: 0, unlocked: true });
  });
});
