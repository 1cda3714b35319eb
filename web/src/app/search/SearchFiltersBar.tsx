import { useEffect, useId, useState } from 'react';
import { api } from '../../api';
import type { Profile } from '../../types';
import type { DateRange, SearchFilters } from './searchTypes';

/**
 * The filters under the search box: in this conversation, from a person, a date range, has a
 * file, mentions me. Each change searches again at once.
 */
export function SearchFiltersBar({
  filters: f,
  onChange,
  here,
}: {
  filters: SearchFilters;
  onChange: (change: Partial<SearchFilters>) => void;
  /** The conversation on screen, for "In this conversation". */
  here?: { id: string; title: string };
}) {
  const id = useId();
  return (
    <fieldset className="search-filters">
      <legend className="visually-hidden">Filters</legend>
      {here && (
        <label className="filter-check">
          <input type="checkbox" checked={f.in === here.id} onChange={(e) => onChange({ in: e.target.checked ? here.id : undefined })} />
          In <bdi>{here.title}</bdi>
        </label>
      )}
      <FromFilter value={f.from} onChange={(from) => onChange({ from })} />
      <label className="filter-select" htmlFor={`${id}-range`}>
        Date
      </label>
      <select id={`${id}-range`} value={f.range} onChange={(e) => onChange({ range: e.target.value as DateRange })}>
        <option value="any">Any time</option>
        <option value="today">Today</option>
        <option value="week">Last 7 days</option>
        <option value="custom">Custom dates…</option>
      </select>
      {f.range === 'custom' && (
        <span className="filter-dates">
          <label>
            From <input type="date" value={f.fromDate ?? ''} max={f.toDate || undefined} onChange={(e) => onChange({ fromDate: e.target.value || undefined })} />
          </label>
          <label>
            To <input type="date" value={f.toDate ?? ''} min={f.fromDate || undefined} onChange={(e) => onChange({ toDate: e.target.value || undefined })} />
          </label>
        </span>
      )}
      <label className="filter-check">
        <input type="checkbox" checked={f.hasFile} onChange={(e) => onChange({ hasFile: e.target.checked })} />
        Has a file
      </label>
      <label className="filter-check">
        <input type="checkbox" checked={f.mentionsMe} onChange={(e) => onChange({ mentionsMe: e.target.checked })} />
        Mentions me
      </label>
    </fieldset>
  );
}

/** "From": a chosen person as a removable chip, or a name box suggesting people from the directory. */
function FromFilter({ value, onChange }: { value?: { id: string; name: string }; onChange: (v: { id: string; name: string } | undefined) => void }) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Profile[]>([]);
  const term = q.trim();
  // As the jump-to box asks the directory: 2 letters, 200 ms after typing.
  useEffect(() => {
    if (term.length < 2) return setFound([]);
    const controller = new AbortController();
    const t = setTimeout(() => {
      api.searchDirectory(term).then(
        (items) => !controller.signal.aborted && setFound(items.slice(0, 5)),
        () => !controller.signal.aborted && setFound([]),
      );
    }, 200);
    return () => {
      controller.abort();
      clearTimeout(t);
    };
  }, [term]);

  if (value)
    return (
      <span className="filter-chip">
        From <bdi>{value.name}</bdi>
        <button type="button" className="chip-remove" aria-label={`Remove the filter: from ${value.name}`} onClick={() => onChange(undefined)}>
          <span aria-hidden="true">×</span>
        </button>
      </span>
    );
  return (
    <span className="filter-from">
      <input type="search" aria-label="From a person" placeholder="From (a name)" value={q} onChange={(e) => setQ(e.target.value)} />
      {found.length > 0 && (
        <ul className="filter-from-list" aria-label="People">
          {found.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  onChange({ id: p.id, name: p.displayName });
                  setQ('');
                }}
              >
                <bdi>{p.displayName}</bdi>
                {p.jobTitle && <span className="muted"> · {p.jobTitle}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
