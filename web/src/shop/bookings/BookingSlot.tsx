import { lazy, Suspense } from 'react';

// Booking is not on the path to a purchase: its panel loads only for an upcoming session.
const BookingReminder = lazy(() => import('./BookingReminder'));

/** The "预约提醒" panel of an upcoming session on the campaign page. */
export function BookingSlot({ sessionId }: { sessionId: string }) {
  return (
    <Suspense fallback={null}>
      <BookingReminder sessionId={sessionId} />
    </Suspense>
  );
}
