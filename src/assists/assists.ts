import type { Clock } from '../clock.js';
import { type Database, isCheckViolation, isUniqueViolation } from '../db/database.js';
import { type AssistProgress, assistProgress } from '../domain/assist.js';
import { shopDay } from '../domain/points.js';
import { MiaoshaError } from '../errors.js';
import type { Coupons, CouponTemplate, WalletCoupon } from '../promotions/coupons.js';

export interface AssistCampaignInput {
  title: string;
  templateId: string;
  helpersNeeded: number;
  startsAt: number;
  endsAt: number;
  dailyHelpLimit: number;
}

export interface AssistCampaign {
  id: string;
  title: string;
  reward: CouponTemplate;
  helpersNeeded: number;
  startsAt: number;
  endsAt: number;
  dailyHelpLimit: number;
  /** Assists started and unlocked so far (the operator's list). */
  started: number;
  unlocked: number;
}

export interface Assist {
  id: string;
  campaign: { id: string; title: string; reward: CouponTemplate; startsAt: number; endsAt: number };
  userId: string;
  progress: AssistProgress;
  unlockedAt: number | null;
  /** The reward in the starter's wallet once unlocked (null before, or when the reward pool was empty). */
  coupon: WalletCoupon | null;
  createdAt: number;
}

interface CampaignRow {
  id: string;
  title: string;
  template_id: string;
  helpers_needed: number;
  starts_at: Date;
  ends_at: Date;
  daily_help_limit: number;
}

interface AssistRow {
  id: string;
  campaign_id: string;
  user_id: string;
  helpers: number;
  unlocked_at: Date | null;
  coupon_id: string | null;
  created_at: Date;
}

const ms = (time: Date | string) => new Date(time).getTime();

/**
 * Assists (助力, P5): a shopper starts one per campaign and shares it; each other shopper helps it
 * once. A help is ONE statement: it raises the assist's count only while below N (the row lock makes
 * concurrent helps take turns), writes the help under the (assist, friend) primary key, and raises the
 * friend's count for the day under a check constraint. A repeat breaks the key and an extra help of
 * the day breaks the check, either of which aborts the whole statement: nothing is counted. The help
 * that reaches N unlocks the reward, granted once under the ref `assist:<id>`.
 */
