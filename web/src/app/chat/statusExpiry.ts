/**
 * "Clear after" for a chosen status: the choices the status picker offers, the time each
 * means, and how an expiry reads ("until 17:00"). The server reverts the status and note to
 * automatic at that time and announces it (docs/protocol.md, section 3.6). Pure: no DOM.
 */
import { timeLabel } from '../util';

export type ExpiryChoice = 'never' | '1h' | '4h' | 'today-17' | 'tomorrow-8' | 'custom';

/** The server refuses an expiry further ahead than this (PresenceService.MAX_UNTIL). */
export const MAX_AHEAD_MS = 31 * 24 * 3600 * 1000;

/** The choices offered at `now`: "Today at 17:00" only before 17:00. */
export function expiryChoices(now: Date): { value: ExpiryChoice; label: string }[] {
  const out: { value: ExpiryChoice; label: string }[] = [
    { value: 'never', label: 'Never' },
    { value: '1h', label: '1 hour' },
    { value: '4h', label: '4 hours' },
  ];
  if (at(now, 0, 17).getTime() > now.getTime()) out.push({ value: 'today-17', label: 'Today at 17:00' });
  out.push({ value: 'tomorrow-8', label: 'Tomorrow at 08:00' }, { value: 'custom', label: 'Choose a time…' });
  return out;
}

function at(now: Date, days: number, hour: number): Date {
  const d = new Date(now);
  d.setDate(d.getDate() + days);
  d.setHours(hour, 0, 0, 0);
  return d;
}

/**
 * The ISO time a choice means at `now` (local time of the device), null for never. `custom` is
 * the value of a datetime-local input ("2026-12-07T17:30"); undefined when it is empty or not a
 * time in the future within the server's limit, so the form can say so before sending.
 */
export function untilFor(choice: ExpiryChoice, now: Date, custom = ''): string | null | undefined {
  switch (choice) {
    case 'never':
      return null;
    case '1h':
      return new Date(now.getTime() + 3600_000).toISOString();
    case '4h':
      return new Date(now.getTime() + 4 * 3600_000).toISOString();
    case 'today-17':
      return at(now, 0, 17).toISOString();
    case 'tomorrow-8':
      return at(now, 1, 8).toISOString();
    case 'custom': {
      if (!custom) return undefined;
      const d = new Date(custom); // no zone in a datetime-local value: local time
      const t = d.getTime();
      if (Number.isNaN(t) || t <= now.getTime() || t > now.getTime() + MAX_AHEAD_MS) return undefined;
      return d.toISOString();
    }
  }
}

/** "until 17:00" today, "until tomorrow 08:00", else "until Mon 14 Dec, 17:00"; '' for none. */
export function untilText(until: string | null | undefined, now = new Date()): string {
  if (!until) return '';
  const d = new Date(until);
  if (Number.isNaN(d.getTime())) return '';
  if (d.toDateString() === now.toDateString()) return `until ${timeLabel(d)}`;
  const tomorrow = new Date(now);
  tomorrow.setDate(now.getDate() + 1);
  if (d.toDateString() === tomorrow.toDateString()) return `until tomorrow ${timeLabel(d)}`;
  return `until ${d.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short' })}, ${timeLabel(d)}`;
}

/** A datetime-local value ("YYYY-MM-DDTHH:MM") for a time, in the device's zone. */
export function localInputValue(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
