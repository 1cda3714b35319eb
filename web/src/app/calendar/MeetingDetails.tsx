import { useEffect, useState } from 'react';
import { isolate } from '../../text/isolate';
import type { ChatController } from '../controller';
import { errorText, Modal } from '../ui/Modal';
import { useStore } from '../useStore';
import type { CalendarStore } from './calendarStore';
import { clockLabel, dayHeading, wallClock, zoneAbbreviation } from './dates';
import { joinFromCalendar } from './join';
import { joinWindow, nextJoinChange } from './joinWindow';
import { icsUrl, meetingsApi, type Meeting, type Occurrence, type Rsvp } from './meetingsApi';
import { describeRrule } from './rrule';

const RSVP_WORDS: Record<Rsvp, string> = {
  accepted: 'Accepted',
  tentative: 'Tentative',
  declined: 'Declined',
  'needs-action': 'Not answered',
};

/** How far ahead to look for the next occurrence when opened from a link (the server answers at most 62 days). */
const LOOKAHEAD_MS = 60 * 86_400_000;

/** The occurrence to show: the one clicked, else the next one not over, else the first. */
async function nextOccurrence(m: Meeting, now: Date): Promise<{ start: string; end: string; occurrence: string }> {
  try {
    const items = await meetingsApi.occurrences(new Date(now.getTime() - 86_400_000), new Date(now.getTime() + LOOKAHEAD_MS));
    const next = items.filter((o) => o.meetingId === m.id && Date.parse(o.endsAt) > now.getTime()).sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))[0];
    if (next) return { start: next.startsAt, end: next.endsAt, occurrence: next.occurrence };
  } catch {
    /* the meeting's own first occurrence will do */
  }
  return { start: m.startsAt, end: m.endsAt, occurrence: m.startsAt };
}

/** Re-renders when the Join button's state next changes (opens, then closes at the end). */
function useJoinClock(start: string | null, end: string | null): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (!start || !end) return;
    const next = nextJoinChange(new Date(start), new Date(end), now);
    if (!next) return;
    // Timers are capped (a far-off meeting is re-checked every so often, which also survives sleep).
    const t = setTimeout(() => setNow(new Date()), Math.min(Math.max(next.getTime() - Date.now(), 0) + 50, 60_000));
    return () => clearTimeout(t);
  }, [start, end, now]);
  return now;
}

/**
 * One meeting: when (with "Every Tuesday" for a repeating one), who organises it, who is invited
 * and their answers, my answer, the .ics file, its chat, Join (from ten minutes before the start
 * until the end) and, for the organiser, Edit and Cancel.
 */
