/**
 * The shapes the API answers with, inferred from the server's own zod schemas (src/http/schemas.ts),
 * so the pages and the contract cannot drift apart. Type-only: nothing of the server is bundled.
 */
import type { z } from 'zod';
import type {
  campaignView,
  codeIssued,
  couponTemplateInput,
  couponTemplateView,
  demoShopper,
  eligibility,
  liveSnapshot,
  operatorOrder,
  orderView,
  reservation,
  sessionView,
  shopperProfile,
  signedIn,
  unitCounts,
  walletCouponView,
} from '../../../src/http/schemas';

export type Session = z.infer<typeof sessionView>;
export type SessionState = Session['state'];
export type Item = Session['items'][number];
export type Eligibility = z.infer<typeof eligibility>;
export type MemberTier = NonNullable<Eligibility['tiers']>[number];
export type Campaign = z.infer<typeof campaignView>;
export type CampaignType = Campaign['type'];
export type Order = z.infer<typeof orderView>;
export type OrderStatus = Order['status'];
export type Reservation = z.infer<typeof reservation>;
export type Me = z.infer<typeof shopperProfile>;
export type SignedIn = z.infer<typeof signedIn>;
export type CodeIssued = z.infer<typeof codeIssued>;
export type DemoShopper = z.infer<typeof demoShopper>;
export type ItemUnits = z.infer<typeof unitCounts>;
export interface SessionStats {
  sessionId: string;
  items: ItemUnits[];
}
export type OperatorOrder = z.infer<typeof operatorOrder>;
export type LiveSnapshot = z.infer<typeof liveSnapshot>;
export type Alert = LiveSnapshot['alerts'][number];
export type AlertLevel = Alert['level'];
export type CouponTemplate = z.infer<typeof couponTemplateView>;
export type CouponTemplateInput = z.input<typeof couponTemplateInput>;
export type WalletCoupon = z.infer<typeof walletCouponView>;

/** Events of the public session stream, GET /api/sessions/:id/events (written by src/live/sessionEvents.ts). */
export interface StockEvent {
  sessionId: string;
  items: { id: string; stock: number; soldOut: boolean }[];
}
export interface StateEvent {
  sessionId: string;
  state: SessionState;
  serverTime: string;
}
