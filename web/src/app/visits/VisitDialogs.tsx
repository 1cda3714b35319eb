import { useId, useState } from 'react';
import { DialogForm, useDialogSubmit } from '../ui/DialogForm';
import type { Visit, VisitsRemote } from './api';
import { EMAIL_MAX, timeRange } from './visitsModel';

/** "Email visitor": a short plain-text message to the visitor (≤ 2,000 characters), sent by the ward and audited. */
export function EmailVisitorDialog({ visit, remote, onClose, onSent }: { visit: Visit; remote: VisitsRemote; onClose: () => void; onSent: () => void }) {
  const id = useId();
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  const { error, busy, submit } = useDialogSubmit();
  const problem = !text.trim() ? 'Write the message.' : text.length > EMAIL_MAX ? `At most ${EMAIL_MAX.toLocaleString('en-GB')} characters.` : null;
  const shown = tried ? problem : null;
  return (
    <DialogForm
      title="Email visitor"
      onClose={onClose}
      error={error}
      busy={busy}
      submitLabel="Send email"
      onSubmit={() => {
        setTried(true);
        if (problem) return document.getElementById(`${id}-text`)?.focus();
        void submit(() => remote.email(visit.id, text.trim()), 'The email was not sent. Try again.', onSent);
      }}
    >
      <p>
        To <strong>{visit.visitorName}</strong> ({visit.visitorEmail}), about visit {visit.reference}.
      </p>
      <label htmlFor={`${id}-text`}>Message</label>
      <textarea
        id={`${id}-text`}
        rows={6}
        value={text}
        maxLength={EMAIL_MAX}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={shown ? true : undefined}
        aria-describedby={`${id}-count${shown ? ` ${id}-err` : ''}`}
      />
      <p id={`${id}-count`} className="muted small">
        {text.length.toLocaleString('en-GB')} of {EMAIL_MAX.toLocaleString('en-GB')} characters. Sent from the ward’s address; the visitor cannot reply here.
      </p>
      {shown && (
        <p id={`${id}-err`} className="field-error form-error">
          {shown}
        </p>
      )}
    </DialogForm>
  );
}

/** "Cancel visit": a reason is required; it goes to the visitor in the cancellation email, and the place is free again. */
export function CancelVisitDialog({
  visit,
  remote,
  hour12,
  onClose,
  onCancelled,
}: {
  visit: Visit;
  remote: VisitsRemote;
  hour12: boolean;
  onClose: () => void;
  onCancelled: () => void;
}) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const { error, busy, submit } = useDialogSubmit();
  const problem = reason.trim() ? null : 'Say why: the visitor is told.';
  const shown = tried ? problem : null;
  return (
    <DialogForm
      title="Cancel visit"
      onClose={onClose}
      error={error}
      busy={busy}
      submitLabel="Cancel visit"
      onSubmit={() => {
        setTried(true);
        if (problem) return document.getElementById(`${id}-reason`)?.focus();
        void submit(() => remote.cancel(visit.id, reason.trim()), 'The visit was not cancelled. Try again.', onCancelled);
      }}
    >
      <p>
        {visit.visitorName}’s visit to {visit.patientName || 'the patient'} at {timeRange(visit, hour12)} (reference {visit.reference}). The visitor is emailed with your
        reason.
      </p>
      <label htmlFor={`${id}-reason`}>Reason</label>
      <textarea
        id={`${id}-reason`}
        rows={3}
        value={reason}
        maxLength={500}
        aria-required="true"
        onChange={(e) => setReason(e.target.value)}
        aria-invalid={shown ? true : undefined}
        aria-describedby={shown ? `${id}-err` : undefined}
      />
      {shown && (
        <p id={`${id}-err`} className="field-error form-error">
          {shown}
        </p>
      )}
    </DialogForm>
  );
}
