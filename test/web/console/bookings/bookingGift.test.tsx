import { describe, expect, it } from 'vitest';
import { checkGift } from '../../../../web/src/console/bookings/BookingGiftPanel';

describe('the booking gift form', () => {
  it('needs a coupon and a whole K from 1', () => {
    expect(checkGift({ couponTemplateId: '3', firstK: ' 10 ' })).toEqual({ ok: true, body: { couponTemplateId: '3', firstK: 10 } });
    expect(checkGift({ couponTemplateId: '', firstK: '0' })).toEqual({ ok: false, errors: { couponTemplateId: 'pickCoupon', firstK: 'badK' } });
    expect(checkGift({ couponTemplateId: '3', firstK: '2.5' })).toMatchObject({ ok: false });
  });
});
