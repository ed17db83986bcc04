/** The booking API's shapes, inferred from the server's zod schemas like every other API type. Type-only. */
import type { z } from 'zod';
import type { bookingGiftView, bookingView } from '../../../../src/http/routes/bookingSchemas';

export type Booking = z.infer<typeof bookingView>;
export type BookingGiftInfo = z.infer<typeof bookingGiftView>;
