import { useEffect } from 'react';
import type { PeopleStore } from '../../store/people';
import { isolate } from '../../text/isolate';
import { useStore } from '../useStore';
import type { CalendarStore } from './calendarStore';
import { clockLabel, dayHeading, wallClock } from './dates';

/**
 * "Alice invited you to MDT — Tue 13:00" with View, top left of the work area (the message
 * toasts are bottom right). A polite status region, so the invitation is announced.
 */
export function InvitationToasts({
  calendar,
  people,
  hour12,
  onView,
}: {
  calendar: CalendarStore;
  people: PeopleStore;
  hour12: boolean;
  onView: (meetingId: string) => void;
}) {
  useStore(calendar);
  useStore(people);
  const list = calendar.toasts();
  const senders = list.map((t) => t.by).join(',');
  useEffect(() => {
    if (senders) people.want(senders.split(','));
  }, [senders, people]);
  return (
    <div className="toasts invitation-toasts" role="status" aria-live="polite" aria-label="Meeting invitations">
      {list.map((t) => {
        const who = isolate(people.person(t.by)?.displayName ?? 'Someone');
        const start = wallClock(new Date(t.meeting.startsAt), calendar.zone);
        return (
          <div key={t.id} className="toast invitation-toast">
            <span className="avatar small" aria-hidden="true">
              📅
            </span>
            <div className="toast-body">
              <p className="toast-title">
                <strong>{who}</strong> invited you to <strong>{t.meeting.title}</strong> — {dayHeading(start.date).split(' ')[0]}{' '}
                {clockLabel(start.minutes, hour12)}
              </p>
            </div>
            <div className="toast-actions">
              <button
                type="button"
                className="primary"
                onClick={() => {
                  calendar.dismiss(t.id);
                  onView(t.meeting.meetingId);
                }}
              >
                View<span className="visually-hidden"> {t.meeting.title}</span>
              </button>
              <button type="button" className="icon-button toast-close" aria-label={`Dismiss invitation to ${t.meeting.title}`} onClick={() => calendar.dismiss(t.id)}>
                ×
              </button>
            </div>
          </div>
        );
      })}
    </div>
  );
}
