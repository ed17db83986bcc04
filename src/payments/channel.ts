export interface ChargeRequest {
  paymentId: string;
  orderId: string;
  /** Integer cents (fen). */
  amount: number;
}

export interface ChargeReceipt {
  channel: string;
  reference: string;
}

export interface PaymentChannel {
  readonly name: string;
  /** Charges once per paymentId: a repeat with the same paymentId returns the first receipt and never charges again. Throws on failure. */
  charge(request: ChargeRequest): Promise<ChargeReceipt>;
  /** Reverses the charge of paymentId, including one still in flight (it then never lands). Idempotent; no-op if nothing was charged. */
  refund(paymentId: string): Promise<void>;
  /**
   * Returns `amount` cents of the settled charge of paymentId, once per refundId: a repeat with the same
   * refundId returns nothing more. Throws when nothing was charged, or when the parts would return more
   * than was charged. A later refund() of the payment returns only what the parts left.
   */
  refundPart(paymentId: string, refundId: string, amount: number): Promise<void>;
}

export function assertCents(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new RangeError(`amount must be a positive integer number of cents, got ${amount}`);
  }
}
