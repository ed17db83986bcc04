/**
 * The error catalogue: every code the platform answers with, mapped once to its HTTP status.
 * Clients match on `code`; messages are for people.
 */
export const errorCatalogue = {
  INVALID_REQUEST: 400,
  UNAUTHORIZED: 401,
  SIGN_IN_FAILED: 401,
  FORBIDDEN: 403,
  NOT_ELIGIBLE: 403,
  NOT_FOUND: 404,
  SOLD_OUT: 409,
  LIMIT_REACHED: 409,
  NOT_STARTED: 409,
  ENDED: 409,
  ITEM_PAUSED: 409,
  ORDER_CANCELLED: 409,
  ORDER_NOT_CANCELLABLE: 409,
  ORDER_STATE_CONFLICT: 409,
  PAYMENT_EXPIRED: 409,
  PAYMENT_IN_PROGRESS: 409,
  DUPLICATE_PHONE: 409,
  COUPON_NOT_CLAIMABLE: 409,
  COUPON_LIMIT_REACHED: 409,
  COUPONS_GONE: 409,
  COUPON_NOT_USABLE: 409,
  SESSION_LOCKED: 409,
  POINTS_INSUFFICIENT: 409,
  ALREADY_CHECKED_IN: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  PAYMENT_FAILED: 502,
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

export class MiaoshaError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.status = errorCatalogue[code];
  }
}

/** An expected "no" on the hot path: returned, not thrown, because building an Error costs a stack trace. */
export interface Refusal {
  code: ErrorCode;
  message: string;
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && 'code' in value && !('orderId' in value);
}
