/**
 * Runs a pass on a timer, one pass at a time: a tick that finds the previous pass still running is skipped,
 * and stop() waits for the pass in hand, so a shutdown never cuts one short. A failed pass goes to onError;
 * the next tick tries again.
 */
export class Repeating {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly pass: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    // A background pass must not keep the process alive on its own.
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.pass().then(
      () => {},
      (error) => this.onError(error),
    );
    await this.running;
    this.running = null;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
