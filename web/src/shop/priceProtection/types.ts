/** The price-protection API's shapes, inferred from the server's zod schemas (type-only: nothing of the server is bundled). */
import type { z } from 'zod';
import type { priceProtectionClaimView, protectedLineView } from '../../../../src/http/routes/priceProtectionSchemas';

export type PriceProtectionClaim = z.infer<typeof priceProtectionClaimView>;
export type ProtectedLine = z.infer<typeof protectedLineView>;
export interface ProtectedOrder {
  lines: ProtectedLine[];
  windowDays: number;
}
