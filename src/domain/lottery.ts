/** Lottery rules (P5 抽奖): pure, no I/O. */

export const prizeKinds = ['coupon', 'points', 'goods', 'none'] as const;
/** coupon: one coupon of a template; points: points credited; goods: recorded and shipped by hand; none: 谢谢参与. */
export type PrizeKind = (typeof prizeKinds)[number];

/** What the weighted pick needs of a prize. */
export interface Candidate {
  id: string;
  weight: number;
}

/** The weight of everything still in the pool: the roll is a whole number below it. */
export function totalWeight(candidates: readonly Candidate[]): number {
  return candidates.reduce((sum, c) => sum + c.weight, 0);
}

/**
 * The prize a roll lands on: prizes lie end to end, each as wide as its weight, and the roll
 * (0 ≤ roll < total weight) falls in exactly one. A weight of 0 is never picked.
 */
export function pickByWeight<C extends Candidate>(candidates: readonly C[], roll: number): C | null {
  let edge = 0;
  for (const candidate of candidates) {
    edge += candidate.weight;
    if (roll < edge) return candidate;
  }
  return null;
}

/** A shopper's draws so far: in all, and on the shop day `day`. */
export interface DrawCount {
  total: number;
  day: string;
  today: number;
}

export interface DrawLimit {
  total: number | null;
  daily: number | null;
}

/** Draws left in all and today (null: no such limit); today's count restarts on a new Shanghai day. */
export function drawsLeft(limit: DrawLimit, count: DrawCount | null, today: string): { total: number | null; today: number | null } {
  const total = count?.total ?? 0;
  const todays = count && count.day === today ? count.today : 0;
  const leftTotal = limit.total === null ? null : Math.max(0, limit.total - total);
  const leftToday = limit.daily === null ? null : Math.max(0, limit.daily - todays);
  // The daily allowance cannot give more than what is left in all.
  return { total: leftTotal, today: leftToday === null ? leftTotal : leftTotal === null ? leftToday : Math.min(leftToday, leftTotal) };
}

/** A prize as the operator sets it up. */
export interface PrizeInput {
  name: string;
  kind: PrizeKind;
  /** kind coupon: the template (handout 'grant'). */
  templateId?: string;
  /** kind points: points credited. */
  points?: number;
  /** How many there are; the 谢谢参与 (none) has no quantity. */
  quantity?: number;
  weight: number;
}

/** Why a prize list cannot run, or null: each prize carries what its kind needs and the pool can be drawn from. */
export function prizeProblem(prizes: readonly PrizeInput[]): string | null {
  if (prizes.length === 0) return 'a lottery needs at least one prize';
  for (const [i, p] of prizes.entries()) {
    const at = `prize ${i + 1} (${p.name})`;
    if (p.kind === 'coupon' && !p.templateId) return `${at}: a coupon prize needs its coupon template`;
    if (p.kind === 'points' && !(p.points && p.points > 0)) return `${at}: a points prize needs its points`;
    if (p.kind !== 'coupon' && p.templateId) return `${at}: only a coupon prize has a template`;
    if (p.kind !== 'points' && p.points !== undefined) return `${at}: only a points prize has points`;
    if (p.kind === 'none' && p.quantity !== undefined) return `${at}: 谢谢参与 has no quantity`;
    if (p.kind !== 'none' && p.quantity === undefined) return `${at}: a prize needs its quantity`;
  }
  if (prizes.every((p) => p.weight === 0)) return 'at least one prize needs a weight above 0';
  return null;
}
