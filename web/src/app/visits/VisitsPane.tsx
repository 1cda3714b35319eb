import { useCallback, useEffect, useRef, useState } from 'react';
import { joinVisit } from '../calls/callActions';
import type { ChatController } from '../controller';
import { RailIcon, RailItem } from '../ui/RailItem';
import { errorText } from '../ui/Modal';
import { useStore } from '../useStore';
import type { Visit, VisitCalendar, VisitsRemote, WaitingGuest } from './api';
import { InterpreterDialog, TurnAwayDialog } from './GuestDialogs';
import { useLiveReload, useNow, usePeriodicReload } from './liveVisits';
import { guestLabel, tellCalls, visitCallTitle, waitingText } from './visitCall';
import { CancelVisitDialog, EmailVisitorDialog } from './VisitDialogs';
import { CalendarSettingsDialog } from './SettingsDialog';
import { NewCalendarDialog } from './NewCalendarDialog';
import { dayBuckets, dayText, addDays } from './visitsModel';
import { VisitRow } from './VisitRow';
import './visits.css';

/** The rail's Visits, with how many guests wait across my calendars today (liveVisits.ts). */
export function VisitsRailItem({ current, onSelect, waiting = 0 }: { current: boolean; onSelect: () => void; waiting?: number }) {
  return (
    <RailItem
      href="#visits"
      label="Visits"
      current={current}
      onSelect={onSelect}
      unread={waiting}
      unreadText={waiting === 1 ? ', 1 guest waiting' : `, ${waiting} guests waiting`}
      icon={
        <RailIcon>
          <rect x="2.5" y="6" width="13" height="12" rx="2" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M15.5 10.5 21 7.5v9l-5.5-3" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
        </RailIcon>
      }
    />
  );
}

const CHOSEN = 'confer.visits.calendar';

type Dialog =
  | { kind: 'email' | 'cancel' | 'interpreter'; visit: Visit }
  | { kind: 'deny'; visit: Visit; guest: WaitingGuest }
  | { kind: 'settings'; calendarId: string }
  | { kind: 'new' }
  | null;

/**
 * The ward view (docs/virtual-visits.md, "The ward view"): a calendar picker, Today and Tomorrow
 * (local days in Europe/London) with each visit's buttons, Settings for managers and New calendar
 * for team owners. The joining step adds Join (as a host), the Waiting badge with Admit and Turn
 * away, "In call (n)" and Add interpreter (VisitCallPanel, GuestDialogs). Visits load when shown,
 * every 60 s, when the window gets focus, after each action, and on the call frames that say a
 * lobby or a call changed (liveVisits.ts).
 */
