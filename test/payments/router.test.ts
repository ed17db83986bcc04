import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PaymentRouterOptions } from '../../src/payments/index.js';
import {
  createSandboxRouter,
  PaymentFailedError,
  PaymentRouter,
  SandboxChannel,
} from '../../src/payments/index.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const routers: PaymentRouter[] = [];
afterEach(() => {
  while (routers.length > 0) routers.pop()?.shutdown();
});

function setup(options: PaymentRouterOptions = {}) {
  const alipay = new SandboxChannel({ name: 'alipay-sandbox', latencyMs: 10 });
  const wechat = new SandboxChannel({ name: 'wechat-sandbox', latencyMs: 10 });
  const router = new PaymentRouter([alipay, wechat], { timeoutMs: 100, ...options });
  routers.push(router);
  return { router, alipay, wechat };
}

let seq = 0;
function order(amount = 9900) {
  seq += 1;
  return { paymentId: `pay-${seq}`, orderId: `order-${seq}`, amount };
}

describe('PaymentRouter', () => {
  it('charges the primary channel when it is healthy', async () => {
    const { router, alipay, wechat } = setup();
    const request = order();

    const receipt = await router.pay(request);

    expect(receipt.channel).toBe('alipay-sandbox');
    expect(alipay.netCharged(request.orderId)).toBe(request.amount);
    expect(wechat.ledger()).toHaveLength(0);
  });

  it('honours the preferred channel', async () => {
    const { router, alipay } = setup();
    const request = order();

    const receipt = await router.pay(request, 'wechat-sandbox');

    expect(receipt.channel).toBe('wechat-sandbox');
    expect(alipay.ledger()).toHaveLength(0);
  });

  it('fails over when the primary declines', async () => {
    const { router, alipay, wechat } = setup();
    alipay.configure({ failureRate: 1 });
    const request = order();

    const receipt = await router.pay(request);

    expect(receipt.channel).toBe('wechat-sandbox');
    expect(alipay.netCharged(request.orderId)).toBe(0);
    expect(wechat.netCharged(request.orderId)).toBe(request.amount);
  });

  it('fails over when the primary hangs, and the late charge never lands', async () => {
    const { router, alipay, wechat } = setup({ timeoutMs: 40 });
    alipay.configure({ latencyMs: 150 });
    const request = order();

    const receipt = await router.pay(request);
    expect(receipt.channel).toBe('wechat-sandbox');

    await sleep(200); // past the primary's own latency
    expect(alipay.netCharged(request.orderId)).toBe(0);
    expect(alipay.netCharged(request.orderId) + wechat.netCharged(request.orderId)).toBe(request.amount);
  });

  it('still fails over when reversing a timed-out charge fails', async () => {
    const { router, alipay } = setup({ timeoutMs: 40 });
    alipay.configure({ latencyMs: 150 });
    vi.spyOn(alipay, 'refund').mockRejectedValue(new Error('gateway unreachable'));

    const receipt = await router.pay(order());

    expect(receipt.channel).toBe('wechat-sandbox');
  });

  it('throws PaymentFailedError naming both causes when every channel fails', async () => {
    const { router, alipay, wechat } = setup();
    alipay.configure({ failureRate: 1 });
    wechat.configure({ failureRate: 1 });

    const attempt = router.pay(order());

    await expect(attempt).rejects.toBeInstanceOf(PaymentFailedError);
    const error = (await attempt.catch((e: unknown) => e)) as PaymentFailedError;
    expect(error.causes).toHaveLength(2);
    expect(error.causes[0]).toContain('declined by alipay-sandbox');
    expect(error.causes[1]).toContain('declined by wechat-sandbox');
  });

  it('opens the breaker after repeated failures and then skips the primary quickly', async () => {
    const { router, alipay } = setup({ volumeThreshold: 3, resetTimeoutMs: 60_000 });
    alipay.configure({ failureRate: 1, latencyMs: 90 });

    for (let i = 0; i < 3; i += 1) await router.pay(order());
    expect(router.breakerStates()).toEqual([
      { channel: 'alipay-sandbox', state: 'open' },
      { channel: 'wechat-sandbox', state: 'closed' },
    ]);

    const charge = vi.spyOn(alipay, 'charge');
    const started = Date.now();
    const receipt = await router.pay(order());

    expect(receipt.channel).toBe('wechat-sandbox');
    expect(charge).not.toHaveBeenCalled();
    expect(Date.now() - started).toBeLessThan(90); // faster than one attempt on the primary
  });

  it('refunds through the named channel', async () => {
    const { router, alipay } = setup();
    const request = order();
    await router.pay(request);

    await router.refund('alipay-sandbox', request.paymentId);

    expect(alipay.netCharged(request.orderId)).toBe(0);
    await expect(router.refund('unionpay', request.paymentId)).rejects.toThrow(/unknown/);
  });

  it('lists its channels', () => {
    const { router } = setup();
    expect(router.channelNames()).toEqual(['alipay-sandbox', 'wechat-sandbox']);
    expect(router.hasChannel('wechat-sandbox')).toBe(true);
    expect(router.hasChannel('unionpay')).toBe(false);
  });

  it('rejects amounts that are not whole cents without touching a channel', async () => {
    const { router, alipay } = setup();
    await expect(router.pay({ ...order(), amount: 99.5 })).rejects.toBeInstanceOf(RangeError);
    expect(alipay.ledger()).toHaveLength(0);
  });
});

