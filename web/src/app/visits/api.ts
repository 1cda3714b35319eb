/**
 * Virtual visits over REST (docs/virtual-visits.md, "HTTP API", Signed in): booking calendars and
 * the ward's visits. Every call and wire type of the ward view is here, so a change of a field
 * name on the server is one edit. Answers go through small normalisers: a missing optional field
 * reads as empty rather than blanking the list.
 */
import { request } from '../../api';

export type VisitStatus = 'booked' | 'cancelled' | 'attended' | 'no-show';
export const VISIT_STATUSES: readonly VisitStatus[] = ['booked', 'cancelled', 'attended', 'no-show'];

/** ISO weekdays as the server names them (java.time.DayOfWeek). */
export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One opening range of local times (Europe/London), "HH:MM". */
export interface OpeningRange {
  opens: string;
  closes: string;
}
export type WeeklyHours = Record<Weekday, OpeningRange[]>;
/** Other hours on one date; no ranges means closed that day. */
export interface HoursException {
  date: string;
  hours: OpeningRange[];
}
export interface CalendarField {
  name: string;
  label: string;
  required: boolean;
}
export interface CalendarHost {
  userId: string;
  /** A ward device: a person account used on the ward's shared tablet. */
  device: boolean;
}

/** A calendar as the list answers it (the ones I may see). */
export interface VisitCalendar {
  id: string;
  name: string;
  slug: string;
  teamId: string;
  teamName: string;
  channelId: string;
  published: boolean;
  canManage: boolean;
  /** The public booking page, when the server says it (else made from the slug). */
  bookingUrl: string | null;
  /** Its hosts (staff and ward devices): the kiosk opens by itself for a device. */
  hosts: CalendarHost[];
}

/** A calendar with everything its Settings edit (GET /api/v1/visit-calendars/{id}). */
export interface VisitCalendarDetail extends VisitCalendar {
  durationMinutes: number;
  bufferMinutes: number;
  placesPerSlot: number;
  bookAheadDays: number;
  minNoticeMinutes: number;
  hours: WeeklyHours;
  exceptions: HoursException[];
  fields: CalendarField[];
  privacyNotice: string;
  consentText: string;
  hosts: CalendarHost[];
  managers: string[];
}

/** What Settings sends (PATCH): any subset of these. */
export type CalendarChange = Partial<
  Pick<
    VisitCalendarDetail,
    | 'name'
    | 'published'
    | 'durationMinutes'
    | 'bufferMinutes'
    | 'placesPerSlot'
    | 'bookAheadDays'
    | 'minNoticeMinutes'
    | 'hours'
    | 'exceptions'
    | 'fields'
    | 'privacyNotice'
    | 'consentText'
    | 'hosts'
    | 'managers'
  >
>;

/** A new calendar (POST): the team, the channel for its notices, its name and public slug. */
export interface NewCalendar extends CalendarChange {
  teamId: string;
  channelId: string;
  name: string;
  slug: string;
}

export interface Visit {
  id: string;
  calendarId: string;
  reference: string;
  start: string;
  end: string;
  status: VisitStatus;
  visitorName: string;
  visitorEmail: string;
  visitorMobile: string | null;
  /** As the visitor typed it: not verified. */
  patientName: string;
  /** The ward's fields as the visitor answered them (`bed` and others). */
  answers: Record<string, string>;
  /** The visit's live call, or null (the joining step). */
  callId: string | null;
  /** Guests waiting in its lobby, oldest first. */
  waiting: WaitingGuest[];
  /** How many people are in its call. */
  inCall: number;
}

export type GuestRole = 'visitor' | 'interpreter';
/** A guest waiting in a visit's lobby: `guestId` is the guest's account (the lobby's userId). */
export interface WaitingGuest {
  guestId: string;
  name: string;
  role: GuestRole;
  since: string;
}

type Raw = Record<string, unknown>;
type Items = { items?: Raw[] };
const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));
const strOrNull = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const list = (v: unknown): Raw[] => (Array.isArray(v) ? (v as Raw[]) : []);

