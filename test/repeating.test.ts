import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Repeating } from '../src/repeating.js';

/** A pass the test finishes by hand. */
function heldPasses() {
  const finishers: (() => void)[] = [];
  const pass = vi.fn(() => new Promise<void>((resolve) => finishers.push(resolve)));
  return { pass, finish: () => finishers.shift()?.() };
}

describe('Repeating', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('never starts a pass while the previous one is still running', async () => {
    const { pass, finish } = heldPasses();
    const job = new Repeating(pass, 1000);
    job.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(pass).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(pass).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(1000);
    expect(pass).toHaveBeenCalledTimes(2);
    finish();
    await job.stop();
  });

  it('stop waits for the pass in hand and starts no other', async () => {
    const { pass, finish } = heldPasses();
    const job = new Repeating(pass, 1000);
    job.start();
    await vi.advanceTimersByTimeAsync(1000);
    let stopped = false;
    const stopping = job.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    await vi.advanceTimersByTimeAsync(5000);
    expect(pass).toHaveBeenCalledTimes(1);
  });

  it('hands a failed pass to onError and tries again on the next tick', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const job = new Repeating(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('store unavailable');
      },
      1000,
      (error) => errors.push(error),
    );
    job.start();
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toBe(2);
    expect(errors).toEqual([new Error('store unavailable')]);
    await job.stop();
  });
});
