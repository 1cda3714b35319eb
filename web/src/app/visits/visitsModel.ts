/**
 * The ward view's pure parts: which local day (Europe/London) a visit falls on, its time in
 * words, which buttons a visit allows and why not, and the Settings form's drafts to and from
 * the PATCH body. No React, no fetch: tested in visitsModel.test.ts.
 */
import {
  WEEKDAYS,
  type CalendarChange,
  type CalendarField,
  type HoursException,
  type OpeningRange,
  type Visit,
  type VisitCalendarDetail,
  type VisitStatus,
  type WeeklyHours,
  type Weekday,
} from './api';

/** Every calendar's zone (docs/virtual-visits.md, "Model"). */
export const ZONE = 'Europe/London';

const dateParts = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The local date (Europe/London) of an instant, "YYYY-MM-DD". */
export function londonDate(at: number | string | Date): string {
  const d = typeof at === 'number' || at instanceof Date ? new Date(at) : new Date(Date.parse(at));
  const p = Object.fromEntries(dateParts.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

/** A local date `n` days after another (calendar arithmetic: no zone, no clock change). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Today's and tomorrow's visits (local days in Europe/London), each by start. Others are left out. */
export function dayBuckets(visits: Visit[], now: number): { today: Visit[]; tomorrow: Visit[]; from: string } {
  const today = londonDate(now);
  const tomorrow = addDays(today, 1);
  const byStart = [...visits].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  return {
    from: today,
    today: byStart.filter((v) => londonDate(v.start) === today),
    tomorrow: byStart.filter((v) => londonDate(v.start) === tomorrow),
  };
}

/** "14:00" (or "2:00 pm") in Europe/London. */
export function localTime(at: string | number, hour12 = false): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: hour12 ? 'numeric' : '2-digit', minute: '2-digit', hour12 }).format(
    typeof at === 'number' ? at : Date.parse(at),
  );
}

/** "14:00–14:30" in Europe/London. */
export function timeRange(v: Pick<Visit, 'start' | 'end'>, hour12 = false): string {
  return `${localTime(v.start, hour12)}–${localTime(v.end, hour12)}`;
}

/** "Tuesday 12 January" for a local date. */
export function dayText(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }).format(Date.UTC(y, m - 1, d));
}

export function statusLabel(s: VisitStatus): string {
  return s === 'booked' ? 'Booked' : s === 'cancelled' ? 'Cancelled' : s === 'attended' ? 'Attended' : 'No-show';
}

/** One action's state: allowed, or why not (said in the button's title and beside it). */
export interface ActionState {
  enabled: boolean;
  reason: string | null;
}
export interface VisitActions {
  /** Attended and No-show share one rule. */
  outcome: ActionState;
  email: ActionState;
  cancel: ActionState;
}

const ok: ActionState = { enabled: true, reason: null };
const no = (reason: string): ActionState => ({ enabled: false, reason });

/**
 * What a visit allows now. Attended / No-show: only a booked visit whose start has passed (the
 * server refuses others with 409 visit-state). Cancel: a booked visit that has not ended. Email:
 * any visit but a cancelled one (its visitor had the cancellation email with the reason).
 */
export function visitActions(v: Pick<Visit, 'status' | 'start' | 'end'>, now: number, hour12 = false): VisitActions {
  const done = v.status === 'attended' || v.status === 'no-show';
  const outcome =
    v.status === 'cancelled'
      ? no('This visit was cancelled.')
      : done
        ? no(`Already marked ${statusLabel(v.status).toLowerCase()}.`)
        : now < Date.parse(v.start)
          ? no(`Attended and No-show can be marked from ${localTime(v.start, hour12)}, when the visit starts.`)
          : ok;
  const cancel =
    v.status === 'cancelled'
      ? no('Already cancelled.')
      : done
        ? no('This visit has taken place.')
        : now >= Date.parse(v.end)
          ? no('This visit has ended: mark it attended or no-show.')
          : ok;
  const email = v.status === 'cancelled' ? no('This visit was cancelled; the visitor was told why.') : ok;
  return { outcome, email, cancel };
}

export const EMAIL_MAX = 2000;

// ---- Settings: opening hours -------------------------------------------------------------

export const MAX_RANGES = 4;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A day's ranges as the editor holds them: strings, possibly half typed. */
export type RangesDraft = OpeningRange[];
export type HoursDraft = Record<Weekday, RangesDraft>;

