/** Assist rules (P5 助力): pure, no I/O. */

export interface AssistProgress {
  helpers: number;
  needed: number;
  /** Friends still needed; 0 once unlocked. */
  missing: number;
  unlocked: boolean;
}

/** How far an assist is: it unlocks at N helpers and never counts beyond. */
export function assistProgress(helpers: number, needed: number): AssistProgress {
  const counted = Math.min(helpers, needed);
  return { helpers: counted, needed, missing: needed - counted, unlocked: counted >= needed };
}
