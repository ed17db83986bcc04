import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Assists } from '../../src/assists/assists.js';
import { ManualClock } from '../../src/clock.js';
import type { Database } from '../../src/db/database.js';
import { Coupons } from '../../src/promotions/coupons.js';
import { outcome, refusal } from '../support/outcomes.js';
import { openTestDatabase } from '../support/platform.js';

const hour = 3_600_000;
const start = Date.UTC(2026, 10, 11, 2, 0, 0);

describe.each(['pglite', 'postgres'] as const)('assists on %s', (kind) => {
  let db: Database;
  let close: () => Promise<void>;
  const clock = new ManualClock(start);
  let coupons: Coupons;
  let assists: Assists;

  beforeAll(async () => {
    ({ db, close } = await openTestDatabase(kind));
    coupons = new Coupons(db, clock);
    assists = new Assists(db, clock, coupons);
  });
  afterAll(() => close());

  const campaign = async (helpersNeeded: number, dailyHelpLimit = 3) => {
    const reward = await coupons.issue({ name: '助力 20 元券', kind: 'amount', amountOff: 2000, totalQuantity: 50, validFrom: start - hour, validTo: start + 48 * hour, handout: 'grant' });
    return assists.createCampaign({ title: '好友助力领券', templateId: reward.id, helpersNeeded, startsAt: start - hour, endsAt: start + 24 * hour, dailyHelpLimit });
  };

  it('counts exactly N of 30 friends helping at once, grants the reward once, and refuses a self-assist', async () => {
    const c = await campaign(5);
    const { assist } = await assists.start('9000', c.id);
    expect(await refusal(assists.help('9000', assist.id))).toBe('SELF_ASSIST');
    const friends = Array.from({ length: 30 }, (_, i) => String(9100 + i));
    const outcomes = await Promise.all(friends.map((f) => outcome(assists.help(f, assist.id))));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(5);
    expect(outcomes.filter((o) => o !== 'ok').every((o) => o === 'ASSIST_COMPLETE')).toBe(true);
    const after = await assists.assist(assist.id);
    expect(after.progress).toEqual({ helpers: 5, needed: 5, missing: 0, unlocked: true });
    expect(after.coupon?.template.id).toBe(c.reward.id);
    const helps = await db.query('select 1 from assist_helps where assist_id = $1', [assist.id]);
    expect(helps).toHaveLength(5);
    const granted = await db.query<{ grant_ref: string }>('select grant_ref from coupons where user_id = 9000');
    expect(granted.map((g) => g.grant_ref)).toEqual([`assist:${assist.id}`]);
    expect((await assists.campaigns()).find((x) => x.id === c.id)).toMatchObject({ started: 1, unlocked: 1 });
  });

  it('lets a friend help once however often they tap, and only so many friends a day', async () => {
    const c = await campaign(10, 2);
    const { assist } = await assists.start('9200', c.id);
    const again = await assists.start('9200', c.id);
    expect(again).toMatchObject({ existing: true, assist: { id: assist.id } });
    const taps = await Promise.all(Array.from({ length: 6 }, () => outcome(assists.help('9300', assist.id))));
    expect(taps.filter((o) => o === 'ok')).toHaveLength(1);
    expect(taps.filter((o) => o !== 'ok').every((o) => o === 'ALREADY_ASSISTED')).toBe(true);
    expect((await assists.assist(assist.id)).progress.helpers).toBe(1);

    // 9300 helps two more starters at once: the daily limit of 2 leaves room for one.
    const others = await Promise.all(['9201', '9202'].map(async (s) => (await assists.start(s, c.id)).assist.id));
    const more = await Promise.all(others.map((id) => outcome(assists.help('9300', id))));
    expect([...more].sort()).toEqual(['HELP_LIMIT_REACHED', 'ok']);
    clock.advance(24 * hour - 1); // the next Shanghai day, still in the window
    expect((await assists.help('9300', others[more.indexOf('HELP_LIMIT_REACHED')])).progress.helpers).toBe(1);
    clock.set(start);
    expect((await assists.mine('9300')).helped).toHaveLength(3);
  });

  it('refuses outside the window and a reward that is only claimed', async () => {
    const c = await campaign(2);
    clock.advance(25 * hour);
    expect(await refusal(assists.start('9400', c.id))).toBe('ASSIST_NOT_OPEN');
    clock.set(start);
    const claimable = await coupons.issue({ name: '领券', kind: 'amount', amountOff: 100, totalQuantity: 1, validFrom: start, validTo: start + hour });
    expect(await refusal(assists.createCampaign({ title: 'x', templateId: claimable.id, helpersNeeded: 2, startsAt: start, endsAt: start + hour, dailyHelpLimit: 1 }))).toBe('INVALID_REQUEST');
    expect(await refusal(assists.help('9400', '999999'))).toBe('NOT_FOUND');
  });
});
