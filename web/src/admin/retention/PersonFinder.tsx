import { useEffect, useId, useState } from 'react';
import { adminApi, type AdminUser } from '../adminApi';

/**
 * Finds a person by name or email among the people this admin manages (the People list's
 * search), and hands back their id: holds and exports name a person without copying ids.
 */
export function PersonFinder({ onPick }: { onPick: (id: string) => void }) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<AdminUser[]>([]);
  const id = useId();
  useEffect(() => {
    if (query.trim().length < 2) {
      setFound([]);
      return;
    }
    let live = true;
    // 250 ms after typing stops, as on the People page.
    const t = setTimeout(() => {
      adminApi
        .users(query, undefined)
        .then((p) => live && setFound(p.items.slice(0, 5)))
        .catch(() => live && setFound([]));
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [query]);
  return (
    <div className="retention-row">
      <label htmlFor={id}>Find a person by name or email</label>
      <input id={id} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      {found.length > 0 && (
        <ul className="retention-found" aria-label="People found">
          {found.map((u) => (
            <li key={u.id}>
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  onPick(u.id);
                  setQuery('');
                }}
              >
                Choose {u.displayName} ({u.email})
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
