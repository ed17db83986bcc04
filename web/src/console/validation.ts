import type { CampaignType, Eligibility, Item, MemberTier } from '../api/types';

/**
 * The console's form rules, mirroring the server's (so an operator sees every mistake at once, before
 * sending). Each check answers per-field message keys; the pages translate them (see messages.ts).
 */

export type FieldErrors<F extends string> = Partial<Record<F, ValidationKey>>;

export type ValidationKey =
  | 'required'
  | 'tooLong'
  | 'badTime'
  | 'endBeforeStart'
  | 'outsideCampaign'
  | 'badPrice'
  | 'tooManyDecimals'
  | 'flashNotBelow'
  | 'stockRange'
  | 'limitRange'
  | 'paymentWindowRange'
  | 'badRegions'
  | 'badUserIds'
  | 'priorityMinutesRange'
  | 'priorityTierMissing';

export const maxPriceCents = 1_000_000_000;

/** Yuan as typed ("199", "199.9", "199.90") → integer cents; null for anything else (3+ decimals, signs, 0). */
export function yuanToCents(text: string): number | null {
  const match = /^(\d{1,8})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return cents >= 1 && cents <= maxPriceCents ? cents : null;
}

function priceError(text: string): ValidationKey | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return 'required';
  if (/^\d+\.\d{3,}$/.test(trimmed)) return 'tooManyDecimals';
  return yuanToCents(trimmed) === null ? 'badPrice' : undefined;
}

/** Cents → the yuan text a form starts with: 19900 → "199.00". */
export function centsToYuan(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** A whole number within bounds, typed as text; null otherwise. */
export function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const value = Number(text.trim());
  return Number.isSafeInteger(value) && value >= min && value <= max ? value : null;
}

/**
 * `<input type="datetime-local">` speaks the device's local time without a zone ("2025-06-18T10:00" or with
 * seconds); the API speaks ISO-8601 UTC.
 */
export function localToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value)) return null;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? null : time.toISOString();
}

