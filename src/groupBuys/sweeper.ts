import { Repeating } from '../repeating.js';
import type { GroupBuys } from './groupBuys.js';
import type { GroupBuyRewards } from './rewards.js';

export interface GroupBuySweeperOptions {
  intervalMs?: number;
  /** A place still paying this long after it was taken, with no live payment, was interrupted: it is freed. */
  stuckAfterMs?: number;
  onError?: (error: unknown) => void;
}

export interface SweepOutcome {
  failed: number;
  refunded: number;
  freed: number;
  rewarded: number;
}

/**
 * Closes group buys over time: fails groups whose deadline passed (refunding their paid members),
 * frees places whose charge was interrupted, confirms places of succeeded groups left paid by a stop,
 * and hands out leaderboard rewards when a deal ends. Every step is decided by a conditional update,
 * so several nodes may sweep at once.
 */
export class GroupBuySweeper extends Repeating {
  constructor(
    private readonly groupBuys: GroupBuys,
    private readonly rewards: GroupBuyRewards,
    private readonly options: GroupBuySweeperOptions = {},
  ) {
    super(() => this.sweep(), options.intervalMs ?? 1000, options.onError);
  }

  async sweep(): Promise<SweepOutcome> {
    const outcome: SweepOutcome = { failed: 0, refunded: 0, freed: 0, rewarded: 0 };
    for (;;) {
      const due = await this.groupBuys.due();
      for (const groupId of due) {
        const { failed, refunded } = await this.groupBuys.failIfExpired(groupId);
        if (failed) outcome.failed += 1;
        outcome.refunded += refunded;
      }
      if (due.length < 100) break;
    }
    for (const place of await this.groupBuys.stuck(this.options.stuckAfterMs ?? 150_000)) {
      if (await this.groupBuys.release(place.id, place.groupId, null, 'interrupted')) outcome.freed += 1;
    }
    await this.groupBuys.confirm();
    outcome.rewarded = await this.rewards.grantDue();
    return outcome;
  }
}
