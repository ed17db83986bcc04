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
  BOOKING_CLOSED: 409,
  ALREADY_BOOKED: 409,
  BOOKING_NOT_FOUND: 404,
  OUT_OF_STOCK: 409,
  CART_EMPTY: 409,
  CART_FULL: 409,
  QUOTE_CHANGED: 409,
  DRAW_LIMIT_REACHED: 409,
  LOTTERY_NOT_OPEN: 409,
  PRIZE_EXCEEDS_COUPONS: 409,
  SELF_ASSIST: 409,
  ALREADY_ASSISTED: 409,
  ASSIST_COMPLETE: 409,
  ASSIST_NOT_OPEN: 409,
  HELP_LIMIT_REACHED: 409,
  EXCHANGE_LIMIT_REACHED: 409,
  GOODS_GONE: 409,
  OFFER_CLOSED: 409,
  PROMOTION_INVALID: 400,
  PROMOTION_STARTED: 409,
  PRICE_PROTECTION_CLAIMED: 409,
  PRICE_PROTECTION_EXPIRED: 409,
  PRICE_NOT_LOWER: 409,
  PRICE_PROTECTION_NOT_ELIGIBLE: 409,
  CART_ABANDON_NOT_GRANT: 400,
  GROUP_FULL: 409,
  GROUP_CLOSED: 409,
  ALREADY_IN_GROUP: 409,
  GROUP_BUY_NOT_ACTIVE: 409,
  GROUP_BUY_SOLD_OUT: 409,
  GROUP_BUY_LIMIT_REACHED: 409,
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
