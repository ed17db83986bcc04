import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Everything /metrics shows. One registry per platform, so tests can run several side by side. */
export class Metrics {
  readonly registry = new Registry();

  readonly requests = new Counter({
    name: 'miaosha_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly latency = new Histogram({
    name: 'miaosha_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly reservations = new Counter({
    name: 'miaosha_reservation_attempts_total',
    help: 'Buy attempts by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly payments = new Counter({
    name: 'miaosha_payments_total',
    help: 'Payments by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly deadlineCancellations = new Counter({
    name: 'miaosha_deadline_cancellations_total',
    help: 'Orders cancelled because their payment deadline passed',
    registers: [this.registry],
  });

  readonly commitBatch = new Histogram({
    name: 'miaosha_group_commit_batch_size',
    help: 'Reservations written per group commit',
    buckets: [1, 10, 50, 100, 250, 500, 1000, 2500, 5000],
    registers: [this.registry],
  });

  readonly commitSeconds = new Histogram({
    name: 'miaosha_group_commit_duration_seconds',
    help: 'Time to make one group commit durable',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
    registers: [this.registry],
  });

  readonly deadLetters = new Counter({
    name: 'miaosha_dead_letters_total',
    help: 'Reservation records the order pipeline set aside because they could not become orders (alert on any)',
    registers: [this.registry],
  });

  readonly stock: Gauge<'item'>;
  /** Label sets resolved once per method, route and status: prom-client hashes labels on every call. */
  private readonly perRoute = new Map<string, { count: { inc(): void }; time: { observe(v: number): void } }>();

  constructor(stockOf: () => Iterable<[itemId: string, remaining: number]>) {
    collectDefaultMetrics({ register: this.registry, prefix: 'miaosha_' });
    this.stock = new Gauge({
      name: 'miaosha_item_stock',
      help: 'Units still on sale per item',
      labelNames: ['item'] as const,
      registers: [this.registry],
      collect() {
        for (const [item, remaining] of stockOf()) this.set({ item }, remaining);
      },
    });
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${status} ${route}`;
    let children = this.perRoute.get(key);
    if (!children) {
      children = {
        count: this.requests.labels(method, route, String(status)),
        time: this.latency.labels(method, route),
      };
      this.perRoute.set(key, children);
    }
    children.count.inc();
    children.time.observe(seconds);
  }
}
