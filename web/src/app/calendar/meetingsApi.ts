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
  /** The first occurrence (offset date-times). */
  startsAt: string;
  endsAt: string;
  timeZone: string;
  recurrence: string | null;
  /** Occurrences left out of the rule: their start (offset date-time) or their date. */
  exceptions: string[];
  invitees: Invitee[];
  channelId: string | null;
  presenters: string[];
  lobby: LobbyPolicy;
  media: MeetingMedia;
  sequence: number;
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

/** What the form sends (POST, and PATCH with the same fields). */
export interface MeetingDraft {
  title: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  recurrence: string | null;
  exceptions: string[];
  inviteeIds: string[];
  channelId: string | null;
  presenterIds: string[];
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
        typeof i === 'string' ? { userId: i, response: 'needs-action' as Rsvp } : { userId: str((i as Raw).userId) ?? str((i as Raw).id) ?? '', response: rsvp((i as Raw).response ?? (i as Raw).rsvp ?? (i as Raw).state) },
      )
    : strs(raw.inviteeIds).map((userId) => ({ userId, response: 'needs-action' as Rsvp }));
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
    invitees,
    channelId: str(raw.channelId) ?? null,
    presenters: strs(raw.presenters ?? raw.presenterIds),
    lobby: (str(raw.lobby) ?? str(raw.lobbyPolicy) ?? 'everyone') as LobbyPolicy,
    media: (str(raw.media) ?? 'video') as MeetingMedia,
    sequence: typeof raw.sequence === 'number' ? raw.sequence : 0,
  };
}

export function readOccurrence(raw: Raw): Occurrence {
  const nested = (raw.meeting && typeof raw.meeting === 'object' ? raw.meeting : {}) as Raw;
  const pick = (k: string) => str(raw[k]) ?? str(nested[k]);
  const startsAt = pick('startsAt') ?? '';
  return {
    meetingId: pick('meetingId') ?? str(nested.id) ?? str(raw.id) ?? '',
    occurrence: str(raw.occurrence) ?? str(raw.occurrenceStart) ?? startsAt,
    title: pick('title') ?? '',
    startsAt,
    endsAt: pick('endsAt') ?? '',
    organiserId: pick('organiserId') ?? '',
    conversationId: pick('conversationId') ?? '',
    recurrence: pick('recurrence') ?? null,
    timeZone: pick('timeZone') ?? 'Europe/London',
    response: raw.response !== undefined || raw.rsvp !== undefined ? rsvp(raw.response ?? raw.rsvp) : undefined,
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
