import { formatClock, formatDateTime } from '../format';
import type { Locale } from '../i18n/locale';

/** A clock with seconds, for a dashboard that changes every second: 10:00:05. */
export function formatTime(iso: string, locale: Locale): string {
  return new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

/** A session's slot; the end drops its date when it is the same day: "1月1日 10:00 – 10:30". */
export function sessionRange(startsAt: string, endsAt: string, locale: Locale): string {
  const sameDay = new Date(startsAt).toDateString() === new Date(endsAt).toDateString();
  return `${formatDateTime(startsAt, locale)} – ${sameDay ? formatClock(endsAt, locale) : formatDateTime(endsAt, locale)}`;
}