export function toRanges(v: unknown): OpeningRange[] {
  return list(v).map((r) => ({ opens: str(r.opens ?? r.from).slice(0, 5), closes: str(r.closes ?? r.to).slice(0, 5) }));
}

/**
 * Weekly hours from the wire, in either shape: a map by weekday name
 * (`{"MONDAY":[{opens,closes}]}`, the contract in docs/virtual-visits.md) or a flat list of ranges
 * by ISO weekday number (`[{weekday:1, opens, closes}]`, java.time's shape).
 */
export function toWeeklyHours(v: unknown): WeeklyHours {
  const out = {} as WeeklyHours;
  for (const d of WEEKDAYS) out[d] = [];
  if (Array.isArray(v)) {
    for (const r of v as Raw[]) {
      const n = typeof r.weekday === 'number' ? r.weekday : WEEKDAYS.indexOf(str(r.weekday ?? r.day).toUpperCase() as Weekday) + 1;
      if (n >= 1 && n <= 7) out[WEEKDAYS[n - 1]].push(...toRanges([r]));
    }
    return out;
  }
  const raw = (v && typeof v === 'object' ? v : {}) as Raw;
  for (const d of WEEKDAYS) out[d] = toRanges(raw[d] ?? raw[d.toLowerCase()]);
  return out;
}

/**
 * The weekly hours as the server takes them. One switch for the two shapes above: the map of the
 * issue's contract, or the flat list by ISO weekday that the server built (VisitCalendar.OpeningHours).
 */
export const HOURS_WIRE: 'map' | 'list' = 'list';
export function hoursToWire(h: WeeklyHours, shape: 'map' | 'list' = HOURS_WIRE): unknown {
  if (shape === 'map') return h;
  return WEEKDAYS.flatMap((d, i) => h[d].map((r) => ({ weekday: i + 1, opens: r.opens, closes: r.closes })));
}
const withWireHours = <T extends CalendarChange>(c: T): unknown => (c.hours ? { ...c, hours: hoursToWire(c.hours) } : c);

export function toCalendar(raw: Raw): VisitCalendar {
  return {
    id: str(raw.id),
    name: str(raw.name),
    slug: str(raw.slug),
    teamId: str(raw.teamId),
    teamName: str(raw.teamName ?? raw.wardName),
    channelId: str(raw.channelId),
    published: raw.published === true,
    canManage: raw.canManage === true,
    bookingUrl: strOrNull(raw.bookingUrl),
    hosts: list(raw.hosts).map((h) => ({ userId: str(h.userId ?? h.id), device: h.device === true })),
  };
}

export function toCalendarDetail(raw: Raw): VisitCalendarDetail {
  return {
    ...toCalendar(raw),
    durationMinutes: num(raw.durationMinutes, 30),
    bufferMinutes: num(raw.bufferMinutes, 0),
    placesPerSlot: num(raw.placesPerSlot, 1),
    bookAheadDays: num(raw.bookAheadDays, 14),
    minNoticeMinutes: num(raw.minNoticeMinutes, 0),
    hours: toWeeklyHours(raw.hours),
    exceptions: list(raw.exceptions).map((e) => ({ date: str(e.date), hours: toRanges(e.hours) })),
    fields: list(raw.fields).map((f) => ({ name: str(f.name), label: str(f.label) || str(f.name), required: f.required === true })),
    privacyNotice: str(raw.privacyNotice),
    consentText: str(raw.consentText),
    managers: Array.isArray(raw.managers) ? (raw.managers as unknown[]).map((m) => (m && typeof m === 'object' ? str((m as Raw).userId) : str(m))) : [],
  };
}

