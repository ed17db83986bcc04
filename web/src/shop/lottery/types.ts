/** The lottery API's shapes, inferred from the server's zod schemas. Type-only. */
import type { z } from 'zod';
import type { auditView, drawsLeftView, drawView, lotteryInput, lotteryView, prizeView } from '../../../../src/http/routes/lotterySchemas';

export type Lottery = z.infer<typeof lotteryView>;
export type Prize = z.infer<typeof prizeView>;
export type Draw = z.infer<typeof drawView>;
export type DrawsLeft = z.infer<typeof drawsLeftView>;
export type LotteryInput = z.infer<typeof lotteryInput>;
export type LotteryAudit = z.infer<typeof auditView>;
export interface DrawAnswer {
  draw: Draw;
  left: DrawsLeft;
}
export interface MyDraws {
  draws: Draw[];
  left: DrawsLeft | null;
}
