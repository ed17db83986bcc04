import type { GroupBuyDealInput } from '../../shop/groupBuys/types';
import { isoToLocal, localToIso, wholeNumber, yuanToCents } from '../validation';

/**
 * The deal form's rules, mirroring the server's groupBuyDealInput (src/http/routes/groupBuysSchemas.ts)
 * so an operator sees every mistake at once, before sending. Money is typed in yuan and sent as cents.
 */

export interface DealFormValues {
  title: string;
  merchant: string;
  originalPrice: string;
  groupPrice: string;
  groupSize: string;
  hoursOpen: string;
  stock: string;
  perUserLimit: string;
  startsAt: string;
  endsAt: string;
  /** '' = no leaderboard reward. */
  rewardTemplateId: string;
  rewardTop: string;
}

export type DealField = Exclude<keyof DealFormValues, never>;

export type DealProblem =
  | 'required'
  | 'badPrice'
  | 'groupNotBelow'
  | 'sizeRange'
  | 'hoursRange'
  | 'stockRange'
  | 'stockBelowGroup'
  | 'limitRange'
  | 'badTime'
  | 'endBeforeStart'
  | 'topRange';

export type DealErrors = Partial<Record<DealField, DealProblem>>;

/** A blank form: a deal from the minute `now` falls in, for a week, groups of 3 open 24 hours. */
export function emptyDealForm(now: number): DealFormValues {
  const start = Math.floor(now / 60_000) * 60_000;
  return {
    title: '',
    merchant: '',
    originalPrice: '',
    groupPrice: '',
    groupSize: '3',
    hoursOpen: '24',
    stock: '',
    perUserLimit: '1',
    startsAt: isoToLocal(start),
    endsAt: isoToLocal(start + 7 * 24 * 3_600_000),
    rewardTemplateId: '',
    rewardTop: '3',
  };
}

export function checkDeal(values: DealFormValues): { ok: true; body: GroupBuyDealInput } | { ok: false; errors: DealErrors } {
  const errors: DealErrors = {};
  const title = values.title.trim();
  const merchant = values.merchant.trim();
  if (!title) errors.title = 'required';
  if (!merchant) errors.merchant = 'required';
  const originalPrice = yuanToCents(values.originalPrice.trim());
  const groupPrice = yuanToCents(values.groupPrice.trim());
  if (originalPrice === null) errors.originalPrice = values.originalPrice.trim() ? 'badPrice' : 'required';
  if (groupPrice === null) errors.groupPrice = values.groupPrice.trim() ? 'badPrice' : 'required';
  else if (originalPrice !== null && groupPrice >= originalPrice) errors.groupPrice = 'groupNotBelow';
  const groupSize = wholeNumber(values.groupSize, 2, 50);
  if (groupSize === null) errors.groupSize = 'sizeRange';
  const hoursOpen = wholeNumber(values.hoursOpen, 1, 720);
  if (hoursOpen === null) errors.hoursOpen = 'hoursRange';
  const stock = wholeNumber(values.stock, 1, 10_000_000);
  if (stock === null) errors.stock = values.stock.trim() ? 'stockRange' : 'required';
  else if (groupSize !== null && stock < groupSize) errors.stock = 'stockBelowGroup';
  const perUserLimit = wholeNumber(values.perUserLimit, 1, 100);
  if (perUserLimit === null) errors.perUserLimit = 'limitRange';
  const startsAt = localToIso(values.startsAt);
  const endsAt = localToIso(values.endsAt);
  if (!startsAt) errors.startsAt = 'badTime';
  if (!endsAt) errors.endsAt = 'badTime';
  else if (startsAt && Date.parse(endsAt) <= Date.parse(startsAt)) errors.endsAt = 'endBeforeStart';
  const templateId = values.rewardTemplateId.trim();
  const top = wholeNumber(values.rewardTop, 1, 100);
  if (templateId && !/^[1-9][0-9]{0,17}$/.test(templateId)) errors.rewardTemplateId = 'required';
  if (templateId && top === null) errors.rewardTop = 'topRange';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: {
      title,
      merchant,
      originalPrice: originalPrice!,
      groupPrice: groupPrice!,
      groupSize: groupSize!,
      hoursOpen: hoursOpen!,
      stock: stock!,
      perUserLimit: perUserLimit!,
      startsAt: startsAt!,
      endsAt: endsAt!,
      ...(templateId ? { reward: { templateId, top: top! } } : {}),
    },
  };
}
