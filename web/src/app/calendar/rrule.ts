/**
 * Repeats of a meeting as RFC 5545 RRULE text (the server expands them with ical4j): the form's
 * choices become a rule, a rule becomes words ("Every Tuesday"), and custom text is checked
 * before it is sent so a typo is named next to the field rather than as a server error.
 */
import { dayName, weekdayIndex } from './dates';

export type RepeatChoice = 'none' | 'daily' | 'weekdays' | 'weekly' | 'custom';

const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const DAY_WORDS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Thrown for custom text that is not a rule we can send. */
export class RruleError extends Error {}

/**
 * The rule for a choice, or null for a one-off meeting. `date` is the first occurrence's date
 * ("YYYY-MM-DD", in the meeting's zone): "weekly" repeats on its weekday.
 */
export function buildRrule(choice: RepeatChoice, date: string, custom = ''): string | null {
  switch (choice) {
    case 'none':
      return null;
    case 'daily':
      return 'FREQ=DAILY';
    case 'weekdays':
      return 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR';
    case 'weekly':
      return `FREQ=WEEKLY;BYDAY=${BYDAY[weekdayIndex(date)]}`;
    case 'custom':
      return normaliseCustom(custom);
  }
}

const KEYS = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYSETPOS', 'WKST', 'BYWEEKNO', 'BYYEARDAY']);
const FREQS = new Set(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);

/** Custom text as a rule: "RRULE:" dropped, upper case, each part checked. */
export function normaliseCustom(text: string): string {
  const rule = text.trim().replace(/^RRULE:/i, '').toUpperCase();
  if (!rule) throw new RruleError('Write a rule, for example FREQ=WEEKLY;INTERVAL=2;BYDAY=TU');
  const parts = new Map<string, string>();
  for (const part of rule.split(';').filter(Boolean)) {
    const [key, value, ...rest] = part.split('=');
    if (!value || rest.length > 0) throw new RruleError(`"${part}" is not KEY=VALUE`);
    if (!KEYS.has(key)) throw new RruleError(`${key} is not a rule part we know`);
    if (parts.has(key)) throw new RruleError(`${key} is given twice`);
    parts.set(key, value);
  }
  const freq = parts.get('FREQ');
  if (!freq || !FREQS.has(freq)) throw new RruleError('The rule needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY');
  // Secondly, minutely and hourly meetings are not meetings; the server would refuse them too.
  for (const key of ['INTERVAL', 'COUNT']) {
    const v = parts.get(key);
    if (v !== undefined && !/^[1-9]\d{0,3}$/.test(v)) throw new RruleError(`${key} must be a whole number from 1`);
  }
  if (parts.has('COUNT') && parts.has('UNTIL')) throw new RruleError('Use COUNT or UNTIL, not both');
  const byday = parts.get('BYDAY');
  if (byday && !byday.split(',').every((d) => /^(-?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.test(d))) {
    throw new RruleError('BYDAY takes days such as MO,TU or 1TU');
  }
  const until = parts.get('UNTIL');
  if (until && !/^\d{8}(T\d{6}Z)?$/.test(until)) throw new RruleError('UNTIL is a date such as 20271231 or 20271231T235959Z');
  return [...parts].map(([k, v]) => `${k}=${v}`).join(';');
}

/** The form's choice for a stored rule (a rule the choices cannot say is custom). */
export function choiceOf(rule: string | null | undefined, date: string): RepeatChoice {
  if (!rule) return 'none';
  for (const c of ['daily', 'weekdays', 'weekly'] as const) if (buildRrule(c, date) === rule) return c;
  return 'custom';
}

/** A rule in words: "Every Tuesday", "Every weekday", "Every 2 weeks on Tuesday and Thursday". */
export function describeRrule(rule: string | null | undefined, firstDate?: string): string | null {
  if (!rule) return null;
  const parts = new Map(
    rule
      .replace(/^RRULE:/i, '')
      .split(';')
      .filter(Boolean)
      .map((p) => p.split('=') as [string, string]),
  );
  const interval = Number(parts.get('INTERVAL') ?? '1');
  const days = (parts.get('BYDAY') ?? '').split(',').filter(Boolean);
  const plainDays = days.every((d) => BYDAY.includes(d));
  let words: string;
  switch (parts.get('FREQ')) {
    case 'DAILY':
      words = interval === 1 ? 'Every day' : `Every ${interval} days`;
      break;
    case 'WEEKLY': {
      if (!plainDays) return 'Repeats (custom rule)';
      const names = days.length > 0 ? days.map((d) => DAY_WORDS[BYDAY.indexOf(d)]) : firstDate ? [dayName(firstDate)] : [];
      if (days.join(',') === 'MO,TU,WE,TH,FR' && interval === 1) words = 'Every weekday';
      else if (interval === 1) words = names.length > 0 ? `Every ${listWords(names)}` : 'Every week';
      else words = `Every ${interval} weeks${names.length > 0 ? ` on ${listWords(names)}` : ''}`;
      break;
    }
    case 'MONTHLY':
      words = interval === 1 ? 'Every month' : `Every ${interval} months`;
      break;
    case 'YEARLY':
      words = interval === 1 ? 'Every year' : `Every ${interval} years`;
      break;
    default:
      return 'Repeats (custom rule)';
  }
  const count = parts.get('COUNT');
  const until = parts.get('UNTIL');
  if (count) words += `, ${count} times`;
  else if (until) words += `, until ${Number(until.slice(6, 8))}/${Number(until.slice(4, 6))}/${until.slice(0, 4)}`;
  return words;
}

function listWords(names: string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
