/*
 * Dates and slots as the visitor sees them: every calendar is in Europe/London, and the server
 * gives each slot its local date and time, so the page never converts those itself.
 */

export const ZONE = 'Europe/London';

/** One bookable slot as `GET .../slots` gives it. */
export interface Slot {
  start: string;
  end: string;
  localDate: string;
  localTime: string;
  placesLeft: number;
}

export interface SlotDay {
  localDate: string;
  slots: Slot[];
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function parseLocalDate(localDate: string): Date {
  const [y, m, d] = localDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/** "2027-01-12" → "Tuesday 12 January" (the GOV.UK style, no comma, no year). */
export function formatLocalDate(localDate: string): string {
  const d = parseLocalDate(localDate);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/** The local date {@code days} after {@code localDate} (negative for before). */
export function addDays(localDate: string, days: number): string {
  const d = parseLocalDate(localDate);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The local date (YYYY-MM-DD) and time (HH:mm) of an instant in Europe/London. */
export function localDateTime(instant: string | Date): { localDate: string; localTime: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(typeof instant === 'string' ? new Date(instant) : instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return { localDate: `${get('year')}-${get('month')}-${get('day')}`, localTime: `${get('hour')}:${get('minute')}` };
}

/** Today's date in Europe/London. */
export function todayInLondon(now: Date = new Date()): string {
  return localDateTime(now).localDate;
}

/** "14:00 on Tuesday 12 January" for an instant. */
export function formatInstant(instant: string): string {
  const { localDate, localTime } = localDateTime(instant);
  return `${localTime} on ${formatLocalDate(localDate)}`;
}

/** Slots grouped by local date, days in date order and slots in time order within each. */
export function groupByDay(slots: Slot[]): SlotDay[] {
  const byDate = new Map<string, Slot[]>();
  for (const s of slots) {
    const list = byDate.get(s.localDate);
    if (list) list.push(s);
    else byDate.set(s.localDate, [s]);
  }
  return [...byDate.keys()].sort().map((localDate) => ({
    localDate,
    slots: byDate.get(localDate)!.slice().sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)),
  }));
}
