import { useEffect, useId, useRef, useState } from 'react';
import { api, ApiError } from '../api';
import type { Profile } from '../types';
import type { ChatController } from './controller';
import { initials } from './util';

export function NewChatDialog({
  controller,
  onClose,
  onStarted,
}: {
  controller: ChatController;
  onClose: () => void;
  onStarted: (id: string) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [q, setQ] = useState('');
  const [results, setResults] = useState<Profile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const titleId = useId();
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    opener.current = document.activeElement;
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => {
      (opener.current as HTMLElement | null)?.focus?.();
    };
  }, []);

  useEffect(() => {
    const term = q.trim();
    if (term.length < 2) {
      setResults([]);
      return;
    }
    let cancelled = false;
    setSearching(true);
    const t = setTimeout(() => {
      api
        .searchDirectory(term)
        .then((items) => {
          if (!cancelled) {
            setResults(items.filter((p) => p.id !== controller.me.id));
            setError(null);
          }
        })
        .catch((e) => !cancelled && setError(e instanceof ApiError ? e.detail : 'Search failed. Try again.'))
        .finally(() => !cancelled && setSearching(false));
    }, 200);
    return () => {
      cancelled = true;
      clearTimeout(t);
    };
  }, [q, controller]);

  const start = async (p: Profile) => {
    try {
      controller.store.addPeople([p]);
      onStarted(await controller.startDirect(p.id));
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : 'Could not start the chat. Try again.');
    }
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onClose={onClose} onCancel={onClose}>
      <h2 id={titleId}>New chat</h2>
      <label htmlFor="people-search">Search people by name, job title or department</label>
      <input
        id="people-search"
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        autoFocus
        autoComplete="off"
        aria-describedby="people-search-status"
      />
      <p id="people-search-status" className="muted" role="status">
        {q.trim().length < 2 ? 'Type at least 2 characters.' : searching ? 'Searching…' : `${results.length} found`}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <ul className="people">
        {results.map((p) => (
          <li key={p.id}>
            <button type="button" className="person" onClick={() => void start(p)}>
              <span className="avatar" aria-hidden="true">
                {initials(p.displayName)}
              </span>
              <span>
                <span className="person-name">{p.displayName}</span>
                <span className="muted person-detail">
                  {[p.jobTitle, p.department, p.organisation?.name].filter(Boolean).join(' · ')}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      <div className="dialog-foot">
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
