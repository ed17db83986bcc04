import type { CampaignType, Eligibility, Item, MemberTier, Session } from '../api/types';

/**
 * The console's form rules, mirroring the server's zod schemas (src/http/routes/admin.ts, schemas.ts) so
 * an operator sees every mistake at once, before sending. Each check answers per-field message keys; the
 * pages translate them (see labels.ts).
 */

/** The server's bounds; the forms' inputs and messages take them from here too. */
export const limits = {
  name: 200,
  sku: 100,
  maxPriceCents: 1_000_000_000,
  stock: 10_000_000,
  perUserLimit: 100,
  /** The server takes 30 s .. 24 h; the form asks for whole minutes, which is how an operator thinks. */
  paymentMinutes: 1440,
  priorityMinutes: 1440,
  regions: 500,
  invitedUserIds: 100_000,
} as const;

export type FieldErrors<F extends string> = Partial<Record<F, ValidationKey>>;

export type ValidationKey =
  | 'required'
  | 'tooLong'
  | 'badTime'
  | 'endBeforeStart'
  | 'outsideCampaign'
  | 'badPrice'
  | 'priceRange'
  | 'tooManyDecimals'
  | 'flashNotBelow'
  | 'stockRange'
  | 'limitRange'
  | 'paymentWindowRange'
  | 'badRegions'
  | 'tooManyRegions'
  | 'badUserIds'
  | 'tooManyUserIds'
  | 'priorityMinutesRange'
  | 'priorityTierMissing';

const yuanPattern = /^(\d+)(?:\.(\d{1,2}))?$/;

/**
 * Yuan as typed ("199", "199.9", "199.90") → integer cents; null for anything else (3+ decimals, signs,
 * 0, above the server's cap). The digits are read, not multiplied, so no float error creeps in.
 */
export function yuanToCents(text: string): number | null {
  const match = yuanPattern.exec(text.trim());
  // More than 8 digits of yuan is above the cap anyway, and would lose precision as a number.
  if (!match || match[1].length > 8) return null;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return cents >= 1 && cents <= limits.maxPriceCents ? cents : null;
}

function priceError(text: string): Extract<ValidationKey, 'required' | 'tooManyDecimals' | 'badPrice' | 'priceRange'> | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return 'required';
  if (/^\d+\.\d{3,}$/.test(trimmed)) return 'tooManyDecimals';
  if (!yuanPattern.test(trimmed)) return 'badPrice';
  return yuanToCents(trimmed) === null ? 'priceRange' : undefined;
}

