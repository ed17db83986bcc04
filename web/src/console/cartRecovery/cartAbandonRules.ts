import type { z } from 'zod';
import type { cartAbandonInput, cartAbandonView } from '../../../../src/http/routes/cartRecoverySchemas';
import type { Checked } from '../useCheckedForm';

export type CartAbandon = z.infer<typeof cartAbandonView>;
export type CartAbandonInput = z.input<typeof cartAbandonInput>;

/** As the server takes them: a cart counts as left after 5 minutes to 7 days. */
export const cartAbandonLimits = { minMinutes: 5, maxMinutes: 7 * 24 * 60 };

export interface CartAbandonFormValues {
  enabled: boolean;
  templateId: string;
  afterMinutes: string;
}

export type CartAbandonMistake = 'templateRequired' | 'minutesRange';
export interface CartAbandonErrors {
  templateId?: CartAbandonMistake;
  afterMinutes?: CartAbandonMistake;
}

export const cartAbandonFormOf = (setting: CartAbandon | null): CartAbandonFormValues => ({
  enabled: setting?.enabled ?? false,
  templateId: setting?.templateId ?? '',
  afterMinutes: String(setting?.afterMinutes ?? 60),
});

/** Off needs nothing more; on needs a grant coupon and whole minutes in range. */
export function checkCartAbandon(values: CartAbandonFormValues): Checked<CartAbandonErrors, CartAbandonInput> {
  if (!values.enabled) return { ok: true, body: { enabled: false } };
  const errors: CartAbandonErrors = {};
  if (!values.templateId) errors.templateId = 'templateRequired';
  const minutes = Number(values.afterMinutes.trim());
  const minutesOk = /^\d+$/.test(values.afterMinutes.trim()) && minutes >= cartAbandonLimits.minMinutes && minutes <= cartAbandonLimits.maxMinutes;
  if (!minutesOk) errors.afterMinutes = 'minutesRange';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, body: { enabled: true, templateId: values.templateId, afterMinutes: minutes } };
}
