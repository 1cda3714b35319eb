/**
 * The New/Edit meeting form's values, turned into what the server takes, with the checks that
 * can be made before sending; the server's own problems are placed next to the same fields
 * ({@link fieldOfProblem}).
 */
import { parseHhmm, wallClock } from './dates';
import type { LobbyPolicy, Meeting, MeetingDraft, MeetingMedia } from './meetingsApi';
import { buildRrule, choiceOf, RruleError, type RepeatChoice } from './rrule';

export interface FormValues {
  title: string;
  date: string;
  start: string;
  end: string;
  timeZone: string;
  repeat: RepeatChoice;
  customRule: string;
  /** Dates ("YYYY-MM-DD") of occurrences left out. */
  exceptions: string[];
  inviteeIds: string[];
  channelId: string | null;
  presenterIds: string[];
  lobby: LobbyPolicy;
  media: MeetingMedia;
}

export type FormField = 'title' | 'date' | 'time' | 'timeZone' | 'repeat' | 'exceptions' | 'invitees' | 'presenters' | 'lobby' | 'media';
export type FieldErrors = Partial<Record<FormField, string>>;

export const DEFAULT_ZONE = 'Europe/London';
export const TITLE_MAX = 200;

/** A new meeting's starting values: the next whole hour (or 09:00 on another day), for an hour. */
export function initialValues(date: string, now: Date, zone = DEFAULT_ZONE): FormValues {
  const wc = wallClock(now, zone);
  const hour = wc.date === date ? Math.min(Math.floor(wc.minutes / 60) + 1, 22) : 9;
  return {
    title: '',
    date,
    start: `${String(hour).padStart(2, '0')}:00`,
    end: `${String(hour + 1).padStart(2, '0')}:00`,
    timeZone: zone,
    repeat: 'none',
    customRule: '',
    exceptions: [],
    inviteeIds: [],
    channelId: null,
    presenterIds: [],
    lobby: 'organisation',
    media: 'video',
  };
}

/** A stored meeting as form values (its times in its own zone). */
export function valuesOf(m: Meeting): FormValues {
  const s = wallClock(new Date(m.startsAt), m.timeZone);
  const e = wallClock(new Date(m.endsAt), m.timeZone);
  const repeat = choiceOf(m.recurrence, s.date);
  const hm = (n: number) => `${String(Math.floor(n / 60)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`;
  return {
    title: m.title,
    date: s.date,
    start: hm(s.minutes),
    end: hm(e.minutes),
    timeZone: m.timeZone,
    repeat,
    customRule: repeat === 'custom' ? (m.recurrence ?? '') : '',
    // An exception may come as a date or as the skipped occurrence's start.
    exceptions: m.exceptions.map((x) => (x.length > 10 ? wallClock(new Date(x), m.timeZone).date : x)),
    inviteeIds: m.invitees.map((i) => i.userId).filter((id) => id !== m.organiserId),
    channelId: m.channelId,
    presenterIds: m.presenters,
    lobby: m.lobby,
    media: m.media,
  };
}

/** The draft for a new meeting (POST), or for changing `editing` (PATCH: no channel; "" ends repeats). */
export function buildDraft(v: FormValues, editing = false): { draft: MeetingDraft; errors?: undefined } | { draft?: undefined; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const title = v.title.trim();
  if (!title) errors.title = 'Give the meeting a title.';
  else if (title.length > TITLE_MAX) errors.title = `At most ${TITLE_MAX} characters.`;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.date)) errors.date = 'Choose a date.';
  const start = parseHhmm(v.start);
  const end = parseHhmm(v.end);
  if (start === null || end === null) errors.time = 'Choose a start and an end time.';
  else if (end <= start) errors.time = 'The meeting must end after it starts (a meeting ends on the day it starts).';
  let recurrence: string | null = null;
  try {
    recurrence = buildRrule(v.repeat, v.date, v.customRule);
  } catch (e) {
    if (!(e instanceof RruleError)) throw e;
    errors.repeat = e.message;
  }
  if (v.exceptions.some((d) => d <= v.date)) errors.exceptions = 'An exception must be a later date than the first meeting.';
  if (v.inviteeIds.length === 0 && !v.channelId) errors.invitees = 'Invite at least one person, or a channel.';
  if (Object.keys(errors).length > 0) return { errors };
  const draft: MeetingDraft = {
    title,
    start: `${v.date}T${v.start}`,
    end: `${v.date}T${v.end}`,
    timeZone: v.timeZone,
    recurrence: recurrence ?? (editing ? '' : null),
    exceptions: recurrence ? [...new Set(v.exceptions)].sort() : [],
    invitees: v.inviteeIds,
    presenters: v.presenterIds.filter((id) => v.inviteeIds.includes(id)),
    lobby: v.lobby,
    media: v.media,
  };
  if (!editing) draft.channelId = v.channelId;
  return { draft };
}

/** The form field a server problem's `field` names (so its detail is shown beside it). */
export function fieldOfProblem(field: string | undefined): FormField | null {
  if (!field) return null;
  const f = field.replace(/\[\d+\]$/, '').replace(/\.\w+$/, '');
  const map: Record<string, FormField> = {
    title: 'title',
    startsAt: 'time',
    endsAt: 'time',
    start: 'time',
    description: 'title',
    end: 'time',
    timeZone: 'timeZone',
    recurrence: 'repeat',
    rrule: 'repeat',
    exceptions: 'exceptions',
    inviteeIds: 'invitees',
    invitees: 'invitees',
    channelId: 'invitees',
    presenterIds: 'presenters',
    presenters: 'presenters',
    lobby: 'lobby',
    media: 'media',
  };
  return map[f] ?? null;
}