export class Assists {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly coupons: Coupons,
  ) {}

  async createCampaign(input: AssistCampaignInput): Promise<AssistCampaign> {
    const template = await this.coupons.template(input.templateId).catch(() => null);
    if (!template || template.handout !== 'grant') {
      throw new MiaoshaError('INVALID_REQUEST', 'the reward must be an existing coupon the platform grants (handout grant)');
    }
    const [row] = await this.db.query<CampaignRow>(
      `insert into assist_campaigns (title, template_id, helpers_needed, starts_at, ends_at, daily_help_limit)
       values ($1, $2, $3, $4, $5, $6) returning *`,
      [input.title, input.templateId, input.helpersNeeded, new Date(input.startsAt), new Date(input.endsAt), input.dailyHelpLimit],
    );
    return { ...this.campaignOf(row, template), started: 0, unlocked: 0 };
  }

  private campaignOf(row: CampaignRow, reward: CouponTemplate) {
    return {
      id: String(row.id),
      title: row.title,
      reward,
      helpersNeeded: row.helpers_needed,
      startsAt: ms(row.starts_at),
      endsAt: ms(row.ends_at),
      dailyHelpLimit: row.daily_help_limit,
    };
  }

  async campaigns(): Promise<AssistCampaign[]> {
    const rows = await this.db.query<CampaignRow & { started: string; unlocked: string }>(
      `select c.*, (select count(*) from assists a where a.campaign_id = c.id) as started,
              (select count(*) from assists a where a.campaign_id = c.id and a.unlocked_at is not null) as unlocked
         from assist_campaigns c order by c.id desc`,
    );
    return Promise.all(
      rows.map(async (row) => ({
        ...this.campaignOf(row, await this.coupons.template(String(row.template_id))),
        started: Number(row.started),
        unlocked: Number(row.unlocked),
      })),
    );
  }

  /** Campaigns open now (the shop's list). */
  async openCampaigns(): Promise<AssistCampaign[]> {
    const now = this.clock.now();
    return (await this.campaigns()).filter((c) => c.startsAt <= now && now < c.endsAt);
  }

  private async campaign(campaignId: string): Promise<CampaignRow> {
    const [row] = await this.db.query<CampaignRow>('select * from assist_campaigns where id = $1', [campaignId]);
    if (!row) throw new MiaoshaError('NOT_FOUND', `no assist campaign ${campaignId}`);
    return row;
  }

  /** Starts the shopper's assist of a campaign, or answers the one they started before (`existing`). */
  async start(userId: string, campaignId: string): Promise<{ assist: Assist; existing: boolean }> {
    const campaign = await this.campaign(campaignId);
    const now = new Date(this.clock.now());
    const [made] = await this.db.query<{ id: string }>(
      `insert into assists (campaign_id, user_id, created_at)
       select id, $2, $3 from assist_campaigns where id = $1 and starts_at <= $3 and ends_at > $3
       on conflict (campaign_id, user_id) do nothing returning id`,
      [campaignId, userId, now],
    );
    if (made) return { assist: await this.assist(String(made.id)), existing: false };
    const [before] = await this.db.query<{ id: string }>('select id from assists where campaign_id = $1 and user_id = $2', [campaignId, userId]);
    if (!before) throw new MiaoshaError('ASSIST_NOT_OPEN', `assist campaign ${campaign.title} is not open`);
    return { assist: await this.assist(String(before.id)), existing: true };
  }

  /** A friend helps an assist: counted once, never beyond N, and at most the campaign's daily helps per friend. */
  async help(helperId: string, assistId: string): Promise<Assist> {
    const now = this.clock.now();
    let made: { helpers: number; helpers_needed: number } | undefined;
    try {
      [made] = await this.db.query<{ helpers: number; helpers_needed: number }>(
        `with bump as (
           update assists a set helpers = a.helpers + 1,
                  unlocked_at = case when a.helpers + 1 >= c.helpers_needed then $4::timestamptz else null end
             from assist_campaigns c
            where a.id = $1 and c.id = a.campaign_id and a.user_id <> $2 and a.helpers < c.helpers_needed
              and c.starts_at <= $4 and c.ends_at > $4
           returning a.id, a.campaign_id, a.helpers, c.helpers_needed, c.daily_help_limit
         ), daily as (
           insert into assist_daily_helps as d (campaign_id, helper_id, day, helps, most)
           select campaign_id, $2, $3, 1, daily_help_limit from bump
           on conflict (campaign_id, helper_id, day) do update set helps = d.helps + 1
           returning helps
         ), help as (
           insert into assist_helps (assist_id, helper_id, at) select id, $2, $4 from bump returning assist_id
         )
         select helpers, helpers_needed from bump`,
        [assistId, helperId, shopDay(now), new Date(now)],
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new MiaoshaError('ALREADY_ASSISTED', 'you have already helped this friend');
      if (isCheckViolation(error, 'assist_daily_helps_within_limit')) throw new MiaoshaError('HELP_LIMIT_REACHED', 'you have helped as many friends as allowed today');
      throw error;
    }
    if (!made) throw await this.whyNotHelped(helperId, assistId, now);
    if (made.helpers >= made.helpers_needed) await this.reward(assistId);
    return this.assist(assistId);
  }

  private async whyNotHelped(helperId: string, assistId: string, now: number): Promise<MiaoshaError> {
    const [row] = await this.db.query<AssistRow & CampaignRow>(
      'select a.*, c.helpers_needed, c.starts_at, c.ends_at from assists a join assist_campaigns c on c.id = a.campaign_id where a.id = $1',
      [assistId],
    );
    if (!row) return new MiaoshaError('NOT_FOUND', `no assist ${assistId}`);
    if (String(row.user_id) === helperId) return new MiaoshaError('SELF_ASSIST', 'you cannot help your own assist');
    const [helped] = await this.db.query('select 1 from assist_helps where assist_id = $1 and helper_id = $2', [assistId, helperId]);
    if (helped) return new MiaoshaError('ALREADY_ASSISTED', 'you have already helped this friend');
    if (row.helpers >= row.helpers_needed) return new MiaoshaError('ASSIST_COMPLETE', 'this assist is already complete');
    if (now < ms(row.starts_at) || now >= ms(row.ends_at)) return new MiaoshaError('ASSIST_NOT_OPEN', 'this assist campaign is not open now');
    return new MiaoshaError('ASSIST_COMPLETE', 'this assist is already complete');
  }

  /** Grants an unlocked assist's reward once (the ref makes a repeat find the same coupon). */
  private async reward(assistId: string): Promise<void> {
    const [row] = await this.db.query<{ user_id: string; template_id: string; coupon_id: string | null; unlocked_at: Date | null }>(
      'select a.user_id, a.coupon_id, a.unlocked_at, c.template_id from assists a join assist_campaigns c on c.id = a.campaign_id where a.id = $1',
      [assistId],
    );
    if (!row || row.unlocked_at === null || row.coupon_id !== null) return;
    const coupon = await this.coupons.grant(String(row.user_id), String(row.template_id), `assist:${assistId}`);
    if (coupon) await this.db.query('update assists set coupon_id = $2 where id = $1 and coupon_id is null', [assistId, coupon.id]);
  }

  /** An assist's progress (public: the page a shared link opens). */
  async assist(assistId: string): Promise<Assist> {
    const [row] = await this.db.query<AssistRow>('select * from assists where id = $1', [assistId]);
    if (!row) throw new MiaoshaError('NOT_FOUND', `no assist ${assistId}`);
    // An unlock whose grant did not finish (a crash between the two) is finished by the next look.
    if (row.unlocked_at !== null && row.coupon_id === null) {
      await this.reward(assistId);
      return this.present((await this.db.query<AssistRow>('select * from assists where id = $1', [assistId]))[0]);
    }
    return this.present(row);
  }

  private async present(row: AssistRow): Promise<Assist> {
    const campaign = await this.campaign(String(row.campaign_id));
    const reward = await this.coupons.template(String(campaign.template_id));
    const coupon = row.coupon_id === null ? null : ((await this.coupons.wallet(String(row.user_id))).find((c) => c.id === String(row.coupon_id)) ?? null);
    return {
      id: String(row.id),
      campaign: { id: String(campaign.id), title: campaign.title, reward, startsAt: ms(campaign.starts_at), endsAt: ms(campaign.ends_at) },
      userId: String(row.user_id),
      progress: assistProgress(row.helpers, campaign.helpers_needed),
      unlockedAt: row.unlocked_at === null ? null : ms(row.unlocked_at),
      coupon,
      createdAt: ms(row.created_at),
    };
  }

  /** The assists a shopper started, newest first, and those they helped. */
  async mine(userId: string): Promise<{ started: Assist[]; helped: Assist[] }> {
    const started = await this.db.query<{ id: string }>('select id from assists where user_id = $1 order by id desc limit 50', [userId]);
    const helped = await this.db.query<{ assist_id: string }>('select assist_id from assist_helps where helper_id = $1 order by at desc limit 50', [userId]);
    return {
      started: await Promise.all(started.map((r) => this.assist(String(r.id)))),
      helped: await Promise.all(helped.map((r) => this.assist(String(r.assist_id)))),
    };
  }
}
