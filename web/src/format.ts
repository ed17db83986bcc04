import type { Locale } from './i18n/locale';

/** ¥ with two decimals from integer cents (fen): 19900 → ¥199.00. */
export function formatPrice(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  return `${sign}¥${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

/** A countdown: 1:02:03 or 02:03, from milliseconds (never negative). */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Time of day for a session tab, in the visitor's time zone: 10:00. */
export function formatClock(iso: string, locale: Locale): string {
  return new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', hour12: false });
}

export function formatDateTime(iso: string, locale: Locale): string {
  return new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short', hour12: false });
}

/** A session's time slot; the end's date only when it differs: "2026年11月11日 10:00 – 10:30". */
export function formatTimeSlot(startsAt: string, endsAt: string, locale: Locale): string {
  const sameDay = new Date(startsAt).toDateString() === new Date(endsAt).toDateString();
  return `${formatDateTime(startsAt, locale)} – ${sameDay ? formatClock(endsAt, locale) : formatDateTime(endsAt, locale)}`;
}
