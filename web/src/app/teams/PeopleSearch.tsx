import { useEffect, useState } from 'react';
import { api } from '../../api';
import type { Profile } from '../../types';
import type { PresenceStore } from '../../store/presence';
import { PresenceDot, presenceText } from '../chat/Presence';
import { useStore } from '../useStore';
import { errorText } from '../ui/Modal';
import { initials } from '../util';
import { candidates, filterPeople, personDetail } from './peopleSelection';
import { BotBadgeFor } from '../bots/BotBadge';

/**
 * Search people and pick them. By default it searches the whole directory (every organisation);
 * `among` limits it to a known list (the team, for a private channel). Each result is one
 * button: a toggle (aria-pressed) when `selectedIds` is given, otherwise "Add …".
 */
export function PeopleSearch({
  meId,
  presence,
  id,
  label,
  exclude,
  among,
  selectedIds,
  onPick,
  busyId,
  autoFocus = false,
}: {
  meId: string;
  presence: PresenceStore;
  id: string;
  label: string;
  exclude: string[];
  among?: Profile[];
  selectedIds?: string[];
  onPick: (p: Profile) => void;
  busyId?: string | null;
  autoFocus?: boolean;
}) {
  const [q, setQ] = useState('');
  const [results, setResults] = useState<Profile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const term = q.trim();
  const local = among !== undefined;

  useEffect(() => {
    if (local) return;
    if (term.length < 2) {
      setResults([]);
      setSearching(false);
      return;
    }
    let cancelled = false;
    setSearching(true);
    const t = setTimeout(() => {
      api
        .searchDirectory(term)
        .then((items) => {
          if (cancelled) return;
          setResults(items);
          setError(null);
        })
        .catch((e) => !cancelled && setError(errorText(e, 'Search failed. Try again.')))
        .finally(() => !cancelled && setSearching(false));
    }, 200);
    return () => {
      cancelled = true;
      clearTimeout(t);
    };
  }, [term, local]);

  const excluded = [meId, ...exclude];
  const shown = candidates(local ? filterPeople(among, term) : results, excluded);
  // Whether someone is free matters when choosing whom to message: ask for the presence of the
  // people found (those not known yet, once each).
  useStore(presence);
  const shownIds = shown.map((p) => p.id).join(',');
  useEffect(() => {
    if (shownIds) presence.loadMissing(shownIds.split(',')).catch(() => {});
  }, [shownIds, presence]);
  const status = local
    ? `${shown.length} ${shown.length === 1 ? 'person' : 'people'}`
    : term.length < 2
      ? 'Type at least 2 characters.'
      : searching
        ? 'Searching…'
        : `${shown.length} found`;
  return (
    <div className="people-search">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        autoComplete="off"
        autoFocus={autoFocus}
        aria-describedby={`${id}-status`}
      />
      <p id={`${id}-status`} className="muted small" role="status">
        {status}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <ul className="people">
        {shown.map((p) => {
          const pressed = selectedIds ? selectedIds.includes(p.id) : undefined;
          return (
            <li key={p.id}>
              <button
                type="button"
                className={`person${pressed ? ' selected' : ''}`}
                aria-pressed={pressed}
                disabled={busyId === p.id}
                onClick={() => onPick(p)}
              >
                <span className="avatar-wrap">
                  <span className="avatar" aria-hidden="true">
                    {initials(p.displayName)}
                  </span>
                  <PresenceDot presence={presence} userId={p.id} />
                </span>
                <span className="person-text">
                  {selectedIds ? null : <span className="visually-hidden">Add </span>}
                  <span className="person-name">
                    {p.displayName}
                    <BotBadgeFor person={p} />
                  </span>
                  <span className="muted person-detail">{personDetail(p)}</span>
                  {presenceText(presence, p.id) && <span className="muted person-detail person-presence">{presenceText(presence, p.id)}</span>}
                </span>
                {selectedIds ? (
                  <span className="pick-mark" aria-hidden="true">
                    {pressed ? '✓ Chosen' : 'Choose'}
                  </span>
                ) : (
                  <span className="pick-mark" aria-hidden="true">
                    Add
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
