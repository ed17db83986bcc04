/** The checkout API's shapes, inferred from the server's zod schemas (type-only: nothing of the server is bundled). */
import type { z } from 'zod';
import type { checkoutOrderView, productView, quoteView } from '../../../../src/http/routes/checkoutSchemas';

export type Product = z.infer<typeof productView>;
export type Quote = z.infer<typeof quoteView>;
export type QuoteLine = Quote['lines'][number];
export type SkipReason = Quote['skipped'][number]['reason'];
export type CheckoutOrder = z.infer<typeof checkoutOrderView>;
