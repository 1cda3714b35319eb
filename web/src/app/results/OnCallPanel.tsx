import { useEffect, useState } from 'react';
import type { PeopleStore } from '../../store/people';
import type { PresenceStore } from '../../store/presence';
import { PeopleSearch } from '../teams/PeopleSearch';
import { errorText } from '../ui/Modal';
import { useStore } from '../useStore';
import type { OnCallRole, ResultsRemote } from './resultsApi';
import { useRemoteList } from './ResultsPane';
import { dateTimeText } from './resultView';

/**
 * "On call": the organisation's on-call roles and who holds each now, with "Take over" (the
 * server lets anyone take a role over themselves; audited), and my named deputy, who is alerted
 * first when I do not acknowledge a critical result.
 */
export function OnCallPanel({ remote, people, presence, meId }: { remote: ResultsRemote; people: PeopleStore; presence: PresenceStore; meId: string }) {
  useStore(people);
  const { items, error, reload } = useRemoteList<OnCallRole>(remote.onCallRoles, 'Could not load the on-call roles.');
  const [actionError, setActionError] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  /** undefined: the server does not say (no GET yet); null: none. */
  const [deputy, setDeputy] = useState<string | null | undefined>(undefined);
  const [choosing, setChoosing] = useState(false);
  const holders = (items ?? []).flatMap((r) => (r.holderId ? [r.holderId] : [])).join(',');
  useEffect(() => {
    if (holders) people.want(holders.split(','));
  }, [holders, people]);
  useEffect(() => {
    void remote.deputy().then((id) => {
      setDeputy(id);
      if (id) people.want([id]);
    });
  }, [remote, people]);
  const name = (id: string) => (id === meId ? 'You' : (people.person(id)?.displayName ?? '…'));

  const takeOver = async (role: OnCallRole) => {
    setBusy(role.id);
    setActionError(null);
    try {
      await remote.takeOver(role.id, meId);
      setSaid(`You now hold ${role.name}.`);
      await reload();
    } catch (e) {
      setActionError(errorText(e, 'You could not take over this role. Try again.'));
    } finally {
      setBusy(null);
    }
  };
  const chooseDeputy = async (id: string | null) => {
    setActionError(null);
    try {
      await remote.setDeputy(id);
      setDeputy(id);
      setChoosing(false);
      if (id) people.want([id]);
      setSaid(id ? `${name(id)} is now your deputy.` : 'You have no deputy now.');
    } catch (e) {
      setActionError(errorText(e, 'Your deputy was not changed. Try again.'));
    }
  };

  return (
    <section aria-labelledby="oncall-heading">
      <h3 id="oncall-heading">On call</h3>
      {(error || actionError) && (
        <p className="form-error" role="alert">
          {actionError ?? error}
        </p>
      )}
      <p className="visually-hidden" role="status">
        {said}
      </p>
      {items === null && !error && <p className="muted">Loading…</p>}
      {items?.length === 0 && <p className="muted">Your organisation has no on-call roles yet.</p>}
      <ul className="oncall-list">
        {items?.map((r) => (
          <li key={r.id}>
            <span>
              <strong>{r.name}</strong>
              <span className="oncall-holder">
                {r.holderId ? ` held by ${r.holderId === meId ? 'you' : (r.holderName ?? name(r.holderId))}` : ' nobody holds it'}
                {r.since && <span className="muted small"> since {dateTimeText(r.since)}</span>}
              </span>
            </span>
            {r.holderId !== meId && (
              <button type="button" className="secondary" disabled={busy === r.id} onClick={() => void takeOver(r)} aria-label={`Take over ${r.name}`}>
                Take over
              </button>
            )}
          </li>
        ))}
      </ul>
      <h3 id="deputy-heading">My deputy</h3>
      <p className="muted small">Alerted first when you do not acknowledge a critical result in time.</p>
      <p>
        {deputy === undefined ? '' : deputy ? <strong>{name(deputy)}</strong> : 'No deputy named.'}{' '}
        {!choosing && (
          <button type="button" className="secondary" onClick={() => setChoosing(true)}>
            {deputy === null ? 'Choose a deputy' : deputy ? 'Change deputy' : 'Choose or change your deputy'}
          </button>
        )}{' '}
        {deputy !== null && !choosing && (
          <button type="button" className="link-button" onClick={() => void chooseDeputy(null)}>
            Remove deputy
          </button>
        )}
      </p>
      {choosing && (
        <div className="deputy-search">
          <PeopleSearch meId={meId} presence={presence} id="deputy-search" label="Search people for your deputy" exclude={deputy ? [deputy] : []} onPick={(p) => void chooseDeputy(p.id)} autoFocus />
          <button type="button" className="secondary" onClick={() => setChoosing(false)}>
            Cancel
          </button>
        </div>
      )}
    </section>
  );
}
