/** Small pieces the admin pages share: a confirmation dialog, error and notice lines, the organisation picker, a one-time secret. */
import { useEffect, useState, type ReactNode } from 'react';
import { Modal } from '../app/ui/Modal';
import { adminApi, type AdminOrganisation } from './adminApi';

/** What went wrong, announced at once (role=alert); nothing when there is nothing to say. */
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}

/** What was just done, announced politely (role=status); nothing when there is nothing to say. */
export function Notice({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className="notice" role="status">
      {message}
    </p>
  );
}

/** A platform admin's choice of organisation, or all of them (empty value) unless {@code allOrganisations} is false. */
export function OrganisationPicker({
  id,
  organisations,
  value,
  onChange,
  allOrganisations = true,
  className,
}: {
  id: string;
  organisations: Pick<AdminOrganisation, 'id' | 'code' | 'name'>[];
  value: string;
  onChange: (organisationId: string) => void;
  allOrganisations?: boolean;
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id}>Organisation</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {allOrganisations && <option value="">All organisations</option>}
        {organisations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name} ({o.code})
          </option>
        ))}
      </select>
    </div>
  );
}

/** "Are you sure?" with the consequence spelled out; the confirm button names the action. */
export function Confirm({
  title,
  children,
  confirmLabel,
  danger = false,
  onConfirm,
  onClose,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal title={title} onClose={onClose}>
      {() => (
        <>
          {children}
          <FormError message={error} />
          <div className="admin-actions">
            <button type="button" className="secondary" onClick={onClose} disabled={busy}>
              Cancel
            </button>
            <button
              type="button"
              className={danger ? 'primary danger' : 'primary'}
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                setError(null);
                try {
                  await onConfirm();
                  onClose();
                } catch (e) {
                  setError(errorDetail(e, 'That did not work. Try again.'));
                  setBusy(false);
                }
              }}
            >
              {confirmLabel}
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}

export function errorDetail(e: unknown, fallback: string): string {
  return e && typeof e === 'object' && 'detail' in e && typeof (e as { detail: unknown }).detail === 'string'
    ? (e as { detail: string }).detail
    : fallback;
}

/** A secret shown once (a password link): read-only, selectable, with Copy. Nothing keeps it. */
export function OneTimeSecret({ label, value, note }: { label: string; value: string; note: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="admin-secret">
      <label htmlFor="admin-secret-value">{label}</label>
      <div className="admin-secret-row">
        <input id="admin-secret-value" type="text" readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          className="secondary"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(value);
              setCopied(true);
            } catch {
              setCopied(false);
            }
          }}
        >
          Copy
        </button>
      </div>
      <p className="muted" role="status">
        {copied ? 'Copied. ' : ''}
        {note}
      </p>
    </div>
  );
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return d.toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

/** Every organisation, for a platform admin's picker; an organisation admin picks none (empty, nothing fetched). */
export function usePickableOrganisations(platform: boolean): AdminOrganisation[] {
  const [organisations, setOrganisations] = useState<AdminOrganisation[]>([]);
  useEffect(() => {
    if (platform) adminApi.organisations().then((p) => setOrganisations(p.items), () => undefined);
  }, [platform]);
  return organisations;
}
