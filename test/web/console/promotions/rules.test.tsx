import { describe, expect, it } from 'vitest';
import { promotionInput } from '../../../../src/http/routes/promotionSchemas';
import { promotionProblem } from '../../../../src/promotions/shopPromotions';
import {
  checkPromotion,
  emptyPromotionForm,
  permilleToZhe,
  type PromotionFormValues,
  zheToPermille,
} from '../../../../web/src/console/promotions/promotionRules';
import { promotionRuleWords, promotionScopeWords } from '../../../../web/src/console/promotions/promotionWords';

const now = new Date(2025, 5, 18, 10, 0, 30).getTime();
const filled = (patch: Partial<PromotionFormValues> = {}): PromotionFormValues => ({
  ...emptyPromotionForm(now),
  label: ' 满300减50/满600减150 ',
  tiers: [
    { threshold: '300', off: '50' },
    { threshold: '600', off: '150' },
  ],
  ...patch,
});

const errorsOf = (values: PromotionFormValues) => {
  const checked = checkPromotion(values);
  return checked.ok ? {} : checked.errors;
};

/** What the server would say of a body the form sends: its schema and its rules both take it. */
function serverTakes(values: PromotionFormValues): boolean {
  const checked = checkPromotion(values);
  if (!checked.ok) return false;
  const parsed = promotionInput.safeParse(checked.body);
  if (!parsed.success) return false;
  const { startsAt, endsAt, ...rest } = parsed.data;
  return promotionProblem({ ...rest, startsAt: Date.parse(startsAt), endsAt: Date.parse(endsAt) }) === null;
}

