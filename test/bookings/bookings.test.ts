import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bookings } from '../../src/bookings/bookings.js';
import { ManualClock } from '../../src/clock.js';
import type { Database } from '../../src/db/database.js';
import { MiaoshaError } from '../../src/errors.js';
import { Coupons } from '../../src/promotions/coupons.js';
import { refusal } from '../support/outcomes.js';
import { openTestDatabase } from '../support/platform.js';
import { plantSession as plantAt } from './plant.js';

const minute = 60_000;
const start = Date.UTC(2026, 10, 11, 0, 0, 0);

/** Bookings are kept by the database alone, so both databases are tested the same way. */
const plantSession = (db: Database, startsIn: number) => plantAt(db, start + startsIn);

describe.each(['pglite', 'postgres'] as const)('bookings with gifts on %s', (kind) => {
  let db: Database;
  let close: () => Promise<void>;
  const clock = new ManualClock(start);
  let coupons: Coupons;
  let bookings: Bookings;

  beforeAll(async () => {
    ({ db, close } = await openTestDatabase(kind));
    coupons = new Coupons(db, clock);
    bookings = new Bookings(db, coupons, clock);
  });
  afterAll(() => close());

  const giftCoupon = (totalQuantity = 100) =>
    coupons.issue({ name: '预约礼券 5元', kind: 'amount', amountOff: 500, totalQuantity, validFrom: start - minute, validTo: start + 24 * 60 * minute, handout: 'grant' });

  it('gives the gift to exactly the first K of 100 shoppers booking at once, one booking each', async () => {
    const { sessionId } = await plantSession(db, 60 * minute);
    const template = await giftCoupon();
    await bookings.setGift(sessionId, { couponTemplateId: template.id, firstK: 10 });
    // 100 shoppers, each pressing twice at once.
    const shoppers = Array.from({ length: 100 }, (_, i) => String(10_000 + i));
    const outcomes = await Promise.all(
      [...shoppers, ...shoppers].map((userId) => bookings.book(userId, sessionId).then((b) => b, (e: MiaoshaError) => e.code)),
    );
    const booked = outcomes.filter((o) => typeof o !== 'string');
    expect(booked).toHaveLength(100);
    expect(outcomes.filter((o) => typeof o === 'string').every((o) => o === 'ALREADY_BOOKED')).toBe(true);
    expect(new Set(booked.map((b) => b.bookedAt)).size).toBe(1);
    const winners = booked.filter((b) => b.gift !== null);
    expect(winners).toHaveLength(10);
    expect(winners.map((b) => b.gift!.slot).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(winners.every((b) => b.gift!.state === 'granted' && b.gift!.couponId !== null)).toBe(true);
    // Exactly ten coupons in wallets, one each, and the pool counted ten.
    const [held] = await db.query<{ n: number; holders: number }>(
      'select count(*)::int as n, count(distinct user_id)::int as holders from coupons where template_id = $1',
      [template.id],
    );
    expect(held).toEqual({ n: 10, holders: 10 });
    expect((await coupons.template(template.id)).claimed).toBe(10);
    expect(await bookings.gift(sessionId)).toMatchObject({ firstK: 10, left: 0, couponName: '预约礼券 5元' });
    expect(await bookings.count(sessionId)).toBe(100);
  });

  it('refuses bookings, cancels and gift changes once the session has started', async () => {
    const { sessionId } = await plantSession(db, 5 * minute);
    const template = await giftCoupon();
    await bookings.book('20001', sessionId);
    clock.advance(5 * minute);
    try {
      expect(await refusal(bookings.book('20002', sessionId))).toBe('BOOKING_CLOSED');
      expect(await refusal(bookings.cancel('20001', sessionId))).toBe('BOOKING_CLOSED');
      expect(await refusal(bookings.setGift(sessionId, { couponTemplateId: template.id, firstK: 3 }))).toBe('BOOKING_CLOSED');
      expect(await bookings.count(sessionId)).toBe(1);
    } finally {
      clock.set(start);
    }
    expect(await refusal(bookings.book('20002', '987654'))).toBe('NOT_FOUND');
  });

  it('keeps a granted gift after a cancel, and a booking again wins no second gift', async () => {
    const { sessionId } = await plantSession(db, 60 * minute);
    const template = await giftCoupon();
    await bookings.setGift(sessionId, { couponTemplateId: template.id, firstK: 2 });
    const first = await bookings.book('30001', sessionId);
    expect(first.gift).toMatchObject({ slot: 1, state: 'granted' });
    await bookings.cancel('30001', sessionId);
    expect(await refusal(bookings.cancel('30001', sessionId))).toBe('BOOKING_NOT_FOUND');
    expect(await bookings.mine('30001')).toEqual([]);
    expect((await coupons.wallet('30001')).filter((c) => c.template.id === template.id)).toHaveLength(1);
    const again = await bookings.book('30001', sessionId);
    expect(again.gift).toMatchObject({ slot: 1, couponId: first.gift!.couponId });
    expect((await coupons.wallet('30001')).filter((c) => c.template.id === template.id)).toHaveLength(1);
    expect((await bookings.book('30002', sessionId)).gift).toMatchObject({ slot: 2 });
    expect((await bookings.book('30003', sessionId)).gift).toBeNull();
    expect(await bookings.gift(sessionId)).toMatchObject({ firstK: 2, left: 0 });
  });

  it('says so on the booking when the coupon pool ran out before the K slots', async () => {
    const { sessionId } = await plantSession(db, 60 * minute);
    const template = await giftCoupon(1);
    await bookings.setGift(sessionId, { couponTemplateId: template.id, firstK: 3 });
    expect((await bookings.book('40001', sessionId)).gift).toMatchObject({ slot: 1, state: 'granted' });
    expect((await bookings.book('40002', sessionId)).gift).toMatchObject({ slot: 2, state: 'pool_empty', couponId: null });
  });

  it('takes only coupons the platform hands out as gifts', async () => {
    const { sessionId } = await plantSession(db, 60 * minute);
    const claimable = await coupons.issue({ name: '满100减10', kind: 'amount', amountOff: 1000, threshold: 10_000, totalQuantity: 5, validFrom: start, validTo: start + 60 * minute });
    expect(await refusal(bookings.setGift(sessionId, { couponTemplateId: claimable.id, firstK: 3 }))).toBe('INVALID_REQUEST');
    expect(await refusal(bookings.setGift(sessionId, { couponTemplateId: '987654', firstK: 3 }))).toBe('NOT_FOUND');
    expect(await bookings.gift(sessionId)).toBeNull();
  });
});
