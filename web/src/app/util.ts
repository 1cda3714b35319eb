/**
 * Titles and honorifics that come before a name and are not part of it: "Dr Chloe Turner" is
 * CT, not DT. Compared without a trailing full stop and ignoring case ("Dr.", "PROF").
 */
const TITLES = new Set([
  'dr', 'mr', 'mrs', 'ms', 'miss', 'mx', 'prof', 'professor', 'sr', 'sister', 'sir', 'dame', 'lady', 'lord', 'rev', 'revd', 'fr', 'nurse',
]);

/** Two initials for an avatar: the first and last words of a name, leading titles and "(…)" left out; a name that is only a title keeps its last word. */
export function initials(name: string | undefined): string {
  const words = (name ?? '?').replace(/\(.*?\)/g, '').trim().split(/\s+/).filter(Boolean);
  // Only leading titles ("Prof Dr …"): a surname such as "Nurse" or "Lord" later in the name stays.
  let skip = 0;
  while (skip < words.length - 1 && TITLES.has(words[skip].replace(/\.$/, '').toLowerCase())) skip++;
  const parts = words.slice(skip);
  if (parts.length === 0) return '?';
  const first = [...parts[0]][0] ?? '';
  const last = parts.length > 1 ? ([...parts[parts.length - 1]][0] ?? '') : '';
  return (first + last).toUpperCase();
}

export function dayLabel(d: Date, now = new Date()): string {
  const sameDay = (a: Date, b: Date) => a.toDateString() === b.toDateString();
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(d, now)) return 'Today';
  if (sameDay(d, yesterday)) return 'Yesterday';
  return d.toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

/** The person's time format (Settings; set by settings/applyPreferences.ts): 14:30 or 2:30 pm. */
let hour12 = false;
export function setTimeFormat(format: '24h' | '12h'): void {
  hour12 = format === '12h';
}

export function timeLabel(d: Date): string {
  return hour12
    ? d.toLocaleTimeString('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true })
    : d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

/** Drafts per conversation and thread, kept on the device (store/drafts.ts). */
export { drafts } from '../store/drafts';

/** Organisation and platform admins reach the admin pages (/admin), which check the role again. */
export function isAdmin(me: { role?: string }): boolean {
  return me.role === 'org_admin' || me.role === 'platform_admin';
}