/** Yuan typed into a money field → cents, or why not (the same sentences as `priceError`). */
export function money(text: string): { cents: number | null; error?: Extract<ValidationKey, 'required' | 'tooManyDecimals' | 'badPrice' | 'priceRange'> } {
  const error = priceError(text);
  return error ? { cents: null, error } : { cents: yuanToCents(text) };
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

/** A required whole number from 1 to `max`: the number, or why not ('required', or `outOfRange`). */
function countField(text: string, max: number, outOfRange: ValidationKey): { value: number | null; error?: ValidationKey } {
  const value = wholeNumber(text, 1, max);
  if (value !== null) return { value };
  return { value, error: text.trim() ? outOfRange : 'required' };
}

/** A required name, trimmed as the server trims it. */
function nameError(name: string, max: number): ValidationKey | undefined {
  if (!name) return 'required';
  return name.length > max ? 'tooLong' : undefined;
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
  const badName = nameError(name, limits.name);
  if (badName) errors.name = badName;
  const times = checkTimes(values.startsAt, values.endsAt, errors);
  if (Object.keys(errors).length > 0 || !times) return { ok: false, errors };
  return { ok: true, body: { name, type: values.type, ...times } };
}

/**
 * A window as typed → its ISO start and end; otherwise null, with what is wrong marked on the fields
 * (`startsAt`/`endsAt` unless named): missing, not a time, or an end not after the start.
 */
export function checkTimes<F extends string = 'startsAt' | 'endsAt'>(
  start: string,
  end: string,
  errors: Partial<Record<F, string>>,
  [startField, endField] = ['startsAt', 'endsAt'] as [F, F],
): { startsAt: string; endsAt: string } | null {
  const startsAt = localToIso(start);
  const endsAt = localToIso(end);
  if (!startsAt) errors[startField] = start ? 'badTime' : 'required';
  if (!endsAt) errors[endField] = end ? 'badTime' : 'required';
  if (!startsAt || !endsAt) return null;
  if (Date.parse(endsAt) <= Date.parse(startsAt)) {
    errors[endField] = 'endBeforeStart';
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
  const { value: minutes, error: minutesError } = countField(values.paymentMinutes, limits.paymentMinutes, 'paymentWindowRange');
  if (minutesError) errors.paymentMinutes = minutesError;
  if (Object.keys(errors).length > 0 || !times || minutes === null) return { ok: false, errors };
  return { ok: true, body: { ...times, paymentWindowSeconds: minutes * 60 } };
}

/** A payment window as the form shows it: whole minutes (the API may have set 30..86400 seconds). */
export function paymentMinutesOf(seconds: number): string {
  return String(Math.max(1, Math.round(seconds / 60)));
}

/**
 * What an edit of a session changed, for PATCH. A window the API set in seconds (say 90 s) shows as
 * rounded minutes; it is sent only when the operator changed those minutes, never rounded behind their back.
 */
export function sessionChanges(
  session: Pick<Session, 'startsAt' | 'endsAt' | 'paymentWindowSeconds'>,
  body: { startsAt: string; endsAt: string; paymentWindowSeconds: number },
): Partial<typeof body> {
  const changes: Partial<typeof body> = {};
  if (Date.parse(body.startsAt) !== Date.parse(session.startsAt)) changes.startsAt = body.startsAt;
  if (Date.parse(body.endsAt) !== Date.parse(session.endsAt)) changes.endsAt = body.endsAt;
  if (body.paymentWindowSeconds !== Number(paymentMinutesOf(session.paymentWindowSeconds)) * 60) {
    changes.paymentWindowSeconds = body.paymentWindowSeconds;
  }
  return changes;
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
  const badTitle = nameError(title, limits.name);
  if (badTitle) errors.title = badTitle;

  const originalError = priceError(values.originalPrice);
  const flashError = priceError(values.flashPrice);
  if (originalError) errors.originalPrice = originalError;
  if (flashError) errors.flashPrice = flashError;
  const originalPrice = yuanToCents(values.originalPrice);
  const flashPrice = yuanToCents(values.flashPrice);
  if (originalPrice !== null && flashPrice !== null && flashPrice >= originalPrice) errors.flashPrice = 'flashNotBelow';

  const { value: stock, error: stockError } = countField(values.stock, limits.stock, 'stockRange');
  if (stockError) errors.stock = stockError;
  const { value: perUserLimit, error: limitError } = countField(values.perUserLimit, limits.perUserLimit, 'limitRange');
  if (limitError) errors.perUserLimit = limitError;
  const sku = values.sku.trim();
  if (sku.length > limits.sku) errors.sku = 'tooLong';

  const regionsAllowed = splitList(values.regionsAllowed.toUpperCase());
  const regionsDenied = splitList(values.regionsDenied.toUpperCase());
  const regionsError = (regions: string[]): ValidationKey | undefined =>
    !regions.every((r) => regionPattern.test(r)) ? 'badRegions' : regions.length > limits.regions ? 'tooManyRegions' : undefined;
  const allowedError = regionsError(regionsAllowed);
  const deniedError = regionsError(regionsDenied);
  if (allowedError) errors.regionsAllowed = allowedError;
  if (deniedError) errors.regionsDenied = deniedError;
  const invitedUserIds = splitList(values.invitedUserIds);
  if (!invitedUserIds.every((id) => userIdPattern.test(id))) errors.invitedUserIds = 'badUserIds';
  else if (invitedUserIds.length > limits.invitedUserIds) errors.invitedUserIds = 'tooManyUserIds';

  let priorityWindow: Eligibility['priorityWindow'];
  if (values.priorityTier || values.priorityMinutes.trim()) {
    const minutes = wholeNumber(values.priorityMinutes, 1, limits.priorityMinutes);
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

/** The payment window a new session's form starts with: the server's default, 15 minutes. */
export const defaultPaymentMinutes = '15';

/** A session that starts a minute from `now` and lasts half an hour: the quickest way to try a sale. */
export function quickSessionPreset(now: number): SessionFormValues {
  const start = Math.ceil((now + 60_000) / 1000) * 1000;
  return { startsAt: isoToLocal(start), endsAt: isoToLocal(start + 30 * 60_000), paymentMinutes: defaultPaymentMinutes };
}
