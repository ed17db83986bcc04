import { describe, expect, it } from 'vitest';
import { OrderIdGenerator } from '../../src/domain/ids.js';

const ms = 1_763_900_000_123;

function strictlyIncreasing(ids: string[]): boolean {
  for (let i = 1; i < ids.length; i++) if (BigInt(ids[i]) <= BigInt(ids[i - 1])) return false;
  return true;
}

describe('OrderIdGenerator', () => {
  it('makes 19-digit ids: milliseconds, node number, sequence', () => {
    const ids = new OrderIdGenerator(7, () => ms);
    const id = ids.next();
    expect(id).toMatch(/^[0-9]{19}$/);
    expect(id).toBe(`${ms}070000`);
    expect(ids.next()).toBe(`${ms}070001`);
    // Fits a PostgreSQL bigint.
    expect(BigInt(id) <= 9223372036854775807n).toBe(true);
  });

  it('is monotonic as the clock moves forward', () => {
    let now = ms;
    const ids = new OrderIdGenerator(0, () => now);
    const out: string[] = [];
    for (let i = 0; i < 1000; i++) {
      if (i % 7 === 0) now += 1 + (i % 3);
      out.push(ids.next());
    }
    expect(strictlyIncreasing(out)).toBe(true);
  });

  it('stays monotonic when the clock steps back', () => {
    let now = ms;
    const ids = new OrderIdGenerator(3, () => now);
    const before = ids.next();
    now = ms - 5_000;
    const after = ids.next();
    expect(BigInt(after)).toBeGreaterThan(BigInt(before));
  });

  it('issues 50,000 unique, increasing, 19-digit ids within one frozen millisecond', () => {
    const ids = new OrderIdGenerator(12, () => ms);
    const out = Array.from({ length: 50_000 }, () => ids.next());
    expect(new Set(out).size).toBe(50_000);
    expect(strictlyIncreasing(out)).toBe(true);
    expect(out.every((id) => /^[0-9]{19}$/.test(id))).toBe(true);
    // Past 10,000 a millisecond it borrows the next millisecond rather than repeat.
    expect(out[10_000]).toBe(`${ms + 1}120000`);
  });

  it('gives different nodes different ids in the same millisecond', () => {
    const a = new OrderIdGenerator(1, () => ms);
    const b = new OrderIdGenerator(2, () => ms);
    const fromA = Array.from({ length: 100 }, () => a.next());
    const fromB = Array.from({ length: 100 }, () => b.next());
    expect(new Set([...fromA, ...fromB]).size).toBe(200);
  });

  it('after resuming never issues an id at or below a stored one from the same millisecond', () => {
    const stored = `${ms}009999`;
    const ids = new OrderIdGenerator(0, () => ms);
    ids.resumeAfter(stored);
    const out = Array.from({ length: 20_000 }, () => ids.next());
    expect(out.every((id) => BigInt(id) > BigInt(stored))).toBe(true);
    expect(strictlyIncreasing(out)).toBe(true);
  });

  it('after resuming never issues an id at or below a stored one made by a faster clock', () => {
    // Another node (99) stored an id a minute ahead of this node's clock.
    const stored = `${ms + 60_000}990042`;
    const ids = new OrderIdGenerator(1, () => ms);
    ids.resumeAfter(stored);
    const out = Array.from({ length: 100 }, () => ids.next());
    expect(out.every((id) => BigInt(id) > BigInt(stored))).toBe(true);
  });

  it('after resuming on an older stored id simply carries on from the clock', () => {
    const ids = new OrderIdGenerator(0, () => ms);
    ids.resumeAfter(`${ms - 10_000}000005`);
    expect(ids.next()).toBe(`${ms}000000`);
    ids.resumeAfter(null);
    expect(ids.next()).toBe(`${ms}000001`);
  });

  it('refuses node numbers outside 0..99', () => {
    expect(() => new OrderIdGenerator(-1)).toThrow();
    expect(() => new OrderIdGenerator(100)).toThrow();
    expect(() => new OrderIdGenerator(1.5)).toThrow();
    expect(() => new OrderIdGenerator(99)).not.toThrow();
  });
});