export function isoToLocal(iso: string | number): string {
  const time = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}` +
    `T${pad(time.getHours())}:${pad(time.getMinutes())}:${pad(time.getSeconds())}`
  );
}

/** Comma- (or space-, or Chinese comma-) separated text → its non-empty parts. */
export function splitList(text: string): string[] {
  return text
    .split(/[\s,，、]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

// ---- campaign ----

export interface CampaignFormValues {
  name: string;
  type: CampaignType;
  startsAt: string;
  endsAt: string;
}
export type CampaignField = 'name' | 'startsAt' | 'endsAt';

export function checkCampaign(values: CampaignFormValues):
  | { ok: true; body: { name: string; type: CampaignType; startsAt: string; endsAt: string } }
  | { ok: false; errors: FieldErrors<CampaignField> } {
  const errors: FieldErrors<CampaignField> = {};
  const name = values.name.trim();
  if (!name) errors.name = 'required';
  else if (name.length > 200) errors.name = 'tooLong';
  const times = checkTimes(values.startsAt, values.endsAt, errors);
  if (Object.keys(errors).length > 0 || !times) return { ok: false, errors };
  return { ok: true, body: { name, type: values.type, ...times } };
}

function checkTimes(
  start: string,
  end: string,
  errors: FieldErrors<'startsAt' | 'endsAt'>,
): { startsAt: string; endsAt: string } | null {
  const startsAt = localToIso(start);
  const endsAt = localToIso(end);
  if (!startsAt) errors.startsAt = start ? 'badTime' : 'required';
  if (!endsAt) errors.endsAt = end ? 'badTime' : 'required';
  if (!startsAt || !endsAt) return null;
  if (Date.parse(endsAt) <= Date.parse(startsAt)) {
    errors.endsAt = 'endBeforeStart';
    return null;
  }
  return { startsAt, endsAt };
}

// ---- session ----

export interface SessionFormValues {
  startsAt: string;
  endsAt: string;
  /** Minutes a shopper has to pay after reserving. */
  paymentMinutes: string;
}
export type SessionField = 'startsAt' | 'endsAt' | 'paymentMinutes';

export function checkSession(
  values: SessionFormValues,
  campaign: { startsAt: string; endsAt: string },
):
  | { ok: true; body: { startsAt: string; endsAt: string; paymentWindowSeconds: number } }
  | { ok: false; errors: FieldErrors<SessionField> } {
  const errors: FieldErrors<SessionField> = {};
  const times = checkTimes(values.startsAt, values.endsAt, errors);
  if (times) {
    if (Date.parse(times.startsAt) < Date.parse(campaign.startsAt)) errors.startsAt = 'outsideCampaign';
    if (Date.parse(times.endsAt) > Date.parse(campaign.endsAt)) errors.endsAt = 'outsideCampaign';
  }
  // The server takes 30 s .. 24 h; whole minutes are what an operator thinks in.
  const minutes = wholeNumber(values.paymentMinutes, 1, 1440);
  if (minutes === null) errors.paymentMinutes = values.paymentMinutes.trim() ? 'paymentWindowRange' : 'required';
  if (Object.keys(errors).length > 0 || !times || minutes === null) return { ok: false, errors };
  return { ok: true, body: { ...times, paymentWindowSeconds: minutes * 60 } };
}

// ---- item ----

export interface ItemFormValues {
  title: string;
  originalPrice: string;
  flashPrice: string;
  stock: string;
  perUserLimit: string;
  sku: string;
  tiers: MemberTier[];
  realNameRequired: boolean;
  regionsAllowed: string;
  regionsDenied: string;
  invitedUserIds: string;
  /** '' = no priority window. */
  priorityTier: MemberTier | '';
  priorityMinutes: string;
}
export type ItemField =
  | 'title'
  | 'originalPrice'
  | 'flashPrice'
  | 'stock'
  | 'perUserLimit'
  | 'sku'
  | 'regionsAllowed'
  | 'regionsDenied'
  | 'invitedUserIds'
  | 'priorityTier'
  | 'priorityMinutes';

export interface ItemBody {
  title: string;
  originalPrice: number;
  flashPrice: number;
  stock: number;
  perUserLimit: number;
  sku?: string;
  eligibility: Eligibility;
}

export const emptyItemForm: ItemFormValues = {
  title: '',
  originalPrice: '',
  flashPrice: '',
  stock: '',
  perUserLimit: '1',
  sku: '',
  tiers: [],
  realNameRequired: false,
  regionsAllowed: '',
  regionsDenied: '',
  invitedUserIds: '',
  priorityTier: '',
  priorityMinutes: '',
};

export function itemToForm(item: Item): ItemFormValues {
  const e = item.eligibility;
  return {
    title: item.title,
    originalPrice: centsToYuan(item.originalPrice),
    flashPrice: centsToYuan(item.flashPrice),
    stock: String(item.initialStock),
    perUserLimit: String(item.perUserLimit),
    sku: item.sku ?? '',
    tiers: e.tiers ?? [],
    realNameRequired: e.realNameRequired ?? false,
    regionsAllowed: (e.regionsAllowed ?? []).join(', '),
    regionsDenied: (e.regionsDenied ?? []).join(', '),
    invitedUserIds: (e.invitedUserIds ?? []).join(', '),
    priorityTier: e.priorityWindow?.minTier ?? '',
    priorityMinutes: e.priorityWindow ? String(e.priorityWindow.minutes) : '',
  };
}

const regionPattern = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;
const userIdPattern = /^[1-9][0-9]{0,17}$/;

export function checkItem(values: ItemFormValues): { ok: true; body: ItemBody } | { ok: false; errors: FieldErrors<ItemField> } {
  const errors: FieldErrors<ItemField> = {};
  const title = values.title.trim();
  if (!title) errors.title = 'required';
  else if (title.length > 200) errors.title = 'tooLong';

  const originalError = priceError(values.originalPrice);
  const flashError = priceError(values.flashPrice);
  if (originalError) errors.originalPrice = originalError;
  if (flashError) errors.flashPrice = flashError;
  const originalPrice = yuanToCents(values.originalPrice);
  const flashPrice = yuanToCents(values.flashPrice);
  if (originalPrice !== null && flashPrice !== null && flashPrice >= originalPrice) errors.flashPrice = 'flashNotBelow';

  const stock = wholeNumber(values.stock, 1, 10_000_000);
  if (stock === null) errors.stock = values.stock.trim() ? 'stockRange' : 'required';
  const perUserLimit = wholeNumber(values.perUserLimit, 1, 100);
  if (perUserLimit === null) errors.perUserLimit = values.perUserLimit.trim() ? 'limitRange' : 'required';
  const sku = values.sku.trim();
  if (sku.length > 100) errors.sku = 'tooLong';

  const regionsAllowed = splitList(values.regionsAllowed.toUpperCase());
  const regionsDenied = splitList(values.regionsDenied.toUpperCase());
  if (!regionsAllowed.every((r) => regionPattern.test(r))) errors.regionsAllowed = 'badRegions';
  if (!regionsDenied.every((r) => regionPattern.test(r))) errors.regionsDenied = 'badRegions';
  const invitedUserIds = splitList(values.invitedUserIds);
  if (!invitedUserIds.every((id) => userIdPattern.test(id))) errors.invitedUserIds = 'badUserIds';

  let priorityWindow: Eligibility['priorityWindow'];
  if (values.priorityTier || values.priorityMinutes.trim()) {
    const minutes = wholeNumber(values.priorityMinutes, 1, 1440);
    if (!values.priorityTier) errors.priorityTier = 'priorityTierMissing';
    if (minutes === null) errors.priorityMinutes = 'priorityMinutesRange';
    if (values.priorityTier && minutes !== null) priorityWindow = { minTier: values.priorityTier, minutes };
  }

  if (Object.keys(errors).length > 0 || originalPrice === null || flashPrice === null || stock === null || perUserLimit === null) {
    return { ok: false, errors };
  }
  const eligibility: Eligibility = {};
  if (values.tiers.length > 0) eligibility.tiers = values.tiers;
  if (values.realNameRequired) eligibility.realNameRequired = true;
  if (regionsAllowed.length > 0) eligibility.regionsAllowed = regionsAllowed;
  if (regionsDenied.length > 0) eligibility.regionsDenied = regionsDenied;
  if (invitedUserIds.length > 0) eligibility.invitedUserIds = invitedUserIds;
  if (priorityWindow) eligibility.priorityWindow = priorityWindow;
  return { ok: true, body: { title, originalPrice, flashPrice, stock, perUserLimit, ...(sku ? { sku } : {}), eligibility } };
}

/** What an edit changed, for PATCH (the SKU is fixed once on sale). Empty when nothing changed. */
export function itemChanges(item: Item, body: ItemBody): Partial<Omit<ItemBody, 'sku'>> {
  const changes: Partial<Omit<ItemBody, 'sku'>> = {};
  if (body.title !== item.title) changes.title = body.title;
  if (body.originalPrice !== item.originalPrice) changes.originalPrice = body.originalPrice;
  if (body.flashPrice !== item.flashPrice) changes.flashPrice = body.flashPrice;
  if (body.stock !== item.initialStock) changes.stock = body.stock;
  if (body.perUserLimit !== item.perUserLimit) changes.perUserLimit = body.perUserLimit;
  if (!sameEligibility(body.eligibility, item.eligibility)) changes.eligibility = body.eligibility;
  return changes;
}

function sameEligibility(a: Eligibility, b: Eligibility): boolean {
  const norm = (e: Eligibility) =>
    JSON.stringify({
      tiers: [...(e.tiers ?? [])].sort(),
      invitedUserIds: e.invitedUserIds ?? [],
      realNameRequired: e.realNameRequired ?? false,
      regionsAllowed: e.regionsAllowed ?? [],
      regionsDenied: e.regionsDenied ?? [],
      priorityWindow: e.priorityWindow ?? null,
    });
  return norm(a) === norm(b);
}

/** A session that starts a minute from `now` and lasts half an hour: the quickest way to try a sale. */
export function quickSessionPreset(now: number): SessionFormValues {
  const start = Math.ceil((now + 60_000) / 1000) * 1000;
  return { startsAt: isoToLocal(start), endsAt: isoToLocal(start + 30 * 60_000), paymentMinutes: '15' };
}
