/** Group-buy shapes, inferred from the server's zod schemas (type-only: nothing of the server is bundled). */
import type { z } from 'zod';
import type {
  groupBuyDealInput,
  groupBuyDealView,
  groupBuyPageView,
  groupPageView,
  groupView,
  leaderboardEntryView,
  membershipView,
  operatorGroupView,
} from '../../../../src/http/routes/groupBuysSchemas';

export type GroupBuyDeal = z.infer<typeof groupBuyDealView>;
export type GroupBuyDealInput = z.input<typeof groupBuyDealInput>;
export type Group = z.infer<typeof groupView>;
export type OperatorGroup = z.infer<typeof operatorGroupView>;
export type LeaderboardEntry = z.infer<typeof leaderboardEntryView>;
export type GroupBuyPage = z.infer<typeof groupBuyPageView>;
export type GroupPage = z.infer<typeof groupPageView>;
export type Membership = z.infer<typeof membershipView>;
export type GroupStatus = Group['status'];
