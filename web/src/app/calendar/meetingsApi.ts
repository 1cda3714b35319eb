/**
 * Scheduled meetings over REST (docs/calls-and-meetings.md, /api/v1/meetings). Answers are read
 * through small normalisers so a field the server names a little differently (id or meetingId,
 * response or rsvp) does not blank the calendar.
 */
import { request } from '../../api';

export type Rsvp = 'accepted' | 'declined' | 'tentative' | 'needs-action';
export type LobbyPolicy = 'everyone' | 'organisation' | 'invitees';
export type MeetingMedia = 'audio' | 'video';

export interface Invitee {
  userId: string;
  response: Rsvp;
}

export interface Meeting {
  id: string;
  title: string;
  organiserId: string;
  conversationId: string;
  /** The first occurrence (instants). */
  startsAt: string;
  endsAt: string;
  timeZone: string;
  recurrence: string | null;
  /** Dates ("YYYY-MM-DD", in the meeting's zone) of occurrences left out of the rule. */
  exceptions: string[];
  invitees: Invitee[];
  channelId: string | null;
  presenters: string[];
  lobby: LobbyPolicy;
  media: MeetingMedia;
  sequence: number;
  cancelled: boolean;
}

/** One occurrence in a range (the calendar's unit); `occurrence` is what join takes. */
export interface Occurrence {
  meetingId: string;
  occurrence: string;
  title: string;
  startsAt: string;
  endsAt: string;
  organiserId: string;
  conversationId: string;
  recurrence: string | null;
  timeZone: string;
  /** My answer, when the server says. */
  response?: Rsvp;
}

/**
 * What the form sends (POST; PATCH the same without channelId, which a meeting keeps). Start and
 * end are wall-clock times in `timeZone` ("2027-03-30T13:00"): the server keeps the clock time
 * of every occurrence across summer time changes.
 */
export interface MeetingDraft {
  title: string;
  start: string;
  end: string;
  timeZone: string;
  /** An RRULE; null (POST) or "" (PATCH) for a one-off meeting. */
  recurrence: string | null;
  exceptions: string[];
  invitees: string[];
  presenters: string[];
  channelId?: string | null;
  lobby: LobbyPolicy;
  media: MeetingMedia;
}

type Raw = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function rsvp(v: unknown): Rsvp {
  const s = typeof v === 'string' ? v.toLowerCase().replace('_', '-') : '';
  return s === 'accepted' || s === 'declined' || s === 'tentative' ? s : 'needs-action';
}

export function readMeeting(raw: Raw): Meeting {
  const invitees = Array.isArray(raw.invitees)
    ? (raw.invitees as unknown[]).map((i) =>
        typeof i === 'string'
          ? { userId: i, response: 'needs-action' as Rsvp, presenter: false }
          : {
              userId: str((i as Raw).userId) ?? str((i as Raw).id) ?? '',
              response: rsvp((i as Raw).rsvp ?? (i as Raw).response ?? (i as Raw).state),
              presenter: (i as Raw).presenter === true,
            },
      )
    : strs(raw.inviteeIds).map((userId) => ({ userId, response: 'needs-action' as Rsvp, presenter: false }));
  return {
    id: str(raw.id) ?? str(raw.meetingId) ?? '',
    title: str(raw.title) ?? '',
    organiserId: str(raw.organiserId) ?? '',
    conversationId: str(raw.conversationId) ?? '',
    startsAt: str(raw.startsAt) ?? '',
    endsAt: str(raw.endsAt) ?? '',
    timeZone: str(raw.timeZone) ?? 'Europe/London',
    recurrence: str(raw.recurrence) ?? null,
    exceptions: strs(raw.exceptions ?? raw.exdates ?? raw.exceptionDates),
    invitees: invitees.map(({ userId, response }) => ({ userId, response })),
    channelId: str(raw.channelId) ?? null,
    presenters: [...new Set([...strs(raw.presenters ?? raw.presenterIds), ...invitees.filter((i) => i.presenter).map((i) => i.userId)])],
    lobby: (str(raw.lobby) ?? str(raw.lobbyPolicy) ?? 'everyone') as LobbyPolicy,
    media: (str(raw.media) ?? 'video') as MeetingMedia,
    sequence: typeof raw.sequence === 'number' ? raw.sequence : 0,
    cancelled: raw.cancelled === true,
  };
}

export function readOccurrence(raw: Raw): Occurrence {
  const nested = (raw.meeting && typeof raw.meeting === 'object' ? raw.meeting : {}) as Raw;
  const pick = (k: string) => str(raw[k]) ?? str(nested[k]);
  const startsAt = str(raw.occurrenceStart) ?? pick('startsAt') ?? '';
  return {
    meetingId: pick('meetingId') ?? str(nested.id) ?? str(raw.id) ?? '',
    occurrence: str(raw.occurrence) ?? startsAt,
    title: pick('title') ?? '',
    startsAt,
    endsAt: str(raw.occurrenceEnd) ?? pick('endsAt') ?? '',
    organiserId: pick('organiserId') ?? '',
    conversationId: pick('conversationId') ?? '',
    recurrence: pick('recurrence') ?? null,
    timeZone: pick('timeZone') ?? 'Europe/London',
    response: raw.myRsvp != null || raw.response != null ? rsvp(raw.myRsvp ?? raw.response) : undefined,
  };
}

const path = (id: string) => `/api/v1/meetings/${encodeURIComponent(id)}`;

export interface MeetingsRemote {
  occurrences(from: Date, to: Date): Promise<Occurrence[]>;
  meeting(id: string): Promise<Meeting>;
  create(draft: MeetingDraft): Promise<Meeting>;
  update(id: string, draft: MeetingDraft): Promise<Meeting>;
  cancel(id: string): Promise<void>;
  rsvp(id: string, response: Exclude<Rsvp, 'needs-action'>): Promise<void>;
}

export const meetingsApi: MeetingsRemote = {
  occurrences: (from, to) =>
    request<{ items?: Raw[] }>('GET', `/api/v1/meetings?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`).then(
      (r) => (r?.items ?? []).map(readOccurrence),
    ),
  meeting: (id) => request<Raw>('GET', path(id)).then(readMeeting),
  create: (draft) => request<Raw>('POST', '/api/v1/meetings', draft).then(readMeeting),
  update: (id, draft) => request<Raw>('PATCH', path(id), draft).then(readMeeting),
  cancel: (id) => request<void>('DELETE', path(id)),
  rsvp: (id, response) => request<void>('POST', `${path(id)}/rsvp`, { response }),
};

/** The invitation's iCalendar file (a plain link: the browser downloads it with the session cookie). */
export function icsUrl(id: string): string {
  return `${path(id)}/invitation.ics`;
}
