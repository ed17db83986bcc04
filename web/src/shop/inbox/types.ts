/** The inbox API's shapes, inferred from the server's zod schemas like every other API type. Type-only. */
import type { z } from 'zod';
import type { inboxMessageView, inboxView } from '../../../../src/http/routes/bookingSchemas';

export type InboxMessage = z.infer<typeof inboxMessageView>;
export type InboxAnswer = z.infer<typeof inboxView>;
