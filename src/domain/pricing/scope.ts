import type { CartLine, Offer } from './types.js';

/** Whether a line is in the offer's scope. Coupons skip flash-sale lines unless the line allows them. */
export function reaches(offer: Offer, line: CartLine): boolean {
  if (offer.source === 'coupon' && line.flashSale && !line.couponsAllowed) return false;
  const scope = offer.scope;
  switch (scope.kind) {
    case 'cart':
      return true;
    case 'merchant':
      return line.merchantId === scope.merchantId;
    case 'category':
      return line.categoryId === scope.categoryId;
    case 'items':
      return scope.itemIds.includes(line.itemId);
  }
}

/** Positions of the cart lines the offer reaches, in cart order. */
export function linesInScope(offer: Offer, lines: readonly CartLine[]): number[] {
  const reached: number[] = [];
  for (let i = 0; i < lines.length; i++) if (reaches(offer, lines[i])) reached.push(i);
  return reached;
}
