import { useEffect, useId, useState } from 'react';
import { ApiError } from '../../api';
import type { PeopleStore } from '../../store/people';
import type { PresenceStatus, PresenceStore } from '../../store/presence';
import { isolate } from '../../text/isolate';
import { useStore } from '../useStore';
import { expiryChoices, localInputValue, untilFor, untilText, type ExpiryChoice } from './statusExpiry';

export const STATUS_LABEL: Record<PresenceStatus, string> = {
  available: 'Available',
  busy: 'Busy',
  dnd: 'Do not disturb',
  away: 'Away',
  offline: 'Offline',
};

/** "Busy: In theatre (until 17:00)", or '' when not known. */
export function presenceText(presence: PresenceStore, userId: string): string {
  const p = presence.presence(userId);
  if (!p) return '';
  const label = STATUS_LABEL[p.status] ?? p.status;
  const until = untilText(p.until);
  const text = p.note ? `${label}: ${p.note}` : label;
  const withUntil = until ? `${text} (${until})` : text;
  return p.inCall ? `In a call · ${withUntil}` : withUntil;
}

/** A status dot on an avatar; its shape differs by status too (not colour alone). Pair it with presenceText for screen readers. */
export function PresenceDot({ presence, userId }: { presence: PresenceStore; userId: string }) {
  useStore(presence);
  const p = presence.presence(userId);
  if (!p) return null;
  return <span className={`presence-dot presence-${p.status}${p.inCall ? ' presence-in-call' : ''}`} aria-hidden="true" title={presenceText(presence, userId)} />;
}

/** The caller's own status and note, in the header. */
export function PresenceSelector({ presence, meId }: { presence: PresenceStore; meId: string }) {
  useStore(presence);
  const mine = presence.presence(meId);
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<string>('available');
  const [note, setNote] = useState('');
  const [expiry, setExpiry] = useState<ExpiryChoice>('never');
  const [custom, setCustom] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  useEffect(() => {
    if (open) {
      setStatus(mine && mine.status !== 'offline' ? mine.status : 'available');
      setNote(mine?.note ?? '');
      // A status already set to clear itself keeps that time unless another is chosen.
      setExpiry(mine?.until ? 'custom' : 'never');
      setCustom(mine?.until ? localInputValue(new Date(mine.until)) : '');
      setError(null);
    }
    // Only when the form opens: keep what the person is typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const shown = mine ? (STATUS_LABEL[mine.status] ?? mine.status) : 'Set status';
  return (
    <div className="presence-selector">
      <button
        type="button"
        className="secondary status-button"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen((v) => !v)}
      >
        {mine && <span className={`presence-dot inline presence-${mine.status}`} aria-hidden="true" />}
        Status: {shown}
        {mine?.note ? ` — ${mine.note}` : ''}
        {mine?.until ? ` (${untilText(mine.until)})` : ''}
      </button>
      {open && (
        <form
          id={id}
          className="presence-form"
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpen(false);
          }}
          onSubmit={(e) => {
            e.preventDefault();
            const until = untilFor(expiry, new Date(), custom);
            if (until === undefined) {
              setError('Choose a time in the future, at most 31 days ahead, or another "Clear after".');
              return;
            }
            presence.setMine(status, note, until).then(
              () => setOpen(false),
              (err) => setError(err instanceof ApiError ? err.detail : 'Could not set your status. Try again.'),
            );
          }}
        >
          <label htmlFor={`${id}-status`}>Your status</label>
          <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value)} autoFocus>
            {(['available', 'busy', 'dnd', 'away'] as const).map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-note`}>Status note (optional)</label>
          <input
            id={`${id}-note`}
            value={note}
            maxLength={200}
            placeholder="e.g. In theatre until 3pm"
            onChange={(e) => setNote(e.target.value)}
          />
          <label htmlFor={`${id}-expiry`}>Clear after</label>
          <select id={`${id}-expiry`} value={expiry} onChange={(e) => setExpiry(e.target.value as ExpiryChoice)}>
            {expiryChoices(new Date()).map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
          {expiry === 'custom' && (
            <>
              <label htmlFor={`${id}-custom`}>Clear at</label>
              <input id={`${id}-custom`} type="datetime-local" value={custom} onChange={(e) => setCustom(e.target.value)} required />
            </>
          )}
          {expiry !== 'never' && <p className="muted small">Then your status and note go back to automatic (Available).</p>}
          {error && (
            <p className="form-error small" role="alert">
              {error}
            </p>
          )}
          <div className="dialog-foot">
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="submit" className="primary">
              Save status
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

/** "Bob is typing…" under the messages; polite, so it does not interrupt. */
export function TypingIndicator({ presence, people, conversationId }: { presence: PresenceStore; people: PeopleStore; conversationId: string }) {
  useStore(presence);
  useStore(people);
  const names = presence.typing(conversationId).map((id) => isolate(people.person(id)?.displayName ?? 'Someone'));
  const text =
    names.length === 0
      ? ''
      : names.length === 1
        ? `${names[0]} is typing…`
        : names.length === 2
          ? `${names[0]} and ${names[1]} are typing…`
          : 'Several people are typing…';
  return (
    <p className="typing-indicator muted" aria-live="polite">
      {text}
    </p>
  );
}
