import { useState } from 'react';
import type { PeopleStore } from '../../store/people';
import { errorText } from '../ui/Modal';
import type { ServiceRequest } from './requestsApi';
import { isOverdue, type RequestsStore } from './requestsStore';
import { dueText, priorityLabel, statusLabel } from './requestsView';

export type RowAction = 'claim' | 'start' | 'done' | 'cancel';

/** What a person may press on a request: team members work a queue; the requester may cancel. */
export function actionsFor(r: ServiceRequest, meId: string, canWork: boolean): RowAction[] {
  const out: RowAction[] = [];
  if (canWork && r.status === 'open') out.push('claim');
  if (canWork && r.status === 'claimed') out.push('start');
  if (canWork && (r.status === 'claimed' || r.status === 'in-progress')) out.push('done');
  if ((canWork || r.requesterId === meId) && ['open', 'claimed', 'in-progress'].includes(r.status)) out.push('cancel');
  return out;
}

const LABEL: Record<RowAction, string> = { claim: 'Claim', start: 'Start', done: 'Done', cancel: 'Cancel request' };

/** One request in a list: number, service, status chip, priority, where, due time, and its buttons. */
export function RequestRow({
  request: r,
  store,
  people,
  meId,
  canWork,
  now,
  onOpen,
  onCancel,
}: {
  request: ServiceRequest;
  store: RequestsStore;
  people: PeopleStore;
  meId: string;
  canWork: boolean;
  now: number;
  onOpen: (id: string) => void;
  onCancel: (r: ServiceRequest) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const overdue = isOverdue(r, now);
  const due = dueText(r, now);
  // '…' until the name is looked up (people.want, from the pane).
  const assignee = r.assigneeId ? (r.assigneeId === meId ? 'you' : (people.person(r.assigneeId)?.displayName ?? '…')) : null;
  const requester = r.requesterId === meId ? 'you' : (people.person(r.requesterId)?.displayName ?? '…');
  const act = async (a: RowAction) => {
    if (a === 'cancel') return onCancel(r);
    setBusy(true);
    setError(null);
    try {
      if (a === 'claim') await store.claim(r.id);
      else await store.setStatus(r.id, a === 'start' ? 'in-progress' : 'done');
      // The row moves to another group (or leaves the queue): keep the keyboard's place near it.
      setTimeout(() => (document.getElementById(titleId) ?? document.getElementById('requests-heading'))?.focus(), 0);
    } catch (e) {
      setError(errorText(e, 'That did not work. Try again.'));
    } finally {
      setBusy(false);
    }
  };
  const titleId = `request-${r.id}-title`;
  return (
    <li className={`request-row${overdue ? ' overdue' : ''} priority-${r.priority}`} aria-labelledby={titleId} data-request-id={r.id}>
      <div className="request-main">
        <button type="button" className="link-button request-title" id={titleId} onClick={() => onOpen(r.id)}>
          #{r.number} {r.serviceName}
        </button>
        <span className={`status-chip status-${r.status}`}>{statusLabel(r.status)}</span>
        {r.priority !== 'routine' && (
          <span className={`priority-chip priority-${r.priority}`}>
            <span aria-hidden="true">{r.priority === 'emergency' ? '‼ ' : '! '}</span>
            {priorityLabel(r.priority)}
          </span>
        )}
        {overdue && (
          <span className="overdue-chip">
            <span aria-hidden="true">⚠ </span>Overdue
          </span>
        )}
      </div>
      <p className="request-text">
        {r.location && <span className="request-location">{r.location}: </span>}
        <bdi>{r.details}</bdi>
      </p>
      <p className="muted small request-meta">
        {due && <span className={overdue ? 'due overdue-text' : 'due'}>{due}</span>}
        {[canWork ? `from ${requester}` : '', assignee ? `${r.status === 'done' ? 'done by' : 'with'} ${assignee}` : '']
          .filter(Boolean)
          .map((t, i) => (
            <span key={i}>{(due || i > 0) && ' · '}{t}</span>
          ))}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="request-actions">
        {actionsFor(r, meId, canWork).map((a) => (
          <button
            key={a}
            type="button"
            className={a === 'cancel' ? 'secondary' : 'primary'}
            disabled={busy}
            aria-describedby={titleId}
            onClick={() => void act(a)}
          >
            {LABEL[a]}
          </button>
        ))}
      </div>
    </li>
  );
}
