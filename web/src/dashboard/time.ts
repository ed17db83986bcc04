import type { Locale } from '../i18n/locale';

/** A clock with seconds, for a dashboard that changes every second: 10:00:05. */
export function formatTime(iso: string, locale: Locale): string {
  return new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}
