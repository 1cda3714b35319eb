import { useCallback, useEffect, useRef, useState } from 'react';
import type { PeopleStore } from '../../store/people';
import type { PresenceStore } from '../../store/presence';
import { RailIcon, RailItem } from '../ui/RailItem';
import { OnCallPanel } from './OnCallPanel';
import { ResultPage } from './ResultPage';
import type { ResultSummary, ResultsRemote, Watch } from './resultsApi';
import { dateTimeText } from './resultView';
import { WatchesPanel } from './WatchesPanel';
import { formatNhsNumber } from '../requests/nhsNumber';
import { resultHash } from './route';
import { errorText } from '../ui/Modal';
import './results.css';

export function ResultsRailItem({ current, onSelect }: { current: boolean; onSelect: () => void }) {
  return (
    <RailItem
      href="#results"
      label="Results"
      current={current}
      onSelect={onSelect}
      icon={
        <RailIcon>
          <path d="M9 3h6M10 3v6.5L4.8 18.2A1.8 1.8 0 0 0 6.4 21h11.2a1.8 1.8 0 0 0 1.6-2.8L14 9.5V3" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
          <path d="M7.5 15h9" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </RailIcon>
      }
    />
  );
}

type Tab = 'recent' | 'watches' | 'on-call';

/**
 * The Results section: a result's page when one is open (#/results/<id>), otherwise "Recent
 * results" (those I was alerted of), "My watches" and "On call". Lists load when shown and when
 * the window gets focus again; alerts themselves arrive as messages from the Results bot.
 */
export function ResultsPane({
  remote,
  people,
  presence,
  meId,
  resultId,
  onOpenResult,
}: {
  remote: ResultsRemote;
  people: PeopleStore;
  presence: PresenceStore;
  meId: string;
  resultId: string | null;
  onOpenResult: (id: string | null) => void;
}) {
  const [tab, setTab] = useState<Tab>('recent');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!resultId) heading.current?.focus();
  }, [resultId]);
  return (
    <main id="message-pane" className="results-pane" tabIndex={-1} aria-labelledby={resultId ? undefined : 'results-heading'} aria-label={resultId ? 'Result' : undefined}>
      {resultId ? (
        <ResultPage id={resultId} remote={remote} people={people} meId={meId} onBack={() => onOpenResult(null)} />
      ) : (
        <>
          <div className="results-head">
            <h2 id="results-heading" ref={heading} tabIndex={-1}>
              Results
            </h2>
          </div>
          <div className="view-switch results-tabs" role="group" aria-label="Show">
            {(
              [
                ['recent', 'Recent results'],
                ['watches', 'My watches'],
                ['on-call', 'On call'],
              ] as const
            ).map(([t, label]) => (
              <button key={t} type="button" className="secondary" aria-pressed={tab === t} onClick={() => setTab(t)}>
                {label}
              </button>
            ))}
          </div>
          <div className="results-body">
            {tab === 'recent' && <RecentResults remote={remote} onOpen={(id) => onOpenResult(id)} />}
            {tab === 'watches' && <WatchesPanel remote={remote} />}
            {tab === 'on-call' && <OnCallPanel remote={remote} people={people} presence={presence} meId={meId} />}
          </div>
        </>
      )}
    </main>
  );
}

/** Loads `fetch` now and when the window gets focus again; `reload` after an action. */
export function useRemoteList<T>(fetch: () => Promise<T[]>, fallback: string) {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      setItems(await fetch());
      setError(null);
    } catch (e) {
      setError(errorText(e, fallback));
    }
  }, [fetch, fallback]);
  useEffect(() => {
    void reload();
    const onFocus = () => void reload();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [reload]);
  return { items, error, reload };
}

function RecentResults({ remote, onOpen }: { remote: ResultsRemote; onOpen: (id: string) => void }) {
  const { items, error } = useRemoteList<ResultSummary>(remote.recent, 'Could not load your results.');
  return (
    <section aria-labelledby="recent-heading">
      <h3 id="recent-heading">Recent results</h3>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {items === null && !error && <p className="muted">Loading…</p>}
      {items?.length === 0 && <p className="muted">No results have been sent to you yet.</p>}
      <ul className="result-list">
        {items?.map((r) => (
          <li key={r.id} className={r.critical ? 'sev-critical' : undefined}>
            <a
              href={resultHash(r.id)}
              onClick={(e) => {
                e.preventDefault();
                onOpen(r.id);
              }}
            >
              {r.critical && (
                <span className="crit-chip">
                  <span aria-hidden="true">‼ </span>Critical{r.acknowledgedAt ? '' : ', not acknowledged'}
                </span>
              )}{' '}
              <strong>{r.testName || 'Result'}</strong>
              {r.patientName && <span>: {r.patientName}</span>}
              {r.nhsNumber && <span className="muted nhs-number"> (NHS {formatNhsNumber(r.nhsNumber)})</span>}
            </a>
            <span className="muted small"> {dateTimeText(r.reportedAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export type { Watch };