describe('SandboxChannel', () => {
  it('charges once when the same paymentId arrives five times at once', async () => {
    const channel = new SandboxChannel({ name: 'alipay-sandbox', latencyMs: 20 });
    const request = order();

    const receipts = await Promise.all(Array.from({ length: 5 }, () => channel.charge(request)));

    expect(new Set(receipts.map((r) => r.reference)).size).toBe(1);
    expect(channel.ledger()).toHaveLength(1);
    expect(channel.netCharged(request.orderId)).toBe(request.amount);
    expect(await channel.charge(request)).toEqual(receipts[0]);
    expect(channel.ledger()).toHaveLength(1);
  });

  it('never lands a charge refunded while in flight', async () => {
    const channel = new SandboxChannel({ name: 'wechat-sandbox', latencyMs: 30 });
    const request = order();

    const charging = channel.charge(request);
    await channel.refund(request.paymentId);

    await expect(charging).rejects.toThrow(/refunded/);
    await sleep(50);
    expect(channel.netCharged(request.orderId)).toBe(0);
    // A retry must not revive the reversed charge.
    await expect(channel.charge(request)).rejects.toThrow(/refunded/);
    expect(channel.netCharged(request.orderId)).toBe(0);
  });

  it('refunds a landed charge once, and ignores unknown payments', async () => {
    const channel = new SandboxChannel({ name: 'alipay-sandbox', latencyMs: 5 });
    const request = order();
    await channel.charge(request);

    await channel.refund(request.paymentId);
    await channel.refund(request.paymentId);
    await channel.refund('pay-never-seen');

    expect(channel.ledger()).toEqual([expect.objectContaining({ paymentId: request.paymentId, state: 'refunded' })]);
  });

  it('declines with the channel name at the configured rate', async () => {
    const channel = new SandboxChannel({ name: 'alipay-sandbox', latencyMs: 5, failureRate: 0.5, random: () => 0.4 });
    await expect(channel.charge(order())).rejects.toThrow('declined by alipay-sandbox');
    channel.configure({ failureRate: 0.3 });
    await expect(channel.charge(order())).resolves.toMatchObject({ channel: 'alipay-sandbox' });
  });
});

describe('createSandboxRouter', () => {
  it('builds alipay with wechat as the failover', async () => {
    const { router, channels } = createSandboxRouter({ latencyMs: 5, timeoutMs: 100 });
    routers.push(router);

    expect(channels.map((c) => c.name)).toEqual(['alipay-sandbox', 'wechat-sandbox']);
    channels[0].configure({ failureRate: 1 });
    expect((await router.pay(order())).channel).toBe('wechat-sandbox');
  });
});
