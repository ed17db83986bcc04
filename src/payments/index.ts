import { PaymentRouter } from './router.js';
import { SandboxChannel } from './sandbox.js';

export type { ChargeReceipt, ChargeRequest, PaymentChannel } from './channel.js';
export type { LedgerEntry, LedgerState, SandboxChannelOptions } from './sandbox.js';
export type { BreakerState, PaymentRouterOptions } from './router.js';
export { SandboxChannel } from './sandbox.js';
export { PaymentFailedError, PaymentRouter } from './router.js';

export interface SandboxRouterOptions {
  latencyMs?: number;
  failureRate?: number;
  timeoutMs?: number;
}

/** Two sandbox gateways: Alipay first, WeChat Pay as the failover. */
export function createSandboxRouter(options: SandboxRouterOptions = {}): {
  router: PaymentRouter;
  channels: SandboxChannel[];
} {
  const { latencyMs, failureRate, timeoutMs } = options;
  const channels = [
    new SandboxChannel({ name: 'alipay-sandbox', latencyMs, failureRate }),
    new SandboxChannel({ name: 'wechat-sandbox', latencyMs, failureRate }),
  ];
  return { router: new PaymentRouter(channels, { timeoutMs }), channels };
}
