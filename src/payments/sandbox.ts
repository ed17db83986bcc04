import { randomUUID } from 'node:crypto';
import type { ChargeReceipt, ChargeRequest, PaymentChannel } from './channel.js';
import { assertCents } from './channel.js';

export type LedgerState = 'charged' | 'refunded';

export interface LedgerEntry {
  paymentId: string;
  orderId: string;
  amount: number;
  state: LedgerState;
  reference: string;
}

export interface SandboxChannelOptions {
  name: string;
  latencyMs?: number;
  /** Probability 0..1 that a charge is declined. */
  failureRate?: number;
  random?: () => number;
}

interface InFlight {
  outcome: Promise<ChargeReceipt>;
  /** Settles the charge as refunded before it lands. */
  cancel(): void;
}

/** An in-memory stand-in for a real payment gateway, with tunable latency and declines. */
export class SandboxChannel implements PaymentChannel {
  readonly name: string;
  private latencyMs: number;
  private failureRate: number;
  private readonly random: () => number;
  private readonly entries = new Map<string, LedgerEntry>();
  private readonly inFlight = new Map<string, InFlight>();
  /** Partial refunds by refundId. */
  private readonly parts = new Map<string, { paymentId: string; amount: number }>();

  constructor(options: SandboxChannelOptions) {
    this.name = options.name;
    this.latencyMs = options.latencyMs ?? 0;
    this.failureRate = options.failureRate ?? 0;
    this.random = options.random ?? Math.random;
  }

  /** Lets tests make the gateway slow, flaky or healthy mid-run. */
  configure(options: { latencyMs?: number; failureRate?: number }): void {
    if (options.latencyMs !== undefined) this.latencyMs = options.latencyMs;
    if (options.failureRate !== undefined) this.failureRate = options.failureRate;
  }

  charge(request: ChargeRequest): Promise<ChargeReceipt> {
    const settled = this.entries.get(request.paymentId);
    if (settled) return this.replay(settled);
    const pending = this.inFlight.get(request.paymentId);
    if (pending) return pending.outcome;
    try {
      assertCents(request.amount);
    } catch (err) {
      return Promise.reject(err);
    }
    const attempt = this.start({ ...request });
    this.inFlight.set(request.paymentId, attempt);
    return attempt.outcome;
  }

  async refund(paymentId: string): Promise<void> {
    const pending = this.inFlight.get(paymentId);
    if (pending) {
      pending.cancel();
      return;
    }
    const entry = this.entries.get(paymentId);
    if (entry) entry.state = 'refunded';
  }

  async refundPart(paymentId: string, refundId: string, amount: number): Promise<void> {
    assertCents(amount);
    const earlier = this.parts.get(refundId);
    if (earlier) {
      if (earlier.paymentId !== paymentId || earlier.amount !== amount) throw new Error(`refund ${refundId} was made for another payment or amount`);
      return;
    }
    const entry = this.entries.get(paymentId);
    if (!entry || entry.state !== 'charged') throw new Error(`payment ${paymentId} has no settled charge on ${this.name}`);
    const returned = this.partsReturned(paymentId);
    if (returned + amount > entry.amount) throw new Error(`refund ${refundId} would return more than payment ${paymentId} charged`);
    this.parts.set(refundId, { paymentId, amount });
  }

  /** Cents returned of a payment by partial refunds. */
  partsReturned(paymentId: string): number {
    let total = 0;
    for (const part of this.parts.values()) if (part.paymentId === paymentId) total += part.amount;
    return total;
  }

  ledger(): LedgerEntry[] {
    return [...this.entries.values()].map((entry) => ({ ...entry }));
  }

  netCharged(orderId: string): number {
    let total = 0;
    for (const entry of this.entries.values()) {
      if (entry.orderId === orderId && entry.state === 'charged') total += entry.amount - this.partsReturned(entry.paymentId);
    }
    return total;
  }

  private start(request: ChargeRequest): InFlight {
    let timer: NodeJS.Timeout | undefined;
    let cancel = (): void => {};
    const outcome = new Promise<ChargeReceipt>((resolve, reject) => {
      const finish = (): void => {
        this.inFlight.delete(request.paymentId);
      };
      timer = setTimeout(() => {
        finish();
        if (this.random() < this.failureRate) {
          reject(new Error(`declined by ${this.name}`));
          return;
        }
        const entry = this.record(request, 'charged');
        resolve({ channel: this.name, reference: entry.reference });
      }, this.latencyMs);
      cancel = () => {
        clearTimeout(timer);
        finish();
        // Kept as a refunded entry so a retry with this paymentId cannot charge afresh.
        this.record(request, 'refunded');
        reject(new Error(`payment ${request.paymentId} was refunded before it landed on ${this.name}`));
      };
    });
    return { outcome, cancel };
  }

  private record(request: ChargeRequest, state: LedgerState): LedgerEntry {
    const entry: LedgerEntry = {
      paymentId: request.paymentId,
      orderId: request.orderId,
      amount: request.amount,
      state,
      reference: `${this.name}-${randomUUID()}`,
    };
    this.entries.set(request.paymentId, entry);
    return entry;
  }

  private replay(entry: LedgerEntry): Promise<ChargeReceipt> {
    // A refunded payment must not be revived by a retry: the buyer would pay for a reversed charge.
    if (entry.state === 'refunded') {
      return Promise.reject(new Error(`payment ${entry.paymentId} was refunded on ${this.name}`));
    }
    return Promise.resolve({ channel: this.name, reference: entry.reference });
  }
}
