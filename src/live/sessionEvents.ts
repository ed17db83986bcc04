import type { Catalog } from '../campaigns/catalog.js';
import type { Clock } from '../clock.js';
import { type SessionState, sessionState } from '../domain/session.js';
import type { HotStore } from '../hotstore/hotstore.js';

export type Send = (event: string, data: unknown) => void;

interface Watch {
  subscribers: Set<Send>;
  dirty: Set<string>;
  state: SessionState;
}

/**
 * Live stock and state per session for the SSE stream. Changes are coalesced: at most one stock
 * event per tick (default 100 ms, so ≤ 10 a second) however fast units sell.
 */
export class SessionEvents {
  private readonly watches = new Map<string, Watch>();
  private timer: NodeJS.Timeout | null = null;
  private ticks = 0;

  constructor(
    private readonly catalog: Catalog,
    private readonly hot: HotStore,
    private readonly clock: Clock,
    private readonly tickMs = 100,
  ) {
    hot.onStockChange((itemId) => {
      const item = this.catalog.items.get(itemId);
      if (item) this.watches.get(item.sessionId)?.dirty.add(itemId);
    });
  }

  subscribe(sessionId: string, send: Send): () => void {
    let watch = this.watches.get(sessionId);
    if (!watch) {
      const session = this.catalog.sessions.get(sessionId)!;
      watch = { subscribers: new Set(), dirty: new Set(), state: sessionState(session, this.clock.now()) };
      this.watches.set(sessionId, watch);
    }
    watch.subscribers.add(send);
    if (!this.timer) {
      this.timer = setInterval(() => this.tick(), this.tickMs);
      this.timer.unref();
    }
    return () => {
      watch.subscribers.delete(send);
      if (watch.subscribers.size === 0) this.watches.delete(sessionId);
      if (this.watches.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  stockOf(itemId: string): { id: string; stock: number; soldOut: boolean } {
    const stock = this.hot.remaining(itemId) ?? 0;
    return { id: itemId, stock, soldOut: stock === 0 };
  }

  private tick(): void {
    this.ticks++;
    const heartbeat = this.ticks % Math.round(15_000 / this.tickMs) === 0;
    for (const [sessionId, watch] of this.watches) {
      const session = this.catalog.sessions.get(sessionId);
      if (!session) continue;
      const state = sessionState(session, this.clock.now());
      if (state !== watch.state) {
        watch.state = state;
        this.broadcast(watch, 'state', { sessionId, state, serverTime: new Date(this.clock.now()).toISOString() });
      }
      if (watch.dirty.size > 0) {
        const items = [...watch.dirty].map((id) => this.stockOf(id));
        watch.dirty.clear();
        this.broadcast(watch, 'stock', { sessionId, items });
      } else if (heartbeat) {
        this.broadcast(watch, 'heartbeat', { serverTime: new Date(this.clock.now()).toISOString() });
      }
    }
  }

  private broadcast(watch: Watch, event: string, data: unknown): void {
    for (const send of watch.subscribers) send(event, data);
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.watches.clear();
  }
}