export function hoursDraft(h: WeeklyHours): HoursDraft {
  const out = {} as HoursDraft;
  for (const d of WEEKDAYS) out[d] = (h[d] ?? []).map((r) => ({ ...r }));
  return out;
}

/** The weekly hours for the PATCH body: every weekday present (an empty list is closed), ranges by start. */
export function hoursBody(d: HoursDraft): WeeklyHours {
  const out = {} as WeeklyHours;
  for (const day of WEEKDAYS) out[day] = sortRanges(d[day] ?? []);
  return out;
}

function sortRanges(rs: RangesDraft): OpeningRange[] {
  return rs.map((r) => ({ opens: r.opens.trim(), closes: r.closes.trim() })).sort((a, b) => a.opens.localeCompare(b.opens));
}

/** The first problem with one day's ranges, or null. */
export function rangesProblem(rs: RangesDraft): string | null {
  if (rs.length > MAX_RANGES) return `At most ${MAX_RANGES} ranges a day.`;
  for (const r of rs) {
    if (!HHMM.test(r.opens.trim()) || !HHMM.test(r.closes.trim())) return 'Times are 24-hour HH:MM, e.g. 14:00.';
    if (r.opens.trim() >= r.closes.trim()) return `${r.opens}–${r.closes}: the end must be after the start.`;
  }
  const sorted = sortRanges(rs);
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i].opens < sorted[i - 1].closes) return `${sorted[i - 1].opens}–${sorted[i - 1].closes} and ${sorted[i].opens}–${sorted[i].closes} overlap.`;
  return null;
}

/** "Mon 10:00–12:00, 14:00–16:00 · Tue closed …": the hours in one line. */
export function hoursSummary(h: WeeklyHours): string {
  return WEEKDAYS.map((d) => `${d[0]}${d.slice(1, 3).toLowerCase()} ${h[d].length ? h[d].map((r) => `${r.opens}–${r.closes}`).join(', ') : 'closed'}`).join(' · ');
}

// ---- Settings: the whole form ------------------------------------------------------------

export interface SettingsDraft {
  name: string;
  published: boolean;
  durationMinutes: string;
  bufferMinutes: string;
  placesPerSlot: string;
  bookAheadDays: string;
  minNoticeMinutes: string;
  hours: HoursDraft;
  exceptions: HoursException[];
  fields: CalendarField[];
  privacyNotice: string;
  consentText: string;
  hosts: { userId: string; device: boolean }[];
  managers: string[];
}

export function settingsDraft(c: VisitCalendarDetail): SettingsDraft {
  return {
    name: c.name,
    published: c.published,
    durationMinutes: String(c.durationMinutes),
    bufferMinutes: String(c.bufferMinutes),
    placesPerSlot: String(c.placesPerSlot),
    bookAheadDays: String(c.bookAheadDays),
    minNoticeMinutes: String(c.minNoticeMinutes),
    hours: hoursDraft(c.hours),
    exceptions: c.exceptions.map((e) => ({ date: e.date, hours: e.hours.map((r) => ({ ...r })) })),
    fields: c.fields.map((f) => ({ ...f })),
    privacyNotice: c.privacyNotice,
    consentText: c.consentText,
    hosts: c.hosts.map((h) => ({ ...h })),
    managers: [...c.managers],
  };
}

/** The limits of docs/virtual-visits.md ("Model"); the server checks them again. */
export const LIMITS = {
  durationMinutes: [5, 240],
  bufferMinutes: [0, 120],
  placesPerSlot: [1, 20],
  bookAheadDays: [1, 90],
  minNoticeMinutes: [0, 10080],
} as const;
export type NumberField = keyof typeof LIMITS;
export const TEXT_MAX = 4000;
export const MAX_FIELDS = 6;
const FIELD_NAME = /^[a-z][a-zA-Z0-9]{0,39}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A field's name from its label: "Relationship to patient" → "relationshipToPatient". */
export function fieldNameFrom(label: string): string {
  const words = label
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9 ]/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const name = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join('');
  return name.replace(/^[0-9]+/, '').slice(0, 40);
}