export function toVisit(raw: Raw): Visit {
  const answers: Record<string, string> = {};
  if (raw.answers && typeof raw.answers === 'object') for (const [k, v] of Object.entries(raw.answers as Raw)) answers[k] = str(v);
  const status = str(raw.status) as VisitStatus;
  return {
    id: str(raw.id),
    calendarId: str(raw.calendarId),
    reference: str(raw.reference),
    start: str(raw.start),
    end: str(raw.end),
    status: VISIT_STATUSES.includes(status) ? status : 'booked',
    visitorName: str(raw.visitorName),
    visitorEmail: str(raw.visitorEmail),
    visitorMobile: strOrNull(raw.visitorMobile),
    patientName: str(raw.patientName),
    answers,
    callId: strOrNull(raw.callId),
    waiting: list(raw.waiting)
      .map((w) => ({ guestId: str(w.guestId ?? w.userId), name: str(w.name), role: (w.role === 'interpreter' ? 'interpreter' : 'visitor') as GuestRole, since: str(w.since) }))
      .sort((a, b) => a.since.localeCompare(b.since)),
    inCall: num(raw.inCall, 0),
  };
}

const enc = encodeURIComponent;
const calendarPath = (id: string) => `/api/v1/visit-calendars/${enc(id)}`;
const visitPath = (id: string) => `/api/v1/visits/${enc(id)}`;

/** What the ward view needs from the server (a fake in tests). */
export interface VisitsRemote {
  calendars(): Promise<VisitCalendar[]>;
  calendar(id: string): Promise<VisitCalendarDetail>;
  create(draft: NewCalendar): Promise<VisitCalendarDetail>;
  update(id: string, change: CalendarChange): Promise<VisitCalendarDetail>;
  /** The calendar's visits from a local date (Europe/London), `days` days, by start. */
  visits(calendarId: string, from: string, days: number): Promise<Visit[]>;
  outcome(visitId: string, status: 'attended' | 'no-show'): Promise<void>;
  email(visitId: string, text: string): Promise<void>;
  cancel(visitId: string, reason: string): Promise<void>;
  /** Let a guest waiting in the visit's lobby in, or turn them away. */
  admit(visitId: string, guestId: string): Promise<void>;
  deny(visitId: string, guestId: string): Promise<void>;
  /** Make an interpreter's join link and email it to them (one per visit; 409 when there is one). */
  interpreter(visitId: string, name: string, email: string): Promise<void>;
  /** Channels of a team, for a new calendar's notices. */
  teamChannels(teamId: string): Promise<{ id: string; name: string; visibility: string }[]>;
}

export const visitsApi: VisitsRemote = {
  calendars: () => request<Items>('GET', '/api/v1/visit-calendars').then((r) => (r.items ?? []).map(toCalendar)),
  calendar: (id) => request<Raw>('GET', calendarPath(id)).then(toCalendarDetail),
  create: (draft) => request<Raw>('POST', '/api/v1/visit-calendars', withWireHours(draft)).then(toCalendarDetail),
  update: (id, change) => request<Raw>('PATCH', calendarPath(id), withWireHours(change)).then(toCalendarDetail),
  visits: (calendarId, from, days) =>
    request<Items>('GET', `${calendarPath(calendarId)}/visits?from=${enc(from)}&days=${days}`).then((r) => (r.items ?? []).map(toVisit)),
  outcome: (id, status) => request<unknown>('POST', `${visitPath(id)}/outcome`, { status }).then(() => undefined),
  email: (id, text) => request<unknown>('POST', `${visitPath(id)}/email`, { text }).then(() => undefined),
  cancel: (id, reason) => request<unknown>('POST', `${visitPath(id)}/cancel`, { reason }).then(() => undefined),
  admit: (id, guestId) => request<unknown>('POST', `${visitPath(id)}/admit`, { guestId }).then(() => undefined),
  deny: (id, guestId) => request<unknown>('POST', `${visitPath(id)}/deny`, { guestId }).then(() => undefined),
  interpreter: (id, name, email) => request<unknown>('POST', `${visitPath(id)}/interpreter`, { name, email }).then(() => undefined),
  teamChannels: (teamId) =>
    request<Items>('GET', `/api/v1/teams/${enc(teamId)}/channels`).then((r) =>
      (r.items ?? []).map((c) => ({ id: str(c.id), name: str(c.name), visibility: str(c.visibility) })),
    ),
};

/** The public booking page of a calendar. */
export function publicLink(slug: string, origin: string = location.origin): string {
  return `${origin}/book/${enc(slug)}`;
}