export function MeetingDetails({
  chat,
  calendar,
  meetingId,
  occurrence,
  hour12,
  onClose,
  onEdit,
  onOpenChat,
}: {
  chat: ChatController;
  calendar: CalendarStore;
  meetingId: string;
  occurrence?: Occurrence;
  hour12: boolean;
  onClose: () => void;
  onEdit: (m: Meeting) => void;
  onOpenChat: (conversationId: string) => void;
}) {
  const { people, me } = chat;
  useStore(people);
  useStore(calendar);
  const revision = calendar.meetingRevision();
  const [meeting, setMeeting] = useState<Meeting | null>(null);
  const [when, setWhen] = useState<{ start: string; end: string; occurrence: string } | null>(
    occurrence ? { start: occurrence.startsAt, end: occurrence.endsAt, occurrence: occurrence.occurrence } : null,
  );
  const [failure, setFailure] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmCancel, setConfirmCancel] = useState(false);

  useEffect(() => {
    let stale = false;
    meetingsApi
      .meeting(meetingId)
      .then(async (m) => {
        if (stale) return;
        setMeeting(m);
        setFailure(null);
        people.want([m.organiserId, ...m.invitees.map((i) => i.userId)]);
        if (!occurrence) {
          const w = await nextOccurrence(m, new Date());
          if (!stale) setWhen(w);
        }
      })
      .catch((e) => !stale && setFailure(errorText(e, 'This meeting could not be found. It may have been cancelled.')));
    return () => {
      stale = true;
    };
  }, [meetingId, occurrence, revision, people]);

  const now = useJoinClock(when?.start ?? null, when?.end ?? null);
  const start = when ? new Date(when.start) : null;
  const end = when ? new Date(when.end) : null;
  const zone = calendar.zone;
  const name = (id: string) => people.person(id)?.displayName ?? '…';
  const mine = meeting?.invitees.find((i) => i.userId === me.id);
  const organiser = meeting?.organiserId === me.id;

  const act = async (work: () => Promise<void>, fallback: string) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (e) {
      setProblem(errorText(e, fallback));
    } finally {
      setBusy(false);
    }
  };
  const answer = (response: Exclude<Rsvp, 'needs-action'>) =>
    act(async () => {
      await meetingsApi.rsvp(meetingId, response);
      setMeeting((m) => m && { ...m, invitees: m.invitees.map((i) => (i.userId === me.id ? { ...i, response } : i)) });
      calendar.meetingsChanged();
    }, 'Could not send your answer. Try again.');

  return (
    <Modal title={meeting?.title ?? occurrence?.title ?? 'Meeting'} onClose={onClose} wide>
      {() => (
        <div className="meeting-details">
          {failure && (
            <p className="form-error" role="alert">
              {failure}
            </p>
          )}
          {!meeting && !failure && <p className="muted">Loading…</p>}
          {meeting?.cancelled && (
            <p className="form-error" role="alert">
              This meeting was cancelled.
            </p>
          )}
          {meeting && (
            <>
              {start && end && (
                <p className="meeting-when">
                  <strong>{dayHeading(wallClock(start, zone).date, true)}</strong>, {clockLabel(wallClock(start, zone).minutes, hour12)}–
                  {clockLabel(wallClock(end, zone).minutes, hour12)}
                  {meeting.timeZone !== zone && (
                    <span className="muted">
                      {' '}
                      ({zoneAbbreviation(start, zone)}; organised in {meeting.timeZone.replace(/_/g, ' ')})
                    </span>
                  )}
                </p>
              )}
              {meeting.recurrence && <p className="meeting-repeat">{describeRrule(meeting.recurrence, wallClock(new Date(meeting.startsAt), meeting.timeZone).date)}</p>}
              <p>
                Organiser: <strong>{isolate(name(meeting.organiserId))}</strong>
                {' · '}
                {meeting.media === 'audio' ? 'Audio only' : 'Video'}
              </p>
              <h3 id="invitees-heading">Invited</h3>
              <ul className="invitee-list" aria-labelledby="invitees-heading">
                {meeting.invitees.map((i) => (
                  <li key={i.userId}>
                    <bdi>{name(i.userId)}</bdi>
                    {meeting.presenters.includes(i.userId) && <span className="tag">Presenter</span>}
                    <span className={`rsvp rsvp-${i.response}`}>{i.userId === meeting.organiserId ? 'Organiser' : RSVP_WORDS[i.response]}</span>
                  </li>
                ))}
              </ul>
              {mine && !organiser && !meeting.cancelled && (
                <div className="rsvp-buttons" role="group" aria-label="Your answer">
                  {(['accepted', 'tentative', 'declined'] as const).map((r) => (
                    <button key={r} type="button" className="secondary" aria-pressed={mine.response === r} disabled={busy} onClick={() => void answer(r)}>
                      {r === 'accepted' ? 'Accept' : r === 'tentative' ? 'Tentative' : 'Decline'}
                    </button>
                  ))}
                </div>
              )}
              {problem && (
                <p className="form-error" role="alert">
                  {problem}
                </p>
              )}
              {!meeting.cancelled && <JoinRow meetingId={meeting.id} title={meeting.title} when={when} now={now} hour12={hour12} zone={zone} onJoin={onClose} />}
              <div className="details-links">
                <a className="button-link secondary" href={icsUrl(meeting.id)} download={`${meeting.title || 'meeting'}.ics`}>
                  Download .ics
                </a>
                <button type="button" className="secondary" onClick={() => onOpenChat(meeting.conversationId)}>
                  Open chat
                </button>
              </div>
              {organiser && !meeting.cancelled && (
                <div className="organiser-actions" role="group" aria-label="Organiser">
                  <button type="button" className="secondary" onClick={() => onEdit(meeting)}>
                    Edit
                  </button>
                  <button type="button" className="secondary danger" onClick={() => setConfirmCancel(true)}>
                    Cancel meeting
                  </button>
                </div>
              )}
              <div className="dialog-foot gap">
                <button type="button" className="secondary" onClick={onClose}>
                  Close
                </button>
              </div>
              {confirmCancel && (
                <Modal title="Cancel this meeting?" onClose={() => setConfirmCancel(false)}>
                  {() => (
                    <>
                      <p>
                        {meeting.recurrence ? 'Every occurrence of ' : ''}
                        <strong>{meeting.title}</strong> is cancelled and everyone invited is told, in Confer and by email.
                      </p>
                      <div className="dialog-foot gap">
                        <button type="button" className="secondary" onClick={() => setConfirmCancel(false)}>
                          Keep it
                        </button>
                        <button
                          type="button"
                          className="primary danger"
                          disabled={busy}
                          onClick={() =>
                            void act(async () => {
                              await meetingsApi.cancel(meeting.id);
                              calendar.meetingsChanged();
                              onClose();
                            }, 'Could not cancel the meeting. Try again.')
                          }
                        >
                          Cancel meeting
                        </button>
                      </div>
                    </>
                  )}
                </Modal>
              )}
            </>
          )}
        </div>
      )}
    </Modal>
  );
}

function JoinRow({
  meetingId,
  title,
  when,
  now,
  hour12,
  zone,
  onJoin,
}: {
  meetingId: string;
  /** Shown on the pre-join and lobby screens, which know only the meeting's id. */
  title: string;
  when: { start: string; end: string; occurrence: string } | null;
  now: Date;
  hour12: boolean;
  zone: string;
  /** The details close first: the pre-join screen must not sit under a modal dialog. */
  onJoin: () => void;
}) {
  if (!when) return null;
  const w = joinWindow(new Date(when.start), new Date(when.end), now);
  const hint =
    w.state === 'early'
      ? `Join opens at ${clockLabel(wallClock(w.opensAt, zone).minutes, hour12)}${wallClock(w.opensAt, zone).date !== wallClock(now, zone).date ? ` on ${dayHeading(wallClock(w.opensAt, zone).date, true)}` : ''}`
      : w.state === 'ended'
        ? 'This meeting has ended.'
        : null;
  return (
    <div className="join-row">
      <button
        type="button"
        className="primary join-button"
        disabled={w.state !== 'open'}
        aria-describedby={hint ? 'join-hint' : undefined}
        onClick={() => {
          onJoin();
          joinFromCalendar(meetingId, when.occurrence, title);
        }}
      >
        Join
      </button>
      {hint && (
        <span id="join-hint" className="muted">
          {hint}
        </span>
      )}
    </div>
  );
}