/** The form's problems by field key (the same keys the server's `field` uses); empty when it can be sent. */
export function settingsProblems(d: SettingsDraft): Record<string, string> {
  const p: Record<string, string> = {};
  if (!d.name.trim()) p.name = 'Give the calendar a name.';
  for (const [k, [lo, hi]] of Object.entries(LIMITS) as [NumberField, readonly [number, number]][]) {
    const n = Number(d[k]);
    if (d[k].trim() === '' || !Number.isInteger(n) || n < lo || n > hi) p[k] = `A whole number from ${lo} to ${hi}.`;
  }
  for (const day of WEEKDAYS) {
    const r = rangesProblem(d.hours[day]);
    if (r) p[`hours.${day}`] = r;
  }
  const seen = new Set<string>();
  d.exceptions.forEach((e, i) => {
    if (!DATE.test(e.date)) p[`exceptions.${i}.date`] = 'Choose a date.';
    else if (seen.has(e.date)) p[`exceptions.${i}.date`] = 'This date is listed twice.';
    seen.add(e.date);
    const r = rangesProblem(e.hours);
    if (r) p[`exceptions.${i}.hours`] = r;
  });
  if (d.fields.length > MAX_FIELDS) p.fields = `At most ${MAX_FIELDS} fields (the patient’s name is always asked).`;
  const names = new Set<string>();
  d.fields.forEach((f, i) => {
    if (!f.label.trim()) p[`fields.${i}.label`] = 'Give the field a label.';
    if (!FIELD_NAME.test(f.name)) p[`fields.${i}.name`] = 'Letters and digits, starting with a lower-case letter.';
    else if (names.has(f.name)) p[`fields.${i}.name`] = 'Two fields have this name.';
    names.add(f.name);
  });
  if (d.privacyNotice.length > TEXT_MAX) p.privacyNotice = `At most ${TEXT_MAX} characters.`;
  if (d.consentText.length > TEXT_MAX) p.consentText = `At most ${TEXT_MAX} characters.`;
  return p;
}

/** The PATCH body for a draft: every setting, numbers as numbers, hours with all seven days. */
export function settingsBody(d: SettingsDraft): CalendarChange {
  return {
    name: d.name.trim(),
    published: d.published,
    durationMinutes: Number(d.durationMinutes),
    bufferMinutes: Number(d.bufferMinutes),
    placesPerSlot: Number(d.placesPerSlot),
    bookAheadDays: Number(d.bookAheadDays),
    minNoticeMinutes: Number(d.minNoticeMinutes),
    hours: hoursBody(d.hours),
    exceptions: [...d.exceptions].map((e) => ({ date: e.date, hours: sortRanges(e.hours) })).sort((a, b) => a.date.localeCompare(b.date)),
    fields: d.fields.map((f) => ({ name: f.name.trim(), label: f.label.trim(), required: f.required })),
    privacyNotice: d.privacyNotice,
    consentText: d.consentText,
    hosts: d.hosts.map((h) => ({ userId: h.userId, device: h.device })),
    managers: [...d.managers],
  };
}

/**
 * Where to show the server's refusal of `field` ("hours.MONDAY[0].opens", "fields[1].name"): the
 * longest of `known` keys it starts with, or null (then only the form's summary says it).
 */
export function problemKeyFor(field: string | null | undefined, known: Iterable<string>): string | null {
  if (!field) return null;
  const keys = new Set(known);
  let k = field.replace(/\[(\d+)\]/g, '.$1');
  for (;;) {
    if (keys.has(k)) return k;
    const cut = k.lastIndexOf('.');
    if (cut < 0) return null;
    k = k.slice(0, cut);
  }
}

/** The keys the Settings form can show a problem beside. */
export function settingsKeys(d: SettingsDraft): string[] {
  return [
    'name',
    'published',
    ...Object.keys(LIMITS),
    'hours',
    ...WEEKDAYS.map((w) => `hours.${w}`),
    'exceptions',
    ...d.exceptions.flatMap((_, i) => [`exceptions.${i}.date`, `exceptions.${i}.hours`]),
    'fields',
    ...d.fields.flatMap((_, i) => [`fields.${i}.label`, `fields.${i}.name`]),
    'privacyNotice',
    'consentText',
    'hosts',
    'managers',
  ];
}

export const SLUG = /^[a-z][a-z0-9-]{1,39}$/;

/** A slug from a name: "Ward 7 visits" → "ward-7-visits". */
export function slugFrom(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}
