import { useId, useState } from 'react';
import { ApiError } from '../../api';
import { DialogForm, useDialogSubmit } from '../ui/DialogForm';
import type { Visit, VisitsRemote, WaitingGuest } from './api';
import { EMAIL_ADDRESS_MAX, guestLabel, interpreterProblems, NAME_MAX, type InterpreterDraft } from './visitCall';

/** "Turn away": asked first, since the guest cannot come back in to this visit's call. */
export function TurnAwayDialog({
  visit,
  guest,
  remote,
  onClose,
  onDone,
}: {
  visit: Visit;
  guest: WaitingGuest;
  remote: VisitsRemote;
  onClose: () => void;
  onDone: () => void;
}) {
  const { error, busy, submit } = useDialogSubmit();
  return (
    <DialogForm
      title="Turn away?"
      onClose={onClose}
      error={error}
      busy={busy}
      submitLabel="Turn away"
      onSubmit={() => void submit(() => remote.deny(visit.id, guest.guestId), 'They are still waiting. Try again.', onDone)}
    >
      <p>
        <strong>{guestLabel(guest)}</strong> is waiting for visit {visit.reference} to {visit.patientName || 'the patient'}. Turned away, they are told the
        ward could not let them in, and cannot join this visit’s call again.
      </p>
    </DialogForm>
  );
}

type Field = keyof InterpreterDraft;

/**
 * "Add interpreter": their name and email; the server makes a second join link for the visit and
 * emails it (201). A visit has at most one (409, said in the dialog); a field the server refuses
 * (400 with `field`) is shown beside that field.
 */
export function InterpreterDialog({ visit, remote, onClose, onSent }: { visit: Visit; remote: VisitsRemote; onClose: () => void; onSent: (name: string) => void }) {
  const id = useId();
  const [draft, setDraft] = useState<InterpreterDraft>({ name: '', email: '' });
  const [tried, setTried] = useState(false);
  const [server, setServer] = useState<Partial<Record<Field, string>>>({});
  const { error, setError, busy, submit } = useDialogSubmit();
  const problems = interpreterProblems(draft);
  const shown: Partial<Record<Field, string>> = { ...(tried ? problems : {}), ...server };
  const set = (k: Field, value: string) => {
    setDraft((d) => ({ ...d, [k]: value }));
    setServer(({ [k]: _gone, ...rest }) => rest);
  };
  // Plain text inputs (an email input's own check would stop the form before ours speaks).
  const field = (k: Field, label: string, inputMode: 'text' | 'email', max: number) => (
    <>
      <label htmlFor={`${id}-${k}`}>{label}</label>
      <input
        id={`${id}-${k}`}
        className="text-input"
        type="text"
        inputMode={inputMode}
        spellCheck={false}
        value={draft[k]}
        maxLength={max}
        autoComplete="off"
        aria-required="true"
        aria-invalid={shown[k] ? true : undefined}
        aria-describedby={shown[k] ? `${id}-${k}-err` : undefined}
        onChange={(e) => set(k, e.target.value)}
      />
      {shown[k] && (
        <p id={`${id}-${k}-err`} className="field-error form-error">
          {shown[k]}
        </p>
      )}
    </>
  );
  return (
    <DialogForm
      title="Add interpreter"
      onClose={onClose}
      error={error}
      busy={busy}
      submitLabel="Send link"
      onSubmit={() => {
        setTried(true);
        setServer({});
        const first = (['name', 'email'] as Field[]).find((k) => problems[k]);
        if (first) return document.getElementById(`${id}-${first}`)?.focus();
        const name = draft.name.trim();
        void submit(
          async () => {
            try {
              await remote.interpreter(visit.id, name, draft.email.trim());
            } catch (e) {
              const f = e instanceof ApiError ? e.problem?.field : undefined;
              // 409 conflict: a link was sent before (409 visit-state, a visit no longer booked, says its own detail).
              if (e instanceof ApiError && e.status === 409 && !e.problem?.type?.endsWith('visit-state'))
                throw new ApiError(409, 'This visit already has an interpreter: their link was sent before.');
              if (e instanceof ApiError && e.status === 400 && (f === 'name' || f === 'email')) {
                setServer({ [f]: e.detail });
                setTimeout(() => document.getElementById(`${id}-${f}`)?.focus(), 0);
                setError(null);
                throw new ApiError(e.status, 'Check the field marked.');
              }
              throw e;
            }
          },
          'The link was not sent. Try again.',
          () => onSent(name),
        );
      }}
    >
      <p>
        For visit {visit.reference} ({visit.visitorName} to see {visit.patientName || 'the patient'}). The interpreter gets their own link by email and
        waits in the lobby like the visitor.
      </p>
      {field('name', 'Interpreter’s name', 'text', NAME_MAX)}
      {field('email', 'Email address', 'email', EMAIL_ADDRESS_MAX)}
    </DialogForm>
  );
}
