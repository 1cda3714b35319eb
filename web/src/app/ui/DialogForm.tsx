import { useState, type ReactNode } from 'react';
import { errorText, Modal } from './Modal';

/**
 * A modal form: its fields, the problem if the last try failed, and Cancel beside the submit
 * button. Every "create", "rename" and "start" dialog is one of these.
 */
export function DialogForm({
  title,
  wide = false,
  onClose,
  onSubmit,
  error,
  busy,
  submitLabel,
  submitDisabled,
  children,
}: {
  title: string;
  wide?: boolean;
  onClose: () => void;
  onSubmit: () => void;
  error: string | null;
  busy: boolean;
  submitLabel: string;
  /** Defaults to `busy`. */
  submitDisabled?: boolean;
  children: ReactNode;
}) {
  return (
    <Modal title={title} onClose={onClose} wide={wide}>
      {() => (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onSubmit();
          }}
        >
          {children}
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <div className="dialog-foot gap">
            <button type="button" className="secondary" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={submitDisabled ?? busy}>
              {submitLabel}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}

/**
 * The state of a DialogForm: `submit` runs the work and hands its answer to `done`; if it
 * fails, the server's problem (else `fallback`) is shown and the person can try again. While
 * it succeeds the form stays busy: `done` usually closes it.
 */
export function useDialogSubmit() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async <T,>(work: () => Promise<T>, fallback: string, done: (answer: T) => void) => {
    setBusy(true);
    try {
      done(await work());
    } catch (e) {
      setError(errorText(e, fallback));
      setBusy(false);
    }
  };
  return { error, setError, busy, submit };
}
