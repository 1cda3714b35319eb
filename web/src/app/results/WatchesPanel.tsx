import { useState } from 'react';
import { formatNhsNumber, nhsDigits, nhsNumberProblem } from '../requests/nhsNumber';
import { errorText } from '../ui/Modal';
import type { ResultsRemote, Watch } from './resultsApi';
import { useRemoteList } from './ResultsPane';

/** "My watches": patients (and optionally one test) whose results I am sent; add and remove. */
export function WatchesPanel({ remote }: { remote: ResultsRemote }) {
  const { items, error, reload } = useRemoteList<Watch>(remote.watches, 'Could not load your watches.');
  const [nhs, setNhs] = useState('');
  const [test, setTest] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const problem = nhsNumberProblem(nhs);

  const add = async () => {
    setTried(true);
    if (problem) return document.getElementById('watch-nhs')?.focus();
    setBusy(true);
    setActionError(null);
    try {
      const digits = nhsDigits(nhs) ?? nhs;
      await remote.addWatch(digits, test.trim() || null);
      setSaid(`Watching ${formatNhsNumber(digits)}${test.trim() ? ` for ${test.trim()}` : ''}.`);
      setNhs('');
      setTest('');
      setTried(false);
      await reload();
    } catch (e) {
      setActionError(errorText(e, 'The watch was not added. Try again.'));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (w: Watch) => {
    setActionError(null);
    try {
      await remote.removeWatch(w.id);
      setSaid(`Stopped watching ${formatNhsNumber(w.nhsNumber)}.`);
      await reload();
    } catch (e) {
      setActionError(errorText(e, 'The watch was not removed. Try again.'));
    }
  };

  return (
    <section aria-labelledby="watches-heading">
      <h3 id="watches-heading">My watches</h3>
      <p className="muted small">You are sent every result of a patient you watch (of one test, if you name it), as well as the results you order.</p>
      <form
        className="watch-form"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <div>
          <label htmlFor="watch-nhs">NHS number</label>
          <input
            id="watch-nhs"
            className="req-input nhs-input"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            maxLength={14}
            value={nhs}
            onChange={(e) => setNhs(e.target.value)}
            aria-invalid={tried && problem ? true : undefined}
            aria-describedby={tried && problem ? 'watch-nhs-error' : undefined}
          />
        </div>
        <div>
          <label htmlFor="watch-test">
            Test <span className="muted">(optional)</span>
          </label>
          <input id="watch-test" className="req-input" type="text" maxLength={100} value={test} onChange={(e) => setTest(e.target.value)} placeholder="U&E" />
        </div>
        <button type="submit" className="primary" disabled={busy}>
          Watch
        </button>
      </form>
      {tried && problem && (
        <p id="watch-nhs-error" className="field-error">
          {problem}
        </p>
      )}
      {(error || actionError) && (
        <p className="form-error" role="alert">
          {actionError ?? error}
        </p>
      )}
      <p className="visually-hidden" role="status">
        {said}
      </p>
      {items?.length === 0 && <p className="muted">You are not watching anyone.</p>}
      <ul className="watch-list">
        {items?.map((w) => (
          <li key={w.id}>
            <span>
              <span className="nhs-number">{formatNhsNumber(w.nhsNumber)}</span>
              <span className="muted">{w.test ? `, ${w.test}` : ', every test'}</span>
            </span>
            <button type="button" className="secondary" onClick={() => void remove(w)} aria-label={`Remove watch on ${formatNhsNumber(w.nhsNumber)}${w.test ? ` for ${w.test}` : ''}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
