import { describe, expect, it } from 'vitest';
import { applySessionEvent } from '../../../web/src/shop/useSessionLive';
import { item, session } from './fixtures';

describe('the session stream', () => {
  const start = session({ state: 'upcoming', items: [item(), item({ id: '12', stock: 200, initialStock: 200 })] });

  it('updates the stock of the items it names and leaves the others', () => {
    const next = applySessionEvent(start, 'stock', { sessionId: '1', items: [{ id: '12', stock: 0, soldOut: true }] });
    expect(next?.items.map((i) => [i.id, i.stock, i.soldOut])).toEqual([
      ['11', 321, false],
      ['12', 0, true],
    ]);
  });

  it('takes a new state and a whole new snapshot', () => {
    expect(applySessionEvent(start, 'state', { sessionId: '1', state: 'live', serverTime: start.serverTime })?.state).toBe('live');
    const snapshot = session({ items: [] });
    expect(applySessionEvent(start, 'snapshot', snapshot)).toBe(snapshot);
    expect(applySessionEvent(null, 'stock', { sessionId: '1', items: [] })).toBeNull();
  });
});
