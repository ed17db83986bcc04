export const orderStatuses = ['reserved', 'paid', 'shipped', 'completed', 'cancelled', 'refunded'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** reserved → paid → shipped → completed; reserved → cancelled; paid → refunded. */
const next: Record<OrderStatus, readonly OrderStatus[]> = {
  reserved: ['paid', 'cancelled'],
  paid: ['shipped', 'refunded'],
  shipped: ['completed'],
  completed: [],
  cancelled: [],
  refunded: [],
};

export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return next[from].includes(to);
}

/** Statuses whose units are held by the order. Only a cancellation puts units back on sale. */
export const unitHoldingStatuses: readonly OrderStatus[] = ['reserved', 'paid', 'shipped', 'completed', 'refunded'];

export interface Order {
  id: string;
  userId: string;
  sessionId: string;
  itemId: string;
  quantity: number;
  unitPrice: number; // cents
  status: OrderStatus;
  payBefore: number;
  createdAt: number;
  paidAt: number | null;
  cancelledAt: number | null;
  cancelReason: string | null;
}
