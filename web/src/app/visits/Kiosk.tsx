import { useEffect, useRef, useState } from 'react';
import { joinVisit } from '../calls/callActions';
import { CallBar, CallOverlay } from '../calls/CallOverlay';
import { ConnectionBanner } from '../ConnectionBanner';
import type { ChatController } from '../controller';
import { errorText } from '../ui/Modal';
import { useStore } from '../useStore';
import type { Visit, VisitCalendar, VisitsRemote, WaitingGuest } from './api';
import { TurnAwayDialog } from './GuestDialogs';
import { useNow, useTodayVisits } from './liveVisits';
import { guestLabel, isKioskHash, tellCalls, KIOSK_HASH, kioskCalendars, kioskVisits, opensKiosk, visitCallTitle, waitingText } from './visitCall';
import { VisitCallPanel } from './VisitCallPanel';
import { dayText, localTime, londonDate, statusLabel, timeRange } from './visitsModel';
import './kiosk.css';

/**
 * Whether the kiosk is on screen: at #/visits/kiosk. After sign-in a ward device (a calendar host
 * marked `device`) is taken there once its calendars are known, unless the address it was opened
 * at names another place; "Exit kiosk" (#visits) leaves it for the ward view, and it does not come
 * back by itself until the next sign-in or reload.
 */
export function useKioskRoute(hash: string, calendars: VisitCalendar[] | null, meId: string): boolean {
  const [initialHash] = useState(() => location.hash);
  const decided = useRef(false);
  useEffect(() => {
    if (decided.current || !calendars) return;
    decided.current = true;
    if (opensKiosk(initialHash, calendars, meId) && !isKioskHash(location.hash)) location.hash = KIOSK_HASH;
  }, [calendars, initialHash, meId]);
  return isKioskHash(hash);
}

/**
 * The ward's shared iPad (docs/virtual-visits.md, "Joining"): full screen, no chat list and no
 * rail; today's visits of the calendars this account hosts as big cards (time, visitor, patient
 * and bed as typed, status, who waits) with 64 px Join and Admit buttons, a clock, and a small
 * Exit kiosk link. The call itself opens over it as anywhere (CallOverlay).
 */
export function Kiosk({ chat, remote, calendars }: { chat: ChatController; remote: VisitsRemote; calendars: VisitCalendar[] | null }) {
  const { people, conversations } = chat;
  useStore(chat);
  const hour12 = chat.preferences.get().timeFormat === '12h';
  const now = useNow(15_000);
  const mine = calendars ? kioskCalendars(calendars, chat.me.id) : null;
  const today = useTodayVisits(remote, mine, chat.dispatcher, (vs) => tellCalls(chat.calls.store, vs));
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [denying, setDenying] = useState<{ visit: Visit; guest: WaitingGuest } | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const visits = kioskVisits([...today.byCalendar.values()].flat(), now);
  const several = (mine?.length ?? 0) > 1;
  const nameOf = (id: string) => mine?.find((c) => c.id === id)?.name ?? '';

  useEffect(() => {
    document.title = 'Visits today · Confer';
    return () => {
      document.title = 'Confer';
    };
  }, []);

  const admit = async (v: Visit, g: WaitingGuest) => {
    setNotice(null);
    setError(null);
    try {
      await remote.admit(v.id, g.guestId);
      setNotice(`${guestLabel(g)} admitted. Join the visit to see them.`);
      noticeRef.current?.focus();
    } catch (e) {
      setError(errorText(e, 'They were not admitted. Try again.'));
    } finally {
      void today.reload();
    }
  };

  return (
    <div className="kiosk" data-connection={chat.connection}>
      <header className="kiosk-head">
        <div>
          <h1>Visits today</h1>
          <p className="kiosk-where">
            {mine?.map((c) => c.name).join(', ')} · {dayText(londonDate(now))}
          </p>
        </div>
        <p className="kiosk-clock" aria-label={`Time now ${localTime(now, hour12)}`}>
          {localTime(now, hour12)}
        </p>
        <a className="kiosk-exit" href="#visits">
          Exit kiosk
        </a>
      </header>
      <div className="banners">
        <CallBar calls={chat.calls} conversations={conversations} people={people} />
        <ConnectionBanner state={chat.connection} retryAt={chat.retryAt} onRetry={() => chat.retryNow()} />
      </div>
      <main className="kiosk-main" id="message-pane" tabIndex={-1} aria-labelledby="kiosk-list-heading">
        <h2 id="kiosk-list-heading" className="visually-hidden">
          Today’s visits
        </h2>
        <p className="visits-unverified">
          <strong>Not verified:</strong> patient names and beds are as the visitor typed them. Check them before you admit anyone.
        </p>
        <p ref={noticeRef} className="kiosk-notice" role="status" tabIndex={-1}>
          {notice}
        </p>
        <p className="visually-hidden" aria-live="polite">
          {visits.map((v) => waitingText(v.waiting) && `${waitingText(v.waiting)}, ${localTime(v.start, hour12)}.`).filter(Boolean).join(' ')}
        </p>
        {(error || today.error) && (
          <p className="form-error" role="alert">
            {error ?? 'Could not load the visits. They load again by themselves.'}
          </p>
        )}
        {!today.loaded || !calendars ? (
          <p className="muted kiosk-empty">Loading…</p>
        ) : visits.length === 0 ? (
          <p className="muted kiosk-empty">No visits today.</p>
        ) : (
          <ul className="kiosk-cards">
            {visits.map((v) => (
              <li key={v.id} className={`kiosk-card status-${v.status}${v.waiting.length ? ' has-waiting' : ''}`} aria-labelledby={`kiosk-${v.id}`}>
                <div className="kiosk-card-top">
                  <h3 id={`kiosk-${v.id}`} className="kiosk-time">
                    {timeRange(v, hour12)}
                    <span className="visually-hidden">, {v.visitorName}</span>
                  </h3>
                  <span className={`visit-status status-${v.status}`}>{statusLabel(v.status)}</span>
                </div>
                <p className="kiosk-visitor">{v.visitorName}</p>
                <p className="kiosk-patient">
                  To see {v.patientName || 'a patient not named'}
                  {v.answers.bed && `, bed ${v.answers.bed}`} <span className="kiosk-unverified">(not verified)</span>
                </p>
                <p className="muted kiosk-ref">
                  Reference {v.reference}
                  {several && ` · ${nameOf(v.calendarId)}`}
                </p>
                <VisitCallPanel
                  visit={v}
                  now={now}
                  hour12={hour12}
                  kiosk
                  alwaysJoin
                  onJoin={() => joinVisit(v.id, visitCallTitle(v))}
                  onAdmit={(g) => void admit(v, g)}
                  onTurnAway={(g) => setDenying({ visit: v, guest: g })}
                />
              </li>
            ))}
          </ul>
        )}
      </main>
      <CallOverlay calls={chat.calls} people={people} conversations={conversations} />
      {denying && (
        <TurnAwayDialog
          visit={denying.visit}
          guest={denying.guest}
          remote={remote}
          onClose={() => setDenying(null)}
          onDone={() => {
            setDenying(null);
            setNotice(`${guestLabel(denying.guest)} was turned away.`);
            setTimeout(() => noticeRef.current?.focus(), 0);
            void today.reload();
          }}
        />
      )}
    </div>
  );
}
