import { useId, useState } from 'react';
import { ApiError } from '../../api';
import { DialogForm, useDialogSubmit } from '../ui/DialogForm';
import { errorText } from '../ui/Modal';

/**
 * A secret the server shows once (a bot token, a webhook URL, a signing secret): a read-only
 * field to copy from and the plain warning that it will not be shown again.
 */
export function Secret({ label, value }: { label: string; value: string }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <div className="integ-secret">
      <label htmlFor={id}>{label}</label>
      <div className="integ-secret-row">
        <input id={id} type="text" readOnly value={value} onFocus={(e) => e.currentTarget.select()} aria-describedby={`${id}-warn`} />
        <button
          type="button"
          className="secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(value).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          Copy
        </button>
      </div>
      <p id={`${id}-warn`} className="integ-warning">
        Copy it now: you will not see this again. Keep it secret; anyone who has it can act as this.
      </p>
      <p role="status" className="muted">
        {copied ? 'Copied.' : ''}
      </p>
    </div>
  );
}

/** "Are you sure?" before something that cannot be undone: a small modal with the action's own words. */
export function Confirm({
  title,
  text,
  action,
  onConfirm,
  onClose,
}: {
  title: string;
  text: string;
  action: string;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}) {
  const { error, busy, submit } = useDialogSubmit();
  return (
    <DialogForm title={title} onClose={onClose} onSubmit={() => void submit(onConfirm, 'Not done. Try again.', onClose)} error={error} busy={busy} submitLabel={action}>
      <p>{text}</p>
    </DialogForm>
  );
}

/** The server's refusal in words, keeping its field name to show it beside the field. */
export function refusal(e: unknown, fallback: string): { text: string; field: string | null } {
  if (e instanceof ApiError) return { text: e.detail || fallback, field: e.problem?.field ?? null };
  return { text: errorText(e, fallback), field: null };
}
