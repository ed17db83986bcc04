/** The shapes the API answers with (see /openapi.json). Money is integer cents; times are ISO-8601 UTC. */

export type SessionState = 'upcoming' | 'live' | 'ended';
export type MemberTier = 'regular' | 'silver' | 'gold' | 'vip';
export type CampaignType = 'big-promotion' | 'member-day' | 'new-product' | 'clearance';
export type OrderStatus = 'reserved' | 'paid' | 'shipped' | 'completed' | 'cancelled' | 'refunded';

export interface Eligibility {
  tiers?: MemberTier[];
  invitedUserIds?: string[];
  realNameRequired?: boolean;
  regionsAllowed?: string[];
  regionsDenied?: string[];
  priorityWindow?: { minTier: MemberTier; minutes: number };
}

export interface Item {
  id: string;
  sessionId: string;
  title: string;
  originalPrice: number;
  flashPrice: number;
  initialStock: number;
  stock: number;
  soldOut: boolean;
  perUserLimit: number;
  sku: string | null;
  paused: boolean;
  eligibility: Eligibility;
}

export interface Session {
  id: string;
  campaignId: string;
  startsAt: string;
  endsAt: string;
  paymentWindowSeconds: number;
  state: SessionState;
  serverTime: string;
  items: Item[];
}

export interface Campaign {
  id: string;
  name: string;
  type: CampaignType;
  startsAt: string;
  endsAt: string;
  sessions: { id: string; startsAt: string; endsAt: string; state: SessionState }[];
}

export interface Order {
  id: string;
  sessionId: string;
  itemId: string;
  quantity: number;
  unitPrice: number;
  amount: number;
  status: OrderStatus;
  payBefore: string;
  createdAt: string;
  paidAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  payment: { id: string; status: string; channel: string | null; amount: number } | null;
}

export interface Reservation {
  orderId: string;
  status: 'reserved';
  payBefore: string;
}

export interface Me {
  id: string;
  phone: string;
  tier: MemberTier;
  region: string | null;
  realNameVerified: boolean;
}

export interface SignedIn {
  token: string;
  shopper: Me;
}

export interface CodeIssued {
  phone: string;
  expiresAt: string;
  code?: string;
}

export interface DemoShopper {
  phone: string;
  tier: MemberTier;
  realNameVerified: boolean;
  region: string | null;
}

/** Live stream events of GET /api/sessions/:id/events. */
export interface StockEvent {
  sessionId: string;
  items: { id: string; stock: number; soldOut: boolean }[];
}
export interface StateEvent {
  sessionId: string;
  state: SessionState;
  serverTime: string;
}

export interface ItemUnits {
  id: string;
  title: string;
  initialStock: number;
  stock: number;
  reserved: number;
  paid: number;
  shipped: number;
  completed: number;
  cancelled: number;
  refunded: number;
}

export interface SessionStats {
  sessionId: string;
  items: ItemUnits[];
}

export interface OperatorOrder {
  id: string;
  userId: string;
  itemId: string;
  quantity: number;
  amount: number;
  status: OrderStatus;
  createdAt: string;
  paidAt: string | null;
}

export type AlertLevel = 'info' | 'warning' | 'critical';
export interface Alert {
  id: string;
  level: AlertLevel;
  code: 'LOW_STOCK' | 'SOLD_OUT' | 'PAYMENT_SUCCESS_LOW' | 'RATE_LIMITED_SURGE' | string;
  itemId: string | null;
  message: string;
  at: string;
}

/** One second of a session as the operator's dashboard sees it (GET /api/admin/sessions/:id/live). */
export interface LiveSnapshot {
  sessionId: string;
  serverTime: string;
  state: SessionState;
  views: number;
  attempts: Record<string, number>;
  orders: Record<OrderStatus, number>;
  paidOrders: number;
  gmv: number;
  payments: { succeeded: number; failed: number };
  paymentSuccessRate: number | null;
  funnel: { views: number; attempts: number; reserved: number; paid: number };
  items: { id: string; title: string; initialStock: number; stock: number; reserved: number; paid: number; soldOut: boolean; paused: boolean }[];
  alerts: Alert[];
}
