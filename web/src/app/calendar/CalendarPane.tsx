import { useEffect, useRef, useState } from 'react';
import type { ChatController } from '../controller';
import { RailIcon, RailItem } from '../ui/RailItem';
import { useStore } from '../useStore';
import type { CalendarStore } from './calendarStore';
import { rangeHeading, step, wallClock, zoneAbbreviation, type CalendarView } from './dates';
import { MeetingDetails } from './MeetingDetails';
import { MeetingForm } from './MeetingForm';
import type { Meeting, Occurrence } from './meetingsApi';
import { Agenda, TimeGrid } from './TimeGrid';
import './calendar.css';

export function CalendarRailItem({ current, onSelect }: { current: boolean; onSelect: () => void }) {
  return (
    <RailItem
      href="#calendar"
      label="Calendar"
      current={current}
      onSelect={onSelect}
      icon={
        <RailIcon>
          <rect x="3.5" y="5" width="17" height="15.5" rx="2" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M3.5 10h17M8 3v4M16 3v4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </RailIcon>
      }
    />
  );
}

/** Whether the screen is a phone's (the same breakpoint as responsive.css). */
export function usePhone(): boolean {
  const query = '(max-width: 640px)';
  const [phone, setPhone] = useState(() => typeof matchMedia === 'function' && matchMedia(query).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const m = matchMedia(query);
    const on = () => setPhone(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, []);
  return phone;
}

/** What the pane has open over the calendar. */
type Open = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; meeting: Meeting } | { kind: 'details'; meetingId: string; occurrence?: Occurrence };

/**
 * The Calendar section: the week (or a day) of the person's meetings, in the browser's time
 * zone and their 12/24-hour format; a phone shows the week as a list. A block opens the
 * meeting's details; "New meeting" schedules one. `meetingId` (from a #/meetings/<id> link)
 * opens that meeting's details.
 */
export function CalendarPane({
  calendar,
  chat,
  meetingId,
  onMeetingClosed,
  onOpenChat,
}: {
  calendar: CalendarStore;
  chat: ChatController;
  meetingId: string | null;
  onMeetingClosed: () => void;
  onOpenChat: (conversationId: string) => void;
}) {
  useStore(calendar);
  useStore(chat.preferences);
  const phone = usePhone();
  const hour12 = chat.preferences.get().timeFormat === '12h';
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const heading = useRef<HTMLHeadingElement>(null);
  const view = calendar.view();
  const range = calendar.range();
  const items = calendar.occurrences();
  const zone = calendar.zone;

  useEffect(() => {
    heading.current?.focus();
    void calendar.load();
  }, [calendar]);
  useEffect(() => {
    if (meetingId) setOpen({ kind: 'details', meetingId });
  }, [meetingId]);

  const show = (v: CalendarView, anchor = calendar.anchor()) => calendar.show(v, anchor);
  const today = wallClock(new Date(), zone).date;
  const close = () => {
    if (open.kind === 'details' && open.meetingId === meetingId) onMeetingClosed();
    setOpen({ kind: 'none' });
  };
  const openOccurrence = (o: Occurrence) => setOpen({ kind: 'details', meetingId: o.meetingId, occurrence: o });

  return (
    <main id="message-pane" className="calendar-pane" tabIndex={-1} aria-labelledby="calendar-heading">
      <div className="calendar-head">
        <h2 id="calendar-heading" ref={heading} tabIndex={-1}>
          Calendar
        </h2>
        <button type="button" className="primary" onClick={() => setOpen({ kind: 'new' })}>
          New meeting
        </button>
      </div>
      <div className="calendar-toolbar" role="toolbar" aria-label="Calendar navigation">
        <button type="button" className="secondary" onClick={() => show(view, today)} disabled={range.days.includes(today)}>
          Today
        </button>
        <button type="button" className="icon-button nav-button" aria-label={view === 'week' ? 'Previous week' : 'Previous day'} onClick={() => show(view, step(view, calendar.anchor(), -1))}>
          <span aria-hidden="true">‹</span>
        </button>
        <button type="button" className="icon-button nav-button" aria-label={view === 'week' ? 'Next week' : 'Next day'} onClick={() => show(view, step(view, calendar.anchor(), 1))}>
          <span aria-hidden="true">›</span>
        </button>
        <p className="calendar-range" aria-live="polite">
          {rangeHeading(range.days)}
        </p>
        <div className="view-switch" role="group" aria-label="View">
          {(['day', 'week'] as const).map((v) => (
            <button key={v} type="button" className="secondary" aria-pressed={view === v} onClick={() => show(v, v === 'day' && view === 'week' && range.days.includes(today) ? today : calendar.anchor())}>
              {v === 'day' ? 'Day' : 'Week'}
            </button>
          ))}
        </div>
      </div>
      <p className="calendar-zone muted small">
        Times in {zone.replace(/_/g, ' ')}
        {zoneAbbreviation(range.from, zone) !== zone && ` (${zoneAbbreviation(range.from, zone)})`}
      </p>
      {calendar.error() && (
        <p className="form-error pad" role="alert">
          {calendar.error()}{' '}
          <button type="button" className="link-button" onClick={() => void calendar.load(true)}>
            Try again
          </button>
        </p>
      )}
      {items === null && !calendar.error() && <p className="muted pad">Loading meetings…</p>}
      {items !== null &&
        (view === 'week' && phone ? (
          <Agenda days={range.days} zone={zone} hour12={hour12} occurrences={items} onOpen={openOccurrence} />
        ) : (
          <TimeGrid key={view} days={range.days} zone={zone} hour12={hour12} occurrences={items} onOpen={openOccurrence} />
        ))}
      {(open.kind === 'new' || open.kind === 'edit') && (
        <MeetingForm
          chat={chat}
          meeting={open.kind === 'edit' ? open.meeting : undefined}
          initialDate={range.days.includes(today) ? today : range.days[0]}
          onClose={() => setOpen({ kind: 'none' })}
          onSaved={(m) => {
            calendar.meetingsChanged();
            setOpen({ kind: 'details', meetingId: m.id });
          }}
        />
      )}
      {open.kind === 'details' && (
        <MeetingDetails
          chat={chat}
          calendar={calendar}
          meetingId={open.meetingId}
          occurrence={open.occurrence}
          hour12={hour12}
          onClose={close}
          onEdit={(m) => setOpen({ kind: 'edit', meeting: m })}
          onOpenChat={(id) => {
            close();
            onOpenChat(id);
          }}
        />
      )}
    </main>
  );
}
