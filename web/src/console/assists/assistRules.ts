import type { AssistCampaignInput } from '../../shop/assists/types';
import { isoToLocal, localToIso, wholeNumber } from '../validation';

export interface AssistFormValues {
  title: string;
  templateId: string;
  helpersNeeded: string;
  dailyHelpLimit: string;
  startsAt: string;
  endsAt: string;
}

export type AssistField = keyof AssistFormValues;
export type AssistErrorKey = 'required' | 'badTime' | 'endBeforeStart' | 'badNumber' | 'badId';
export type AssistErrors = Partial<Record<AssistField, AssistErrorKey>>;

export function emptyAssistForm(now: number): AssistFormValues {
  return { title: '', templateId: '', helpersNeeded: '3', dailyHelpLimit: '3', startsAt: isoToLocal(now), endsAt: isoToLocal(now + 7 * 86_400_000) };
}

/** The form as typed → the body the server takes, or the mistakes per field. */
export function checkAssist(values: AssistFormValues): { ok: true; body: AssistCampaignInput } | { ok: false; errors: AssistErrors } {
  const errors: AssistErrors = {};
  const title = values.title.trim();
  if (!title) errors.title = 'required';
  const templateId = values.templateId.trim();
  if (!/^[1-9]\d{0,17}$/.test(templateId)) errors.templateId = templateId ? 'badId' : 'required';
  const helpersNeeded = wholeNumber(values.helpersNeeded, 1, 100);
  if (helpersNeeded === null) errors.helpersNeeded = 'badNumber';
  const dailyHelpLimit = wholeNumber(values.dailyHelpLimit, 1, 100);
  if (dailyHelpLimit === null) errors.dailyHelpLimit = 'badNumber';
  const startsAt = localToIso(values.startsAt);
  const endsAt = localToIso(values.endsAt);
  if (!startsAt) errors.startsAt = 'badTime';
  if (!endsAt) errors.endsAt = 'badTime';
  else if (startsAt && Date.parse(endsAt) <= Date.parse(startsAt)) errors.endsAt = 'endBeforeStart';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, body: { title, templateId, helpersNeeded: helpersNeeded!, dailyHelpLimit: dailyHelpLimit!, startsAt: startsAt!, endsAt: endsAt! } };
}
