import { useEffect } from 'react';
import type { PeopleStore } from '../../store/people';
import type { UrgentStore } from '../../store/urgent';
import { isolate } from '../../text/isolate';
import type { Message } from '../../types';
import { Modal } from '../ui/Modal';
import { useStore } from '../useStore';
import { dayLabel, timeLabel } from '../util';
import { ackRows, ackSummary } from './acknowledgements';
import './alerts.css';

function when(at: string): string {
  const d = new Date(at);
  const day = dayLabel(d);
  return day === 'Today' ? timeLabel(d) : `${day}, ${timeLabel(d)}`;
}

/**
 * Who must acknowledge an urgent message and when each did, or "Waiting": the record that a
 * critical result was communicated. Live: `message.acknowledged` events update the urgent store.
 */
export function AcknowledgementList({ urgent, people, m, onClose }: { urgent: UrgentStore; people: PeopleStore; m: Message; onClose: () => void }) {
  useStore(urgent);
  useStore(people);
  const items = urgent.acknowledgements(m.id) ?? [];
  useEffect(() => {
    void urgent.loadAcknowledgements(m, true);
  }, [urgent, m]);
  const ids = items.map((a) => a.userId).join(',');
  useEffect(() => {
    if (ids) people.want(ids.split(','));
  }, [people, ids]);
  const rows = ackRows(items, (id) => people.person(id)?.displayName);
  return (
    <Modal title={ackSummary(items)} onClose={onClose} wide>
      {() => (
        <>
          <table className="ack-table">
            <caption className="visually-hidden">Recipients of the urgent message and when each acknowledged it</caption>
            <thead>
              <tr>
                <th scope="col">Recipient</th>
                <th scope="col">Acknowledged</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const p = people.person(r.userId);
                return (
                  <tr key={r.userId} className={r.acknowledgedAt ? 'acked' : 'waiting'}>
                    <th scope="row">
                      <span className="ack-name">{isolate(r.name)}</span>
                      {(p?.jobTitle || p?.organisation) && (
                        <span className="muted ack-detail">{[p.jobTitle, p.organisation?.name].filter(Boolean).map((s) => isolate(s!)).join(', ')}</span>
                      )}
                    </th>
                    <td>
                      {r.acknowledgedAt ? (
                        <span className="ack-done">
                          <span aria-hidden="true">✓ </span>
                          <time dateTime={r.acknowledgedAt} title={new Date(r.acknowledgedAt).toLocaleString('en-GB')}>
                            {when(r.acknowledgedAt)}
                          </time>
                        </span>
                      ) : (
                        <span className="ack-waiting">
                          Waiting
                          {r.notifiedCount ? <span className="muted"> · alerted {r.notifiedCount === 1 ? 'once' : `${r.notifiedCount} times`}</span> : null}
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {items.length === 0 && <p className="muted">Loading…</p>}
          <div className="dialog-foot">
            <button type="button" className="secondary" onClick={onClose}>
              Close
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}
