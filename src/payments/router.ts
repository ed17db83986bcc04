import CircuitBreaker from 'opossum';
import type { ChargeReceipt, ChargeRequest, PaymentChannel } from './channel.js';
import { assertCents } from './channel.js';

export interface PaymentRouterOptions {
  /** How long a channel may take before the router gives up on it. Default 3000. */
  timeoutMs?: number;
  /** Failure percentage that opens a channel's breaker. Default 50. */
  errorThresholdPercentage?: number;
  /** How long an open breaker waits before letting a trial charge through. Default 10000. */
  resetTimeoutMs?: number;
  /** Charges needed in the rolling window before the breaker may open. Default 5. */
  volumeThreshold?: number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export class PaymentFailedError extends Error {
  readonly causes: string[];

  constructor(paymentId: string, causes: string[]) {
    super(`payment ${paymentId} failed on every channel: ${causes.join('; ')}`);
    this.name = 'PaymentFailedError';
    this.causes = causes;
  }
}

interface GuardedChannel {
  channel: PaymentChannel;
  breaker: CircuitBreaker<[ChargeRequest], ChargeReceipt>;
}

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Sends each charge to one channel at a time, failing over without ever charging twice. */
export class PaymentRouter {
  private readonly guarded: GuardedChannel[];
  private readonly timeoutMs: number;

  constructor(channels: PaymentChannel[], options: PaymentRouterOptions = {}) {
    if (channels.length === 0) throw new Error('a payment router needs at least one channel');
    const names = new Set(channels.map((c) => c.name));
    if (names.size !== channels.length) throw new Error('payment channel names must be unique');
    this.timeoutMs = options.timeoutMs ?? 3000;
    this.guarded = channels.map((channel) => ({
      channel,
      breaker: new CircuitBreaker((request: ChargeRequest) => channel.charge(request), {
        name: channel.name,
        timeout: this.timeoutMs,
        errorThresholdPercentage: options.errorThresholdPercentage ?? 50,
        resetTimeout: options.resetTimeoutMs ?? 10_000,
        volumeThreshold: options.volumeThreshold ?? 5,
      }),
    }));
  }

  async pay(request: ChargeRequest, preferred?: string): Promise<ChargeReceipt> {
    // Bad input is the caller's fault, not the channel's: keep it away from the breakers.
    assertCents(request.amount);
    const causes: string[] = [];
    for (const { channel, breaker } of this.attemptOrder(preferred)) {
      try {
        return await breaker.fire(request);
      } catch (err) {
        const code = errorCode(err);
        if (code === 'EOPENBREAKER') {
          causes.push(`${channel.name}: circuit open`);
        } else if (code === 'ETIMEDOUT') {
          causes.push(`${channel.name}: timed out after ${this.timeoutMs}ms`);
          await this.reverseLateCharge(channel, request.paymentId, causes);
        } else {
          causes.push(`${channel.name}: ${reason(err)}`);
        }
      }
    }
    throw new PaymentFailedError(request.paymentId, causes);
  }

  hasChannel(name: string): boolean {
    return this.guarded.some((g) => g.channel.name === name);
  }

  channelNames(): string[] {
    return this.guarded.map((g) => g.channel.name);
  }

  breakerStates(): { channel: string; state: BreakerState }[] {
    return this.guarded.map(({ channel, breaker }) => ({
      channel: channel.name,
      state: breaker.closed ? 'closed' : breaker.halfOpen ? 'half-open' : 'open',
    }));
  }

  /** For an order cancelled while its payment was still in flight. */
  async refund(channelName: string, paymentId: string): Promise<void> {
    const found = this.guarded.find((g) => g.channel.name === channelName);
    if (!found) throw new Error(`unknown payment channel ${channelName}`);
    await found.channel.refund(paymentId);
  }

  /** Returns part of a settled payment on the channel that took it, once per refundId. */
  async refundPart(channelName: string, paymentId: string, refundId: string, amount: number): Promise<void> {
    assertCents(amount);
    const found = this.guarded.find((g) => g.channel.name === channelName);
    if (!found) throw new Error(`unknown payment channel ${channelName}`);
    await found.channel.refundPart(paymentId, refundId, amount);
  }

  shutdown(): void {
    for (const { breaker } of this.guarded) breaker.shutdown();
  }

  /** An unknown preferred channel is ignored rather than failing the sale. */
  private attemptOrder(preferred?: string): GuardedChannel[] {
    const first = this.guarded.find((g) => g.channel.name === preferred);
    return first ? [first, ...this.guarded.filter((g) => g !== first)] : this.guarded;
  }

  /** A timed-out charge may still land; reverse it before another channel charges the buyer. */
  private async reverseLateCharge(channel: PaymentChannel, paymentId: string, causes: string[]): Promise<void> {
    try {
      await channel.refund(paymentId);
    } catch (err) {
      causes.push(`${channel.name}: refund after timeout failed: ${reason(err)}`);
    }
  }
}
