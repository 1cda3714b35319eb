import { useId } from 'react';
import type { Visit, WaitingGuest } from './api';
import { interpreterState } from './visitCall';
import { VisitCallPanel } from './VisitCallPanel';
import { statusLabel, timeRange, visitActions } from './visitsModel';

const STATUS_MARK: Record<Visit['status'], string> = { booked: '●', attended: '✓', 'no-show': '✕', cancelled: '⊘' };

/**
 * One visit: its time (Europe/London), the patient and bed (as typed by the visitor), the
 * visitor, the reference, a status chip (a word and a mark, not colour alone) and its buttons.
 * A button that does not apply now is disabled, and why is said beside the buttons (a title
 * alone is lost on a tablet) and tied to them with aria-describedby.
 */
export function VisitRow({
  visit: v,
  now,
  hour12,
  onOutcome,
  onEmail,
  onCancel,
  call,
}: {
  visit: Visit;
  now: number;
  hour12: boolean;
  onOutcome: (status: 'attended' | 'no-show') => void;
  onEmail: () => void;
  onCancel: () => void;
  /** The joining step: Join, Admit, Turn away and Add interpreter (absent: the row has none of them). */
  call?: { onJoin: () => void; onAdmit: (g: WaitingGuest) => void; onTurnAway: (g: WaitingGuest) => void; onInterpreter: () => void };
}) {
  const id = useId();
  const actions = visitActions(v, now, hour12);
  const { bed, ...others } = v.answers;
  const reasons = [actions.outcome.reason && v.status === 'booked' ? actions.outcome.reason : null, actions.cancel.enabled || v.status !== 'booked' ? null : actions.cancel.reason].filter(Boolean);
  const reasonId = `${id}-why`;
  const why = (enabled: boolean) => (!enabled && reasons.length ? { 'aria-describedby': reasonId } : {});
  const patient = v.patientName || 'Patient not named';
  const interpreter = interpreterState(v, now);
  return (
    <li className={`visit-row status-${v.status}${v.waiting.length ? ' has-waiting' : ''}`}>
      <div className="visit-main">
        <span className="visit-time">{timeRange(v, hour12)}</span>
        <span className={`visit-status status-${v.status}`}>
          <span aria-hidden="true">{STATUS_MARK[v.status]} </span>
          {statusLabel(v.status)}
        </span>
      </div>
      <p id={`${id}-title`} className="visit-patient">
        <span className="visually-hidden">Visit at {timeRange(v, hour12)}: </span>
        {patient}
        {bed && <span>, bed {bed}</span>}
        <span className="visually-hidden"> (as typed by the visitor)</span>
      </p>
      <p className="visit-visitor">
        Visitor: <strong>{v.visitorName}</strong>
        {v.visitorMobile && <span className="muted"> · {v.visitorMobile}</span>}
      </p>
      <p className="visit-meta muted">
        Reference <span className="visit-ref">{v.reference}</span>
        {Object.entries(others)
          .filter(([, value]) => value)
          .map(([k, value]) => (
            <span key={k}>
              {' '}
              · {k}: {value}
            </span>
          ))}
      </p>
      {call && <VisitCallPanel visit={v} now={now} hour12={hour12} onJoin={call.onJoin} onAdmit={call.onAdmit} onTurnAway={call.onTurnAway} />}
      {/* A cancelled visit has nothing left to do: its chip says so, without four dead buttons. */}
      {v.status !== 'cancelled' && (
        <div className="visit-actions" role="group" aria-label={`Actions for ${v.reference}`}>
          <button
            type="button"
            className="secondary"
            disabled={!actions.outcome.enabled}
            title={actions.outcome.reason ?? undefined}
            onClick={() => onOutcome('attended')}
            {...why(actions.outcome.enabled)}
          >
            Attended
          </button>
          <button
            type="button"
            className="secondary"
            disabled={!actions.outcome.enabled}
            title={actions.outcome.reason ?? undefined}
            onClick={() => onOutcome('no-show')}
            {...why(actions.outcome.enabled)}
          >
            No-show
          </button>
          <button type="button" className="secondary" disabled={!actions.email.enabled} title={actions.email.reason ?? undefined} onClick={onEmail}>
            Email visitor
          </button>
          <button
            type="button"
            className="secondary danger"
            disabled={!actions.cancel.enabled}
            title={actions.cancel.reason ?? undefined}
            onClick={onCancel}
            {...why(actions.cancel.enabled)}
          >
            Cancel
          </button>
          {call && interpreter.enabled && (
            <button type="button" className="secondary" onClick={call.onInterpreter}>
              Add interpreter
            </button>
          )}
        </div>
      )}
      {reasons.length > 0 && (
        <p id={reasonId} className="visit-why muted small">
          {reasons.join(' ')}
        </p>
      )}
    </li>
  );
}
