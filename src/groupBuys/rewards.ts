import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { rewardedGroups, rewardRef } from '../domain/groupBuy.js';
import type { Coupons } from '../promotions/coupons.js';

/** A sweeper that claimed a deal's rewards and then stopped is taken over after this long. */
const takeOverAfterMs = 5 * 60_000;

/**
 * Leaderboard rewards: when a deal has ended and none of its groups is still open, every member of
 * each of the top K succeeded groups gets one coupon of the deal's template. A sweeper claims the deal
 * (one conditional update, so one sweeper at a time), grants, then marks it granted; each grant has its
 * own ref, so a sweeper taking over an interrupted run grants nothing twice.
 */
export class GroupBuyRewards {
  constructor(
    private readonly db: Database,
    private readonly coupons: Coupons,
    private readonly clock: Clock,
  ) {}

  /** Rewards every deal that is due; returns how many coupons this pass granted (or found granted). */
  async grantDue(): Promise<number> {
    let granted = 0;
    for (;;) {
      const now = new Date(this.clock.now());
      const [deal] = await this.db.query<{ id: string; reward_template_id: string; reward_top: number }>(
        `update group_buy_deals set reward_state = 'granting', reward_claimed_at = $1
          where id = (
            select d.id from group_buy_deals d
             where d.ends_at <= $1 and d.reward_template_id is not null and d.reward_top > 0
               and (d.reward_state is null or (d.reward_state = 'granting' and d.reward_claimed_at < $2))
               and not exists (select 1 from group_buy_groups g where g.deal_id = d.id and g.status = 'open')
             order by d.ends_at limit 1 for update skip locked)
            and (reward_state is null or (reward_state = 'granting' and reward_claimed_at < $2))
          returning id::text, reward_template_id::text, reward_top`,
        [now, new Date(now.getTime() - takeOverAfterMs)],
      );
      if (!deal) return granted;
      granted += await this.grant(deal.id, deal.reward_template_id, deal.reward_top);
      await this.db.query(`update group_buy_deals set reward_state = 'granted' where id = $1`, [deal.id]);
    }
  }

  private async grant(dealId: string, templateId: string, top: number): Promise<number> {
    const groups = await this.db.query<{ id: string; status: 'succeeded'; paid: number; opened_at: Date; succeeded_at: Date }>(
      `select id::text, status, paid, opened_at, succeeded_at from group_buy_groups where deal_id = $1 and status = 'succeeded'`,
      [dealId],
    );
    const ranked = rewardedGroups(
      groups.map((g) => ({ ...g, openedAt: new Date(g.opened_at).getTime(), succeededAt: new Date(g.succeeded_at).getTime() })),
      top,
    );
    let granted = 0;
    for (const [i, group] of ranked.entries()) {
      const members = await this.db.query<{ user_id: string }>(
        `select user_id::text from group_buy_members where group_id = $1 and status in ('paid', 'confirmed') order by id`,
        [group.id],
      );
      for (const member of members) {
        const coupon = await this.coupons.grant(member.user_id, templateId, rewardRef(dealId, i + 1, member.user_id));
        if (coupon) granted += 1;
      }
    }
    return granted;
  }
}
