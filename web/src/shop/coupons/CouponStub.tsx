import type { CouponWords } from './couponWords';

/** The ticket's left side: what it takes off and what it needs. Greyed once it can no longer be had. */
export function CouponStub({ words, dim = false }: { words: CouponWords; dim?: boolean }) {
  return (
    <div className="coupon-stub" data-dim={dim || undefined}>
      <span className="coupon-figure tabular">{words.figure}</span>
      <span style={{ fontSize: 12 }}>{words.minimum}</span>
    </div>
  );
}
