/**
 * Time-ordered order ids made on the node, without a database round trip:
 * milliseconds · node number (2 digits) · sequence within the millisecond (4 digits).
 * 19 decimal digits fit a PostgreSQL bigint; they sort by creation time.
 */
export class OrderIdGenerator {
  private lastMs = 0;
  private sequence = 0;

  constructor(
    private node: number,
    private readonly clock: () => number = Date.now,
  ) {
    if (!Number.isInteger(node) || node < 0 || node > 99) throw new Error('node number must be 0..99');
  }

  /** Another node number from now on (the node's lease on its number was lost). */
  moveTo(node: number): void {
    if (!Number.isInteger(node) || node < 0 || node > 99) throw new Error('node number must be 0..99');
    this.node = node;
  }

  /** Never issue an id at or below one already stored (after a restart, or a clock step back). */
  resumeAfter(lastId: string | null): void {
    if (!lastId) return;
    const ms = Number(lastId.slice(0, -6));
    if (ms >= this.lastMs) {
      this.lastMs = ms;
      this.sequence = 9999; // the next id moves on to the following millisecond
    }
  }

  next(): string {
    const now = this.clock();
    if (now > this.lastMs) {
      this.lastMs = now;
      this.sequence = 0;
    } else if (++this.sequence > 9999) {
      this.lastMs += 1; // borrow from the next millisecond rather than repeat
      this.sequence = 0;
    }
    return `${this.lastMs}${String(this.node).padStart(2, '0')}${String(this.sequence).padStart(4, '0')}`;
  }
}
