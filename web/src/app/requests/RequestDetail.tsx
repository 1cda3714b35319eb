import { Fragment, useEffect, useState } from 'react';
import type { PeopleStore } from '../../store/people';
import { useStore } from '../useStore';
import { DialogForm, useDialogSubmit } from '../ui/DialogForm';
import { errorText, Modal } from '../ui/Modal';
import { formatNhsNumber } from './nhsNumber';
import type { RequestDetail as Detail, RequestsRemote, ServiceRequest } from './requestsApi';
import type { RequestsStore } from './requestsStore';
import { dueText, historyText, priorityLabel, statusLabel, whenText } from './requestsView';

/**
 * One request with its history (GET /api/v1/requests/{id}); read again whenever the request
 * changes in the store (an event, or an action here or elsewhere).
 */
export function RequestDetailDialog({
  id,
  remote,
  store,
  people,
  meId,
  now,
  onClose,
}: {
  id: string;
  remote: RequestsRemote;
  store: RequestsStore;
  people: PeopleStore;
  meId: string;
  now: number;
  onClose: () => void;
}) {
  useStore(store);
  useStore(people);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const known = store.find(id);
  const stamp = known?.updatedAt ?? '';
  useEffect(() => {
    let gone = false;
    remote
      .detail(id)
      .then((d) => {
        if (gone) return;
        setDetail(d);
        setError(null);
        people.want([d.requesterId, ...(d.assigneeId ? [d.assigneeId] : []), ...d.history.flatMap((h) => (h.actorId ? [h.actorId] : []))]);
      })
      .catch((e) => !gone && setError(errorText(e, 'Could not load the request.')));
    return () => {
      gone = true;
    };
  }, [id, remote, people, stamp]);
  const name = (uid: string | null) => (!uid ? 'Confer' : uid === meId ? 'You' : (people.person(uid)?.displayName ?? '…'));
  const r = detail;
  return (
    <Modal title={r ? `Request #${r.number}: ${r.serviceName}` : 'Request'} onClose={onClose} wide>
      {() => (
        <div className="request-detail">
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          {!r && !error && <p className="muted">Loading…</p>}
          {r && (
            <>
              <dl className="request-facts">
                <dt>Status</dt>
                <dd>
                  <span className={`status-chip status-${r.status}`}>{statusLabel(r.status)}</span>
                  {dueText(r, now) && <span className="due"> {dueText(r, now)}</span>}
                </dd>
                <dt>Priority</dt>
                <dd>{priorityLabel(r.priority)}</dd>
                <dt>Location</dt>
                <dd>{r.location || '—'}</dd>
                {r.nhsNumber && (
                  <>
                    <dt>NHS number</dt>
                    <dd className="nhs-number">{formatNhsNumber(r.nhsNumber)}</dd>
                  </>
                )}
                {Object.entries(r.fields).map(([k, v]) => (
                  <Fragment key={k}>
                    <dt>{store.services()?.find((s) => s.id === r.serviceId)?.fields.find((f) => f.name === k)?.label ?? k}</dt>
                    <dd>{v}</dd>
                  </Fragment>
                ))}
                <dt>Details</dt>
                <dd className="request-details-text">{r.details}</dd>
                <dt>Requested by</dt>
                <dd>
                  {name(r.requesterId)}, {whenText(r.createdAt, now)}
                </dd>
                <dt>With</dt>
                <dd>{r.assigneeId ? name(r.assigneeId) : 'Nobody yet'}</dd>
              </dl>
              <h3>History</h3>
              <ol className="request-history">
                {r.history.map((h, i) => (
                  <li key={i}>
                    <time dateTime={h.at}>{whenText(h.at, now)}</time> {historyText(h.action)} by {name(h.actorId)}
                    {h.note && <span className="muted">: {h.note}</span>}
                  </li>
                ))}
              </ol>
            </>
          )}
          <div className="dialog-foot">
            <button type="button" className="secondary" onClick={onClose}>
              Close
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}

/** Cancelling asks why (optional): the reason goes in the history and the requester's message. */
export function CancelRequestDialog({ request, store, onClose }: { request: ServiceRequest; store: RequestsStore; onClose: () => void }) {
  const [note, setNote] = useState('');
  const { error, busy, submit } = useDialogSubmit();
  return (
    <DialogForm
      title={`Cancel request #${request.number}?`}
      onClose={onClose}
      onSubmit={() => void submit(() => store.setStatus(request.id, 'cancelled', note.trim() || undefined), 'The request was not cancelled. Try again.', onClose)}
      error={error}
      busy={busy}
      submitLabel="Cancel request"
    >
      <p>
        {request.serviceName}: {request.details}
      </p>
      <label htmlFor="cancel-note">
        Reason <span className="muted">(optional)</span>
      </label>
      <textarea id="cancel-note" rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
    </DialogForm>
  );
}
