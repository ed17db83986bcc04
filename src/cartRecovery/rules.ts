import { MiaoshaError } from '../errors.js';

/** The operator's cart-abandon coupon: which grant template, after how long a cart counts as left. */
export interface CartAbandonSetting {
  templateId: string;
  afterMinutes: number;
  /** When it was turned on: carts left before then get nothing (turning it on must not reward every old cart). */
  since: number;
}

export const cartAbandonMinutes = { min: 5, max: 7 * 24 * 60 };

/** A cart left this long is abandoned; bad minutes are refused with a stable code. */
export function checkAfterMinutes(afterMinutes: number): number {
  if (!Number.isInteger(afterMinutes) || afterMinutes < cartAbandonMinutes.min || afterMinutes > cartAbandonMinutes.max) {
    throw new MiaoshaError('INVALID_REQUEST', `a cart counts as left after ${cartAbandonMinutes.min} to ${cartAbandonMinutes.max} minutes`);
  }
  return afterMinutes;
}

/**
 * One abandoned-cart episode: a shopper's cart as it stood when its newest line was added. A line added
 * later is a new episode with a new ref; the same episode always has the same ref, so its coupon is
 * granted once however many passes see it. Its messages are keyed `<ref>:<channel>` in the outbox.
 */
export const cartAbandonRef = (userId: string, newestAddedAt: number): string => `cart-abandon:${userId}:${newestAddedAt}`;

const shanghaiTime = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });

/** The words of the message, in Chinese first (SMS, push and webhook receivers show them as they are). */
export function cartAbandonText(couponName: string, expiresAt: number): { title: string; body: string } {
  return {
    title: '购物车里的宝贝还在等你',
    body: `送你一张「${couponName}」，${shanghaiTime.format(new Date(expiresAt))} 前下单可用，别错过。`,
  };
}
