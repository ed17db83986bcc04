import type { Order } from '../api/types';

export type ShownStatus = Order['status'] | 'closed';

/**
 * An order not paid in time is closed: shown so as soon as its deadline passes (before the server's
 * sweep cancels it) and after, when it was cancelled at or after the deadline.
 */
export function shownStatus(order: Pick<Order, 'status' | 'payBefore' | 'cancelledAt'>, now: number): ShownStatus {
  const deadline = Date.parse(order.payBefore);
  if (order.status === 'reserved' && now >= deadline) return 'closed';
  if (order.status === 'cancelled' && order.cancelledAt && Date.parse(order.cancelledAt) >= deadline) return 'closed';
  return order.status;
}

export const statusColor: Record<ShownStatus, string> = {
  reserved: 'yellow.5',
  paid: 'teal.9',
  shipped: 'blue.8',
  completed: 'teal.9',
  cancelled: 'gray.7',
  refunded: 'gray.7',
  closed: 'gray.7',
};
