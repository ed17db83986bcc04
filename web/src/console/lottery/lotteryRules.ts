import type { LotteryInput } from '../../shop/lottery/types';
import { isoToLocal, localToIso, wholeNumber } from '../validation';

export type PrizeKind = LotteryInput['prizes'][number]['kind'];
export const prizeKinds: PrizeKind[] = ['coupon', 'points', 'goods', 'none'];
export type Currency = LotteryInput['cost']['currency'];

export interface PrizeRowValues {
  name: string;
  kind: PrizeKind;
  templateId: string;
  points: string;
  quantity: string;
  weight: string;
}

export interface LotteryFormValues {
  name: string;
  startsAt: string;
  endsAt: string;
  currency: Currency;
  cost: string;
  limitTotal: string;
  limitDaily: string;
  prizes: PrizeRowValues[];
}

export type LotteryErrorKey = 'required' | 'badTime' | 'endBeforeStart' | 'badNumber' | 'noLimit' | 'badId' | 'noWeight';
/** Mistakes by field: `name`, `cost`, …, and `prize.<i>.<field>` for a prize row. */
export type LotteryErrors = Record<string, LotteryErrorKey>;

export const emptyPrize = (kind: PrizeKind = 'coupon'): PrizeRowValues => ({ name: '', kind, templateId: '', points: '', quantity: '', weight: '10' });

export function emptyLotteryForm(now: number): LotteryFormValues {
  return {
    name: '',
    startsAt: isoToLocal(now),
    endsAt: isoToLocal(now + 7 * 86_400_000),
    currency: 'energy',
    cost: '10',
    limitTotal: '',
    limitDaily: '3',
    prizes: [emptyPrize('coupon'), { ...emptyPrize('none'), name: '谢谢参与', weight: '50' }],
  };
}

/** The form as typed → the body the server takes, or the mistakes per field. */
export function checkLottery(values: LotteryFormValues): { ok: true; body: LotteryInput } | { ok: false; errors: LotteryErrors } {
  const errors: LotteryErrors = {};
  const name = values.name.trim();
  if (!name) errors.name = 'required';
  const startsAt = localToIso(values.startsAt);
  const endsAt = localToIso(values.endsAt);
  if (!startsAt) errors.startsAt = 'badTime';
  if (!endsAt) errors.endsAt = 'badTime';
  else if (startsAt && Date.parse(endsAt) <= Date.parse(startsAt)) errors.endsAt = 'endBeforeStart';
  const cost = wholeNumber(values.cost || '0', 0, 1_000_000);
  if (cost === null) errors.cost = 'badNumber';
  const limit = (text: string, field: string) => {
    if (!text.trim()) return null;
    const n = wholeNumber(text, 1, 10_000);
    if (n === null) errors[field] = 'badNumber';
    return n;
  };
  const total = limit(values.limitTotal, 'limitTotal');
  const daily = limit(values.limitDaily, 'limitDaily');
  if (!values.limitTotal.trim() && !values.limitDaily.trim()) errors.limitDaily = 'noLimit';
  const prizes = values.prizes.map((p, i) => {
    const at = (field: string) => `prize.${i}.${field}`;
    const prizeName = p.name.trim();
    if (!prizeName) errors[at('name')] = 'required';
    const weight = wholeNumber(p.weight, 0, 1_000_000);
    if (weight === null) errors[at('weight')] = 'badNumber';
    const prize: LotteryInput['prizes'][number] = { name: prizeName, kind: p.kind, weight: weight ?? 0 };
    if (p.kind !== 'none') {
      const quantity = wholeNumber(p.quantity, 1, 1_000_000);
      if (quantity === null) errors[at('quantity')] = p.quantity.trim() ? 'badNumber' : 'required';
      else prize.quantity = quantity;
    }
    if (p.kind === 'coupon') {
      if (!/^[1-9]\d{0,17}$/.test(p.templateId.trim())) errors[at('templateId')] = p.templateId.trim() ? 'badId' : 'required';
      else prize.templateId = p.templateId.trim();
    }
    if (p.kind === 'points') {
      const points = wholeNumber(p.points, 1, 1_000_000);
      if (points === null) errors[at('points')] = p.points.trim() ? 'badNumber' : 'required';
      else prize.points = points;
    }
    return prize;
  });
  if (prizes.length > 0 && prizes.every((p) => p.weight === 0)) errors['prize.0.weight'] = 'noWeight';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: { name, startsAt: startsAt!, endsAt: endsAt!, cost: { currency: values.currency, amount: cost! }, limit: { total, daily }, prizes },
  };
}
