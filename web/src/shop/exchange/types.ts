/** The exchange API's shapes, inferred from the server's zod schemas. Type-only. */
import type { z } from 'zod';
import type { exchangeOfferInput, exchangeOfferView, goodsToShipView, redemptionView } from '../../../../src/http/routes/exchangeSchemas';

export type ExchangeOffer = z.infer<typeof exchangeOfferView>;
export type ExchangeOfferInput = z.infer<typeof exchangeOfferInput>;
export type Redemption = z.infer<typeof redemptionView>;
export type GoodsToShip = z.infer<typeof goodsToShipView>;
