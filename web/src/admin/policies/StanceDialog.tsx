import { useEffect, useState } from 'react';
import { Modal } from '../../app/ui/Modal';
import { adminApi, type AdminTeam } from '../adminApi';
import { errorDetail, FormError } from '../AdminUi';
import { MODE_LABELS, type PolicyMode, type StanceChange, type StanceView } from './policiesApi';

/**
 * Changes one stance: towards one organisation, or towards every other. Named teams are picked
 * from the organisation's own teams (a platform admin also sees the other organisation's). The
 * consequence is spelled out before saving: new chats are refused at once, existing ones stay.
 */
export function StanceDialog({
  organisationId,
  other,
  current,
  platform,
  onSave,
  onClose,
}: {
  organisationId: string;
  other: { id: string; name: string } | null;
  current: StanceView;
  platform: boolean;
  onSave: (change: StanceChange) => Promise<void>;
  onClose: () => void;
}) {
  const [mode, setMode] = useState<PolicyMode | 'default'>(current.own ? current.mode : 'default');
  const [teamIds, setTeamIds] = useState<string[]>(current.teams.map((t) => t.id));
  const [teams, setTeams] = useState<AdminTeam[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const towards = other ? `people of ${other.name}` : 'people of every other organisation';

  useEffect(() => {
    const owners = [organisationId, ...(platform && other ? [other.id] : [])];
    Promise.all(owners.map((o) => adminApi.teams('', o).then((r) => r.items)))
      .then((lists) => setTeams(lists.flat().filter((t) => !t.archivedAt)))
      .catch(() => setTeams([]));
  }, [organisationId, other, platform]);

  const options: (PolicyMode | 'default')[] = other ? ['default', 'allowed', 'blocked', 'named-teams'] : ['allowed', 'blocked', 'named-teams'];
  return (
    <Modal title={other ? `Policy towards ${other.name}` : 'Policy towards every other organisation'} onClose={onClose}>
      {() => (
        <form
          className="policy-form"
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            setError(null);
            try {
              await onSave({ otherOrganisationId: other?.id ?? null, mode, teamIds: mode === 'named-teams' ? teamIds : [] });
              onClose();
            } catch (err) {
              setError(errorDetail(err, 'The policy could not be saved.'));
              setBusy(false);
            }
          }}
        >
          <fieldset>
            <legend>May our people work with {towards}?</legend>
            {options.map((m) => (
              <div className="policy-choice" key={m}>
                <input type="radio" id={`mode-${m}`} name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
                <label htmlFor={`mode-${m}`}>{m === 'default' ? 'As for every other organisation' : MODE_LABELS[m]}</label>
              </div>
            ))}
          </fieldset>
          {mode === 'named-teams' && (
            <fieldset>
              <legend>Teams where they may work together</legend>
              {teams.length === 0 && <p className="muted">No teams to name yet: create the shared team first.</p>}
              {teams.map((t) => (
                <div className="policy-choice" key={t.id}>
                  <input
                    type="checkbox"
                    id={`team-${t.id}`}
                    checked={teamIds.includes(t.id)}
                    onChange={(e) => setTeamIds(e.target.checked ? [...teamIds, t.id] : teamIds.filter((x) => x !== t.id))}
                  />
                  <label htmlFor={`team-${t.id}`}>{t.name}</label>
                </div>
              ))}
            </fieldset>
          )}
          {mode !== 'allowed' && mode !== 'default' && (
            <p className="policy-warning">
              From now on, nobody can start a chat, add someone to a team or channel, or invite someone to a meeting across this rule
              {mode === 'named-teams' ? ' outside the named teams' : ''}. Conversations and teams they already share are kept and listed
              under Conflicts for you to resolve.
            </p>
          )}
          <FormError message={error} />
          <div className="admin-actions">
            <button type="button" className="secondary" onClick={onClose} disabled={busy}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={busy || (mode === 'named-teams' && teamIds.length === 0)}>
              Save policy
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
