import { useId } from 'react';
import type { Visit, WaitingGuest } from './api';
import { guestLabel, inCallText, inJoinWindow, joinState, joinWindow } from './visitCall';
import { localTime, londonDate } from './visitsModel';

/**
 * A visit's call on its row (and, larger, on a kiosk card): the Waiting badge with each guest's
 * name and role and their Admit and Turn away buttons, "In call (n)", and Join. The badge is a
 * word in a bordered chip (not colour alone); each button names the guest for screen readers.
 * Join shows from the visit's day until its window closes, disabled with the reason before it opens.
 */
export function VisitCallPanel({
  visit: v,
  now,
  hour12,
  onJoin,
  onAdmit,
  onTurnAway,
  kiosk = false,
  alwaysJoin = false,
}: {
  visit: Visit;
  now: number;
  hour12: boolean;
  onJoin: () => void;
  onAdmit: (g: WaitingGuest) => void;
  onTurnAway: (g: WaitingGuest) => void;
  kiosk?: boolean;
  /** The kiosk shows Join on every card; the ward view only on today's visits that may still be joined. */
  alwaysJoin?: boolean;
}) {
  const id = useId();
  if (v.status === 'cancelled') return null;
  const join = joinState(v, now, hour12);
  const before = now < joinWindow(v).opensAt;
  const showJoin = v.status !== 'no-show' && (alwaysJoin || inJoinWindow(v, now) || (before && londonDate(v.start) === londonDate(now)));
  const inCall = inCallText(v.inCall);
  const big = kiosk ? ' kiosk-button' : '';
  if (!showJoin && !v.waiting.length && !inCall) return null;
  return (
    <div className={`visit-call${kiosk ? ' kiosk-call' : ''}`}>
      {v.waiting.length > 0 && (
        <ul className="visit-waiting" aria-label={`Waiting for visit ${v.reference}`}>
          {v.waiting.map((g) => (
            <li key={g.guestId} className="visit-waiting-guest">
              <span className="visit-waiting-badge">
                <span aria-hidden="true">● </span>Waiting
              </span>{' '}
              <strong className="visit-waiting-name">{guestLabel(g)}</strong>
              {g.since && <span className="muted"> since {localTime(g.since, hour12)}</span>}
              <span className="visit-waiting-actions">
                <button type="button" className={`primary${big}`} onClick={() => onAdmit(g)}>
                  Admit<span className="visually-hidden"> {guestLabel(g)}</span>
                </button>
                <button type="button" className={`secondary danger${big ? ' kiosk-small' : ''}`} onClick={() => onTurnAway(g)}>
                  Turn away<span className="visually-hidden"> {guestLabel(g)}</span>
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {(showJoin || inCall) && (
        <div className="visit-join">
          {inCall && <span className="visit-incall">{inCall}</span>}
          {showJoin && (
            <button
              type="button"
              className={`primary${big}`}
              disabled={!join.enabled}
              title={join.reason ?? undefined}
              aria-describedby={join.reason ? `${id}-join-why` : undefined}
              onClick={onJoin}
            >
              Join<span className="visually-hidden"> visit {v.reference}</span>
            </button>
          )}
          {showJoin && join.reason && (
            <span id={`${id}-join-why`} className="muted small visit-join-why">
              {join.reason}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