describe('checking a promotion before it is created', () => {
  it('sends 满300减50/满600减150 as cents, across stores, with the window as ISO and the label trimmed', () => {
    expect(checkPromotion(filled())).toEqual({
      ok: true,
      body: {
        label: '满300减50/满600减150',
        rule: { kind: 'spend-reduction', tiers: [{ threshold: 30000, off: 5000 }, { threshold: 60000, off: 15000 }] },
        scope: { kind: 'cart' },
        exclusive: false,
        priority: 0,
        startsAt: new Date(2025, 5, 18, 10, 0).toISOString(),
        endsAt: new Date(2025, 5, 25, 10, 0).toISOString(),
      },
    });
    expect(serverTakes(filled())).toBe(true);
  });

  it('refuses tiers the engine would not take: not ascending, not taking more, or taking the whole threshold', () => {
    expect(errorsOf(filled({ tiers: [{ threshold: '600', off: '150' }, { threshold: '300', off: '50' }] }))).toEqual({ tier1Threshold: 'tiersAscend' });
    expect(errorsOf(filled({ tiers: [{ threshold: '300', off: '50' }, { threshold: '600', off: '50' }] }))).toEqual({ tier1Off: 'tiersTakeMore' });
    expect(errorsOf(filled({ tiers: [{ threshold: '300', off: '300' }] }))).toEqual({ tier0Off: 'tierOffBelow' });
    expect(errorsOf(filled({ tiers: [{ threshold: '', off: '5.555' }] }))).toEqual({ tier0Threshold: 'required', tier0Off: 'tooManyDecimals' });
  });

  it('reads member prices and discounts as 折 and sends them per mille', () => {
    const member = filled({ kind: 'member-discount', memberZhe: { regular: '', silver: '9.8', gold: '9.5', vip: '8.88' } });
    expect(checkPromotion(member)).toMatchObject({ ok: true, body: { rule: { kind: 'member-discount', payPermille: { silver: 980, gold: 950, vip: 888 } } } });
    expect(serverTakes(member)).toBe(true);
    expect(errorsOf(filled({ kind: 'member-discount' }))).toEqual({ memberRates: 'memberRateMissing' });
    expect(errorsOf(filled({ kind: 'member-discount', memberZhe: { regular: '10', silver: '', gold: '0', vip: '' } }))).toEqual({ 'member-regular': 'zheRange', 'member-gold': 'zheRange' });

    const percent = filled({ kind: 'percent-off', zhe: '9', cap: '50', minSpend: '199' });
    expect(checkPromotion(percent)).toMatchObject({ ok: true, body: { rule: { kind: 'percent-off', payPermille: 900, cap: 5000, minSpend: 19900 } } });
    expect(serverTakes(percent)).toBe(true);
    expect(errorsOf(filled({ kind: 'percent-off', zhe: '' }))).toEqual({ zhe: 'required' });
    expect([zheToPermille('9.5'), zheToPermille('8'), zheToPermille('0.01'), zheToPermille('10'), zheToPermille('9.555')]).toEqual([950, 800, 1, null, null]);
    expect([950, 800, 955].map(permilleToZhe)).toEqual(['9.5', '8', '9.55']);
  });

  it('asks an amount off to stay below its minimum spend', () => {
    expect(errorsOf(filled({ kind: 'amount-off', off: '30', minSpend: '30' }))).toEqual({ off: 'offNotBelowMinSpend' });
    expect(serverTakes(filled({ kind: 'amount-off', off: '30', minSpend: '100' }))).toBe(true);
    expect(serverTakes(filled({ kind: 'amount-off', off: '30' }))).toBe(true);
  });

  it('checks the scope, stacking, priority and window', () => {
    expect(errorsOf(filled({ scopeKind: 'merchant', scopeId: ' ' }))).toEqual({ scopeId: 'required' });
    expect(checkPromotion(filled({ scopeKind: 'items', scopeId: '12，13, 13 14' }))).toMatchObject({ ok: true, body: { scope: { kind: 'items', itemIds: ['12', '13', '14'] } } });
    expect(checkPromotion(filled({ scopeKind: 'category', scopeId: ' books ', stackingGroup: ' 大促 ', exclusive: true, priority: '-5' }))).toMatchObject({
      ok: true,
      body: { scope: { kind: 'category', categoryId: 'books' }, stackingGroup: '大促', exclusive: true, priority: -5 },
    });
    expect(errorsOf(filled({ priority: '1001' }))).toEqual({ priority: 'priorityRange' });
    expect(errorsOf(filled({ priority: '1.5' }))).toEqual({ priority: 'priorityRange' });
    expect(errorsOf(filled({ endsAt: filled().startsAt }))).toEqual({ endsAt: 'endBeforeStart' });
    expect(errorsOf(filled({ label: '' }))).toEqual({ label: 'required' });
  });
});

describe('a promotion in words', () => {
  it('says 满X减Y for each tier, N折 per member tier, and 立减', () => {
    expect(promotionRuleWords({ kind: 'spend-reduction', tiers: [{ threshold: 30000, off: 5000 }, { threshold: 60000, off: 15000 }] }, 'zh-CN')).toEqual(['满300减50', '满600减150']);
    expect(promotionRuleWords({ kind: 'member-discount', payPermille: { gold: 950, vip: 900 } }, 'zh-CN')).toEqual(['黄金会员9.5折', 'VIP 会员9折']);
    expect(promotionRuleWords({ kind: 'member-discount', payPermille: { gold: 950 } }, 'en')).toEqual(['Gold: pay 95%']);
    expect(promotionRuleWords({ kind: 'percent-off', payPermille: 900, cap: 5000 }, 'zh-CN')).toEqual(['9折', '最高减50']);
    expect(promotionRuleWords({ kind: 'amount-off', off: 3000, minSpend: 10000 }, 'zh-CN')).toEqual(['满100减30']);
    expect(promotionRuleWords({ kind: 'amount-off', off: 3000 }, 'en')).toEqual(['¥30 off']);
    expect(promotionScopeWords({ kind: 'cart' }, 'zh-CN')).toBe('跨店满减');
    expect(promotionScopeWords({ kind: 'items', itemIds: ['12', '13'] }, 'en')).toBe('Items 12, 13');
  });
});
