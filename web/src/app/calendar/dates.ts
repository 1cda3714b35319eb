/**
 * Date maths for the calendar, all in an explicit IANA time zone (the browser's for the grid,
 * the meeting's for the form), never in the Date object's own local methods: a week that holds a
 * clock change has 167 or 169 hours, and a meeting at 13:00 must still sit on the 13:00 row.
 * Days are named by their calendar date, "YYYY-MM-DD", which every zone agrees on.
 */

/** The browser's time zone (the grid shows meetings in it). */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export interface WallClock {
  /** "YYYY-MM-DD" */
  date: string;
  /** Minutes since midnight, 0–1439. */
  minutes: number;
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();
function partsFormat(zone: string): Intl.DateTimeFormat {
  let f = partsFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormats.set(zone, f);
  }
  return f;
}

function fields(instant: Date, zone: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of partsFormat(zone).formatToParts(instant)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** What a wall clock in `zone` shows at `instant`. */
export function wallClock(instant: Date, zone: string): WallClock {
  const f = fields(instant, zone);
  return { date: `${f.year}-${pad(f.month)}-${pad(f.day)}`, minutes: f.hour * 60 + f.minute };
}

/** The zone's offset from UTC at `instant`, in minutes (Europe/London in summer: +60). */
export function offsetMinutes(instant: Date, zone: string): number {
  const f = fields(instant, zone);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant a wall clock in `zone` shows `date` at `minutes` past midnight. A time skipped by
 * a clock change (01:30 on the last Sunday of March in London) moves forward by the gap; a time
 * that happens twice takes the first.
 */
export function zonedInstant(date: string, minutes: number, zone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d, 0, minutes);
  // The offsets a day either side: equal except across a clock change.
  const before = guess - offsetMinutes(new Date(guess - 86_400_000), zone) * 60_000;
  const after = guess - offsetMinutes(new Date(guess + 86_400_000), zone) * 60_000;
  const shows = (t: number) => {
    const wc = wallClock(new Date(t), zone);
    return wc.date === date && wc.minutes === minutes;
  };
  const valid = [before, after].filter(shows).sort((a, b) => a - b);
  // In a gap neither shows it: the offset before the change moves it on by the gap.
  return new Date(valid.length > 0 ? valid[0] : before);
}

/** An offset date-time the server reads as written: "2027-03-30T13:00:00+01:00". */
export function offsetDateTime(date: string, minutes: number, zone: string): string {
  const instant = zonedInstant(date, minutes, zone);
  const wc = wallClock(instant, zone);
  const off = offsetMinutes(instant, zone);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${wc.date}T${hhmm(wc.minutes)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The date `n` days after `date` (calendar days: no clock is involved). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** 0 = Monday … 6 = Sunday (weeks start on Monday in the UK). */
export function weekdayIndex(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/** The Monday of the week `date` is in. */
export function mondayOf(date: string): string {
  return addDays(date, -weekdayIndex(date));
}

export type CalendarView = 'week' | 'day';

/** The days shown, and the instants to ask the server for (`from` inclusive, `to` exclusive). */
export interface VisibleRange {
  days: string[];
  from: Date;
  to: Date;
}

export function visibleRange(view: CalendarView, anchor: string, zone: string): VisibleRange {
  const first = view === 'week' ? mondayOf(anchor) : anchor;
  const count = view === 'week' ? 7 : 1;
  const days = Array.from({ length: count }, (_, i) => addDays(first, i));
  return { days, from: zonedInstant(first, 0, zone), to: zonedInstant(addDays(first, count), 0, zone) };
}

/** Previous or next: a week or a day back or on. */
export function step(view: CalendarView, anchor: string, direction: -1 | 1): string {
  return addDays(anchor, direction * (view === 'week' ? 7 : 1));
}

/** One meeting's piece on one day of the grid. */
export interface Block<T> {
  item: T;
  date: string;
  /** Minutes since that day's midnight, wall clock. */
  top: number;
  /** Minutes; at least 15 so a short meeting stays readable and clickable. */
  height: number;
  /** Side-by-side placement among the meetings it overlaps. */
  column: number;
  columns: number;
}

export const MIN_BLOCK_MINUTES = 15;

/**
 * Places meetings on the days shown: each occurrence on the day(s) it covers, at its wall-clock
 * start (so a 13:00 meeting is at 13:00 on a clock-change day too), overlapping ones side by side
 * in the fewest columns (greedy, in start order; a cluster of overlaps shares one column count).
 */
export function layoutBlocks<T>(
  items: T[],
  span: (item: T) => { start: Date; end: Date },
  days: string[],
  zone: string,
): Block<T>[] {
  const out: Block<T>[] = [];
  for (const date of days) {
    const dayStart = zonedInstant(date, 0, zone).getTime();
    const dayEnd = zonedInstant(addDays(date, 1), 0, zone).getTime();
    const pieces = items
      .map((item) => ({ item, ...span(item) }))
      .filter((p) => p.start.getTime() < dayEnd && p.end.getTime() > dayStart)
      .map((p) => {
        const top = p.start.getTime() <= dayStart ? 0 : wallClock(p.start, zone).minutes;
        const bottom = p.end.getTime() >= dayEnd ? 24 * 60 : wallClock(p.end, zone).minutes;
        return { item: p.item, top, bottom: Math.max(bottom, top + MIN_BLOCK_MINUTES) };
      })
      .sort((a, b) => a.top - b.top || b.bottom - a.bottom);
    let cluster: { block: Block<T>; bottom: number }[] = [];
    let clusterEnd = -1;
    const close = () => {
      const columns = Math.max(1, ...cluster.map((c) => c.block.column + 1));
      for (const c of cluster) c.block.columns = columns;
      cluster = [];
    };
    for (const p of pieces) {
      if (p.top >= clusterEnd) close();
      const taken = new Set(cluster.filter((c) => c.bottom > p.top).map((c) => c.block.column));
      let column = 0;
      while (taken.has(column)) column++;
      const block: Block<T> = { item: p.item, date, top: p.top, height: p.bottom - p.top, column, columns: 1 };
      cluster.push({ block, bottom: p.bottom });
      clusterEnd = Math.max(clusterEnd, p.bottom);
      out.push(block);
    }
    close();
  }
  return out;
}

/** "HH:MM" from minutes since midnight. */
export function hhmm(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** Minutes since midnight from "HH:MM", or null when it is not a time. */
export function parseHhmm(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? h * 60 + min : null;
}

/** A wall-clock time in the person's format (Settings): "13:00" or "1:00 pm". */
export function clockLabel(minutes: number, hour12: boolean): string {
  if (!hour12) return hhmm(minutes);
  const h = Math.floor(minutes / 60) % 24;
  const suffix = h < 12 ? 'am' : 'pm';
  return `${h % 12 === 0 ? 12 : h % 12}:${pad(minutes % 60)} ${suffix}`;
}

/** An hour row's label: "13:00", or "1 pm". */
export function hourLabel(hour: number, hour12: boolean): string {
  if (!hour12) return `${pad(hour)}:00`;
  return `${hour % 12 === 0 ? 12 : hour % 12} ${hour < 12 ? 'am' : 'pm'}`;
}

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function dayName(date: string): string {
  return DAY_NAMES[weekdayIndex(date)];
}

/** "Tue 30" for a column heading; "Tuesday 30 March 2027" in full. */
export function dayHeading(date: string, full = false): string {
  const [y, m, d] = date.split('-').map(Number);
  const name = dayName(date);
  return full ? `${name} ${d} ${MONTHS[m - 1]} ${y}` : `${name.slice(0, 3)} ${d}`;
}

/** The heading of the range: "30 March – 5 April 2027", or one day in full. */
export function rangeHeading(days: string[]): string {
  if (days.length === 1) return dayHeading(days[0], true);
  const [y1, m1, d1] = days[0].split('-').map(Number);
  const [y2, m2, d2] = days[days.length - 1].split('-').map(Number);
  if (y1 !== y2) return `${d1} ${MONTHS[m1 - 1]} ${y1} – ${d2} ${MONTHS[m2 - 1]} ${y2}`;
  if (m1 !== m2) return `${d1} ${MONTHS[m1 - 1]} – ${d2} ${MONTHS[m2 - 1]} ${y2}`;
  return `${d1}–${d2} ${MONTHS[m2 - 1]} ${y2}`;
}

/** A short name of a zone at an instant, as people read it: "GMT", "BST", "CET"… */
export function zoneAbbreviation(instant: Date, zone: string): string {
  const part = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'short' })
    .formatToParts(instant)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}

export function pad(n: number): string {
  return String(n).padStart(2, '0');
}
