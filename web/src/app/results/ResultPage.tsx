import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api';
import type { PeopleStore } from '../../store/people';
import { formatNhsNumber } from '../requests/nhsNumber';
import { errorText } from '../ui/Modal';
import { useStore } from '../useStore';
import { detailText, type AuditEntry, type Result, type ResultsRemote } from './resultsApi';
import { auditText, dateTimeText, flagText, needsAcknowledgement, overallSeverity, preciseTimeText, reasonText, severityIcon, severityOf } from './resultView';

type Tab = 'result' | 'audit';

/**
 * The result page (#/results/<id>): patient, test, lab, specimen and times; the observations
 * with abnormal and critical rows marked in words and symbols as well as colour; who was alerted
 * and why; Acknowledge while a critical result waits; and the audit trail as a second tab for
 * those the server lets read it (lab liaison, organisation admins: the tab is absent on 403/404).
 * The page reads the result again when the window gets focus and after an action.
 */
export function ResultPage({ id, remote, people, meId, onBack }: { id: string; remote: ResultsRemote; people: PeopleStore; meId: string; onBack: () => void }) {
  useStore(people);
  const [result, setResult] = useState<Result | null>(null);
  const [audit, setAudit] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ackError, setAckError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [tab, setTab] = useState<Tab>('result');
  const heading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    try {
      const r = await remote.result(id);
      setResult(r);
      setError(null);
      people.want([...r.alerts.map((a) => a.userId), ...(r.acknowledgedBy ? [r.acknowledgedBy] : [])]);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 404 ? 'This result does not exist, or it was not sent to you.' : errorText(e, 'Could not load the result.'));
    }
    try {
      const items = await remote.audit(id);
      setAudit(items);
      // Actors, and people named in a step's detail (whom an alert went to).
      const ids = items.flatMap((a) => [a.actorId, a.detail.to, a.detail.userId]).filter((v): v is string => typeof v === 'string' && v.length > 0);
      people.want(ids);
    } catch {
      setAudit(null);
    }
  }, [id, remote, people]);

  useEffect(() => {
    setResult(null);
    setTab('result');
    void load().then(() => heading.current?.focus());
    const onFocus = () => void load();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [load]);

  const acknowledge = async () => {
    setBusy(true);
    setAckError(null);
    try {
      await remote.acknowledge(id);
      await load();
    } catch (e) {
      setAckError(errorText(e, 'The acknowledgement was not recorded. Try again.'));
    } finally {
      setBusy(false);
    }
  };
  const name = (uid: string | null) => (!uid ? 'Confer' : uid === meId ? 'You' : (people.person(uid)?.displayName ?? '…'));
  const r = result;
  const severity = r ? overallSeverity(r) : 'normal';

  return (
    <div className="result-page">
      <div className="result-top">
        <button type="button" className="link-button" onClick={onBack}>
          <span aria-hidden="true">‹ </span>All results
        </button>
      </div>
      <h2 ref={heading} tabIndex={-1} className="result-heading">
        {r ? (
          <>
            {r.testName || 'Result'}
            {r.patientName && <span className="muted">: {r.patientName}</span>}
          </>
        ) : (
          'Result'
        )}
      </h2>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {!r && !error && <p className="muted">Loading…</p>}
      {r && (
        <>
          <div className={`result-state sev-${severity}`} role={needsAcknowledgement(r) ? 'alert' : undefined}>
            <span className="sev-icon" aria-hidden="true">
              {severityIcon(severity)}
            </span>
            <p className="result-state-text">
              {severity === 'critical' ? 'Critical result' : severity === 'abnormal' ? 'Abnormal result' : 'Result within range'}
              {severity === 'critical' &&
                (r.acknowledgedAt ? (
                  <>
                    {' '}
                    — acknowledged by {name(r.acknowledgedBy)} at {dateTimeText(r.acknowledgedAt)}
                  </>
                ) : (
                  ' — not acknowledged yet'
                ))}
            </p>
            {needsAcknowledgement(r) && (
              <button type="button" className="primary ack-button" disabled={busy} onClick={() => void acknowledge()}>
                Acknowledge
              </button>
            )}
          </div>
          {ackError && (
            <p className="form-error" role="alert">
              {ackError}
            </p>
          )}
          <dl className="result-facts">
            <dt>Patient</dt>
            <dd>{r.patientName || '—'}</dd>
            <dt>NHS number</dt>
            <dd className="nhs-number">{r.nhsNumber ? formatNhsNumber(r.nhsNumber) : '—'}</dd>
            <dt>Test</dt>
            <dd>{r.testName || '—'}</dd>
            <dt>Lab</dt>
            <dd>{r.lab || '—'}</dd>
            <dt>Specimen</dt>
            <dd>{r.specimen || '—'}</dd>
            <dt>Collected</dt>
            <dd>{dateTimeText(r.collectedAt) || '—'}</dd>
            <dt>Reported</dt>
            <dd>
              {dateTimeText(r.reportedAt) || '—'}
              {r.status && <span className="muted"> ({r.status === 'F' ? 'final' : r.status === 'P' ? 'preliminary' : r.status === 'C' ? 'corrected' : r.status})</span>}
            </dd>
            {r.orderers.length > 0 && (
              <>
                <dt>Ordered by</dt>
                <dd>{r.orderers.map((o) => o.name || `${o.system} ${o.value}`).join(', ')}</dd>
              </>
            )}
          </dl>
          {audit !== null && (
            <div className="result-tabs" role="tablist" aria-label="Result views">
              <button type="button" role="tab" id="result-tab" aria-selected={tab === 'result'} aria-controls="result-panel" onClick={() => setTab('result')}>
                Observations
              </button>
              <button type="button" role="tab" id="audit-tab" aria-selected={tab === 'audit'} aria-controls="audit-panel" onClick={() => setTab('audit')}>
                Audit trail
              </button>
            </div>
          )}
          {tab === 'result' || audit === null ? (
            <div id="result-panel" role={audit !== null ? 'tabpanel' : undefined} aria-labelledby={audit !== null ? 'result-tab' : undefined}>
              <Observations result={r} />
              <h3>Alerted</h3>
              {r.alerts.length === 0 ? (
                <p className="muted">Nobody has been alerted.</p>
              ) : (
                <ul className="alerted">
                  {r.alerts.map((a, i) => (
                    <li key={`${a.userId}-${i}`}>
                      <strong>{name(a.userId)}</strong>, {reasonText(a.reason)}, {dateTimeText(a.at)}
                      {a.acknowledgedAt && <span> · acknowledged {dateTimeText(a.acknowledgedAt)}</span>}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ) : (
            <div id="audit-panel" role="tabpanel" aria-labelledby="audit-tab">
              <ol className="audit-trail">
                {audit.map((a, i) => (
                  <li key={i}>
                    <time dateTime={a.at}>{preciseTimeText(a.at)}</time> <strong>{auditText(a.action)}</strong>
                    {a.actorId && <span> by {name(a.actorId)}</span>}
                    {detailText(a.detail, name) && <span className="muted">: {detailText(a.detail, name)}</span>}
                  </li>
                ))}
              </ol>
              {audit.length === 0 && <p className="muted">No steps recorded.</p>}
            </div>
          )}
        </>
      )}
    </div>
  );
}

/** The observations table: a flag column in words (and a symbol), and a row class for colour. */
function Observations({ result }: { result: Result }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Observations">
      <table className="observations">
        <caption className="visually-hidden">Observations of {result.testName}</caption>
        <thead>
          <tr>
            <th scope="col">Observation</th>
            <th scope="col">Value</th>
            <th scope="col">Reference range</th>
            <th scope="col">Flag</th>
          </tr>
        </thead>
        <tbody>
          {result.observations.map((o, i) => {
            const s = severityOf(o);
            return (
              <tr key={`${o.code}-${i}`} className={`sev-${s}`}>
                <th scope="row">{o.name}</th>
                <td>
                  <span className="obs-value">{o.value}</span>
                  {o.units && <span className="obs-units"> {o.units}</span>}
                </td>
                <td>{o.referenceRange}</td>
                <td className="obs-flag">
                  <span aria-hidden="true" className="sev-icon">
                    {severityIcon(s)}
                  </span>{' '}
                  {flagText(o)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
