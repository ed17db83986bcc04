/**
 * Waits for `work`, but no longer than `ms`: true if it succeeded in time. For the waits that must not
 * hang on a store that stopped answering — a readiness check, a shutdown, a catch-up pass.
 */
export function succeedsWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([work.then(() => true, () => false), late]).finally(() => clearTimeout(timer));
}