export function VisitsPane({
  chat,
  remote,
  calendars,
  calendarsError,
  reloadCalendars,
}: {
  chat: ChatController;
  remote: VisitsRemote;
  calendars: VisitCalendar[] | null;
  calendarsError: string | null;
  reloadCalendars: () => Promise<unknown>;
}) {
  const { teams, people } = chat;
  useStore(teams);
  useStore(people);
  const hour12 = chat.preferences.get().timeFormat === '12h';
  const now = useNow(30_000);
  const heading = useRef<HTMLHeadingElement>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const [chosen, setChosen] = useState<string>(() => localStorage.getItem(CHOSEN) ?? '');
  const calendar = calendars?.find((c) => c.id === chosen) ?? calendars?.[0] ?? null;
  const [visits, setVisits] = useState<Visit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const ownedTeams = teams.teams().filter((t) => t.myRole === 'owner');

  useEffect(() => {
    heading.current?.focus();
    if (!teams.loaded()) void teams.refresh().catch(() => {});
  }, [teams]);

  const calendarId = calendar?.id ?? null;
  const load = useCallback(async () => {
    if (!calendarId) return;
    try {
      const from = dayBuckets([], Date.now()).from;
      const vs = await remote.visits(calendarId, from, 2);
      setVisits(vs);
      setError(null);
      tellCalls(chat.calls.store, vs);
    } catch (e) {
      setError(errorText(e, 'Could not load the visits.'));
    }
  }, [remote, calendarId, chat]);

  useEffect(() => setVisits(null), [calendarId]);
  usePeriodicReload(load);
  useLiveReload(chat.dispatcher, load);

  const buckets = dayBuckets(visits ?? [], now);
  const act = async (work: () => Promise<void>, done: string) => {
    setNotice(null);
    try {
      await work();
      setNotice(done);
      // The button pressed is disabled now: focus goes to the words that say what happened.
      noticeRef.current?.focus();
    } catch (e) {
      setNotice(null);
      setError(errorText(e, 'That did not work. Try again.'));
    } finally {
      void load();
    }
  };

  const day = (key: 'today' | 'tomorrow', title: string, date: string, items: Visit[]) => (
    <section aria-labelledby={`visits-${key}-heading`} className="visits-day">
      <h3 id={`visits-${key}-heading`}>
        {title} <span className="muted visits-date">{dayText(date)}</span>{' '}
        <span className="muted visits-count">({items.length === 1 ? '1 visit' : `${items.length} visits`})</span>
      </h3>
      {visits === null ? (
        !error && <p className="muted">Loading…</p>
      ) : items.length === 0 ? (
        <p className="muted">No visits booked.</p>
      ) : (
        <ul className="visit-list">
          {items.map((v) => (
            <VisitRow
              key={v.id}
              visit={v}
              now={now}
              hour12={hour12}
              onOutcome={(status) =>
                void act(() => remote.outcome(v.id, status), `Visit ${v.reference} marked ${status === 'attended' ? 'attended' : 'no-show'}.`)
              }
              onEmail={() => setDialog({ kind: 'email', visit: v })}
              onCancel={() => setDialog({ kind: 'cancel', visit: v })}
              call={{
                onJoin: () => joinVisit(v.id, visitCallTitle(v)),
                onAdmit: (g) => void act(() => remote.admit(v.id, g.guestId), `${guestLabel(g)} admitted to visit ${v.reference}.`),
                onTurnAway: (g) => setDialog({ kind: 'deny', visit: v, guest: g }),
                onInterpreter: () => setDialog({ kind: 'interpreter', visit: v }),
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );

  return (
    <main id="message-pane" className="visits-pane" tabIndex={-1} aria-labelledby="visits-heading">
      <div className="visits-head">
        <h2 id="visits-heading" ref={heading} tabIndex={-1}>
          Visits
        </h2>
        <div className="visits-head-actions">
          {/* The ward device's full-screen view (a device host opens it by itself after sign-in). */}
          <a className="visits-kiosk-link" href="#/visits/kiosk">
            Kiosk mode
          </a>
          {calendar?.canManage && (
            <button type="button" className="secondary" onClick={() => setDialog({ kind: 'settings', calendarId: calendar.id })}>
              Settings
            </button>
          )}
          {ownedTeams.length > 0 && (
            <button type="button" className="secondary" onClick={() => setDialog({ kind: 'new' })}>
              New calendar
            </button>
          )}
        </div>
      </div>
      {calendars && calendars.length > 1 && (
        <div className="visits-picker">
          <label htmlFor="visits-calendar">Calendar</label>
          <select
            id="visits-calendar"
            value={calendar?.id ?? ''}
            onChange={(e) => {
              setChosen(e.target.value);
              localStorage.setItem(CHOSEN, e.target.value);
            }}
          >
            {calendars.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.teamName ? ` (${c.teamName})` : ''}
              </option>
            ))}
          </select>
        </div>
      )}
      {calendar && (calendars?.length === 1 || !calendar.published) && (
        <p className="visits-calendar-name">
          {calendars?.length === 1 && <strong>{calendar.name}</strong>}
          {!calendar.published && <span className="visits-tag">Not published: no public booking page</span>}
        </p>
      )}
      <p ref={noticeRef} className="visits-notice muted" role="status" tabIndex={-1}>
        {notice}
      </p>
      {/* Who waits, said when it changes (the badges show it on the rows). */}
      <p className="visually-hidden" aria-live="polite">
        {buckets.today.map((v) => waitingText(v.waiting) && `${waitingText(v.waiting)}, visit ${v.reference}.`).filter(Boolean).join(' ')}
      </p>
      {(calendarsError || error) && (
        <p className="form-error pad" role="alert">
          {calendarsError ?? error}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setError(null);
              void reloadCalendars();
              void load();
            }}
          >
            Try again
          </button>
        </p>
      )}
      <div className="visits-body">
        {calendars === null ? (
          !calendarsError && <p className="muted">Loading…</p>
        ) : !calendar ? (
          <p className="muted">
            No visiting calendars yet.{ownedTeams.length > 0 ? ' “New calendar” sets one up for a team you own.' : ''}
          </p>
        ) : (
          <>
            <p className="visits-unverified" id="visits-unverified">
              <strong>Not verified:</strong> patient names and beds are as the visitor typed them. Check them before the visit.
            </p>
            {day('today', 'Today', buckets.from, buckets.today)}
            {day('tomorrow', 'Tomorrow', addDays(buckets.from, 1), buckets.tomorrow)}
          </>
        )}
      </div>
      {dialog?.kind === 'email' && (
        <EmailVisitorDialog
          visit={dialog.visit}
          remote={remote}
          onClose={() => setDialog(null)}
          onSent={() => {
            setDialog(null);
            setNotice(`Email sent to ${dialog.visit.visitorName || 'the visitor'}.`);
            void load();
          }}
        />
      )}
      {dialog?.kind === 'cancel' && (
        <CancelVisitDialog
          visit={dialog.visit}
          remote={remote}
          hour12={hour12}
          onClose={() => setDialog(null)}
          onCancelled={() => {
            setDialog(null);
            setNotice(`Visit ${dialog.visit.reference} cancelled; the visitor has been emailed.`);
            // Its Cancel button, which opened the dialog, is disabled now.
            setTimeout(() => noticeRef.current?.focus(), 0);
            void load();
          }}
        />
      )}
      {dialog?.kind === 'deny' && (
        <TurnAwayDialog
          visit={dialog.visit}
          guest={dialog.guest}
          remote={remote}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            setNotice(`${guestLabel(dialog.guest)} was turned away.`);
            setTimeout(() => noticeRef.current?.focus(), 0);
            void load();
          }}
        />
      )}
      {dialog?.kind === 'interpreter' && (
        <InterpreterDialog
          visit={dialog.visit}
          remote={remote}
          onClose={() => setDialog(null)}
          onSent={(name) => {
            setDialog(null);
            setNotice(`Interpreter link sent to ${name} for visit ${dialog.visit.reference}.`);
            setTimeout(() => noticeRef.current?.focus(), 0);
            void load();
          }}
        />
      )}
      {dialog?.kind === 'settings' && (
        <CalendarSettingsDialog
          chat={chat}
          calendarId={dialog.calendarId}
          remote={remote}
          onClose={() => setDialog(null)}
          onSaved={(c) => {
            setDialog(null);
            setNotice(`${c.name}: settings saved.`);
            void reloadCalendars();
            void load();
          }}
        />
      )}
      {dialog?.kind === 'new' && (
        <NewCalendarDialog
          teams={ownedTeams}
          remote={remote}
          onClose={() => setDialog(null)}
          onCreated={(c) => {
            setChosen(c.id);
            localStorage.setItem(CHOSEN, c.id);
            void reloadCalendars();
            // Straight on to its hours and the rest.
            setDialog({ kind: 'settings', calendarId: c.id });
          }}
        />
      )}
    </main>
  );
}
