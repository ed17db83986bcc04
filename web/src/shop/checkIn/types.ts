/**
 * The check-in and points API's shapes (GET /api/me/points, GET and POST /api/me/check-ins), inferred
 * from the server's zod schemas like every other API type. Type-only.
 */
import type { z } from 'zod';
import type { balancesView, checkInMonthView, checkInView, currency, ledgerEntryView } from '../../../../src/http/schemas';

export type Currency = z.infer<typeof currency>;
export type Balances = z.infer<typeof balancesView>;
export type LedgerEntry = z.infer<typeof ledgerEntryView>;
export interface PointsAnswer {
  balances: Balances;
  entries: LedgerEntry[];
}
export type CheckInMonth = z.infer<typeof checkInMonthView>;
export type CheckInResult = z.infer<typeof checkInView>;
