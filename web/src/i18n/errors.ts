import { ApiError } from '../api/client';
import { type Locale, type Messages, translate } from './locale';

/** A readable sentence for every error code the API answers with, in both languages. */
const errorMessages = {
  'zh-CN': {
    SOLD_OUT: '手慢了，已经抢光了',
    LIMIT_REACHED: '您已达到本商品的限购数量',
    NOT_STARTED: '秒杀还没开始，请稍候',
    ENDED: '本场秒杀已结束',
    ITEM_PAUSED: '该商品暂停销售',
    NOT_ELIGIBLE: '您暂不符合本商品的购买条件',
    RATE_LIMITED: '排队的人太多了，请 {seconds} 秒后再试',
    UNAVAILABLE: '系统繁忙，请稍后再试',
    IDEMPOTENCY_KEY_REUSED: '这次请求与之前的不一致，请重新下单',
    UNAUTHORIZED: '请先登录',
    FORBIDDEN: '没有权限执行此操作',
    NOT_FOUND: '没有找到',
    INVALID_REQUEST: '输入有误：{detail}',
    ORDER_CANCELLED: '订单已取消',
    ORDER_NOT_CANCELLABLE: '订单已支付或已关闭，不能取消',
    ORDER_STATE_CONFLICT: '订单状态已变化，请刷新',
    PAYMENT_EXPIRED: '已超过支付时限，订单已关闭',
    PAYMENT_IN_PROGRESS: '支付处理中，请稍候',
    PAYMENT_FAILED: '支付失败，没有扣款，请重试',
    DUPLICATE_PHONE: '该手机号已注册',
    SESSION_LOCKED: '场次已开始或已结束，不能再修改',
    SIGN_IN_FAILED: '验证码错误或已过期',
    COUPON_NOT_CLAIMABLE: '该优惠券现在不能领取',
    COUPON_LIMIT_REACHED: '您已领满该优惠券',
    COUPONS_GONE: '优惠券已被领完',
    COUPON_NOT_USABLE: '该优惠券已使用、已过期或不属于您',
    POINTS_INSUFFICIENT: '余额不足',
    ALREADY_CHECKED_IN: '今天已经签到过了，明天再来吧',
    NETWORK: '网络连接失败，请检查网络后重试',
    INTERNAL: '服务器出错了，请稍后再试',
    UNKNOWN: '出错了（{code}）',
  },
  en: {
    SOLD_OUT: 'Too late — it is sold out',
    LIMIT_REACHED: 'You have reached the limit for this item',
    NOT_STARTED: 'The sale has not started yet',
    ENDED: 'This sale has ended',
    ITEM_PAUSED: 'This item is paused',
    NOT_ELIGIBLE: 'You are not eligible for this item',
    RATE_LIMITED: 'Too many people are trying — retry in {seconds} s',
    UNAVAILABLE: 'We are busy — please try again shortly',
    IDEMPOTENCY_KEY_REUSED: 'This request does not match the earlier one; please order again',
    UNAUTHORIZED: 'Please sign in first',
    FORBIDDEN: 'You are not allowed to do this',
    NOT_FOUND: 'Not found',
    INVALID_REQUEST: 'Invalid input: {detail}',
    ORDER_CANCELLED: 'The order was cancelled',
    ORDER_NOT_CANCELLABLE: 'The order is paid or closed and cannot be cancelled',
    ORDER_STATE_CONFLICT: 'The order changed; please refresh',
    PAYMENT_EXPIRED: 'The payment deadline has passed; the order is closed',
    PAYMENT_IN_PROGRESS: 'The payment is being processed',
    PAYMENT_FAILED: 'Payment failed and nothing was charged; please retry',
    DUPLICATE_PHONE: 'This phone number is already registered',
    SESSION_LOCKED: 'The session has started or ended and can no longer be changed',
    SIGN_IN_FAILED: 'Wrong or expired code',
    COUPON_NOT_CLAIMABLE: 'This coupon cannot be claimed now',
    COUPON_LIMIT_REACHED: 'You already hold as many of this coupon as allowed',
    COUPONS_GONE: 'All of these coupons have been claimed',
    COUPON_NOT_USABLE: 'This coupon is used, expired or not yours',
    POINTS_INSUFFICIENT: 'Not enough balance for this',
    ALREADY_CHECKED_IN: 'You have already checked in today. Come back tomorrow.',
    NETWORK: 'No connection — check the network and retry',
    INTERNAL: 'Something went wrong on our side; please retry later',
    UNKNOWN: 'Something went wrong ({code})',
  },
} satisfies Messages<string>;

type Code = keyof (typeof errorMessages)['en'];

export function errorMessage(error: unknown, locale: Locale): string {
  const t = translate<Code>(errorMessages as Messages<Code>, locale);
  if (!(error instanceof ApiError)) return t('UNKNOWN', { code: error instanceof Error ? error.message : String(error) });
  const code = error.code in errorMessages.en ? (error.code as Code) : 'UNKNOWN';
  return t(code, { code: error.code, detail: error.message, seconds: error.retryAfter ?? 1 });
}
