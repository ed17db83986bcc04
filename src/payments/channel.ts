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
}

export function assertCents(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new RangeError(`amount must be a positive integer number of cents, got ${amount}`);
  }
}
