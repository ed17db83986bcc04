import type { Me } from '../api/types';

/**
 * The server's own eligibility rules (src/domain/eligibility.ts, pure functions), bundled into the
 * page so the buy button is right before the shopper taps. The server stays the judge.
 */
export { type Ineligibility, ineligibility, opensAtFor } from '../../../src/domain/eligibility';
export { tierRank } from '../../../src/domain/shopper';

export type ShopperClaims = Pick<Me, 'id' | 'tier' | 'region' | 'realNameVerified'>;
