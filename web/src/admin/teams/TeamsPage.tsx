import { useCallback, useEffect, useState } from 'react';
import type { Me } from '../../types';
import { Modal } from '../../app/ui/Modal';
import { adminApi, type AdminTeam, type AdminTeamMember } from '../adminApi';
import { Confirm, errorDetail, formatDate, FormError, Notice, OrganisationPicker, usePickableOrganisations } from '../AdminUi';
import { isPlatformAdmin } from '../sections';

/** Teams of the organisation (a team belongs to its creator's organisation), archived ones included. */
export function TeamsPage({ me }: { me: Me }) {
  const platform = isPlatformAdmin(me);
  const [query, setQuery] = useState('');
  const organisations = usePickableOrganisations(platform);
  const [organisationId, setOrganisationId] = useState('');
  const [teams, setTeams] = useState<AdminTeam[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [owners, setOwners] = useState<AdminTeam | null>(null);
  const [archive, setArchive] = useState<AdminTeam | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setTeams((await adminApi.teams(query, organisationId || undefined)).items);
      setError(null);
    } catch (e) {
      setError(errorDetail(e, 'The teams could not be loaded.'));
    }
  }, [query, organisationId]);

  useEffect(() => {
    const t = setTimeout(() => void load(), 250);
    return () => clearTimeout(t);
  }, [load]);

  return (
    <section aria-labelledby="teams-title">
      <div className="admin-head">
        <h1 id="teams-title">Teams</h1>
      </div>
      <div className="admin-filters">
        <div>
          <label htmlFor="teams-search">Search by name</label>
          <input id="teams-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
        </div>
        {platform && (
          <OrganisationPicker id="teams-org" organisations={organisations} value={organisationId} onChange={setOrganisationId} />
        )}
      </div>
      <FormError message={error} />
      <Notice message={status} />
      <table className="admin-table">
        <caption className="visually-hidden">Teams</caption>
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col">Owners</th>
            <th scope="col">Members</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(teams ?? []).map((t) => (
            <tr key={t.id} className={t.archivedAt ? 'is-disabled' : undefined}>
              <td data-label="Team">
                <span className="admin-name">{t.name}</span>
                <span className="muted admin-sub">
                  Created {formatDate(t.createdAt)}
                  {platform ? ` · ${organisations.find((o) => o.id === t.organisationId)?.code ?? ''}` : ''}
                </span>
              </td>
              <td data-label="Owners">{t.owners.map((o) => o.displayName).join(', ') || '—'}</td>
              <td data-label="Members">{t.memberCount}</td>
              <td data-label="Status">
                <span className={`admin-status admin-status-${t.archivedAt ? 'disabled' : 'active'}`}>
                  {t.archivedAt ? `Archived ${formatDate(t.archivedAt)}` : 'Active'}
                </span>
              </td>
              <td className="admin-row-actions">
                <button type="button" className="secondary" onClick={() => setOwners(t)}>
                  Owners<span className="visually-hidden"> of {t.name}</span>
                </button>
                {t.archivedAt ? (
                  <button
                    type="button"
                    className="secondary"
                    onClick={async () => {
                      try {
                        await adminApi.archiveTeam(t.id, false);
                        setStatus(`${t.name} is restored.`);
                        void load();
                      } catch (e) {
                        setError(errorDetail(e, 'The team could not be restored.'));
                      }
                    }}
                  >
                    Restore<span className="visually-hidden"> {t.name}</span>
                  </button>
                ) : (
                  <button type="button" className="secondary danger" onClick={() => setArchive(t)}>
                    Archive<span className="visually-hidden"> {t.name}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted" role="status">
        {teams === null ? 'Loading…' : teams.length === 0 ? 'No teams match.' : `${teams.length} teams`}
      </p>
      {owners && <OwnersDialog team={owners} onClose={() => setOwners(null)} onChanged={() => void load()} />}
      {archive && (
        <Confirm
          title={`Archive ${archive.name}?`}
          confirmLabel="Archive team"
          danger
          onClose={() => setArchive(null)}
          onConfirm={async () => {
            await adminApi.archiveTeam(archive.id, true);
            setStatus(`${archive.name} is archived.`);
            void load();
          }}
        >
          <p>
            Nobody can be added to it and no channels can be made in it; it no longer shows in search. Its conversations stay readable.
            You can restore it at any time.
          </p>
        </Confirm>
      )}
    </section>
  );
}

function OwnersDialog({ team, onClose, onChanged }: { team: AdminTeam; onClose: () => void; onChanged: () => void }) {
  const [members, setMembers] = useState<AdminTeamMember[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setMembers((await adminApi.teamMembers(team.id)).items);
    } catch (e) {
      setError(errorDetail(e, 'The members could not be loaded.'));
    }
  }, [team.id]);
  useEffect(() => void load(), [load]);
  const ownerCount = members?.filter((m) => m.role === 'owner').length ?? 0;

  return (
    <Modal title={`Owners of ${team.name}`} onClose={onClose} wide>
      {() => (
        <>
          <p className="muted">Owners add and remove people and make channels. A team always keeps at least one owner.</p>
          <FormError message={error} />
          <ul className="admin-members">
            {(members ?? []).map((m) => (
              <li key={m.userId}>
                <span>
                  <span className="admin-name">{m.displayName}</span>
                  <span className="muted admin-sub">{m.role === 'owner' ? 'Owner' : 'Member'}</span>
                </span>
                <button
                  type="button"
                  className="secondary"
                  disabled={m.role === 'owner' && ownerCount <= 1}
                  onClick={async () => {
                    setError(null);
                    try {
                      await adminApi.setTeamRole(team.id, m.userId, m.role === 'owner' ? 'member' : 'owner');
                      await load();
                      onChanged();
                    } catch (e) {
                      setError(errorDetail(e, 'The role could not be changed.'));
                    }
                  }}
                >
                  {m.role === 'owner' ? 'Make member' : 'Make owner'}
                  <span className="visually-hidden"> {m.displayName}</span>
                </button>
              </li>
            ))}
          </ul>
          <div className="admin-actions">
            <button type="button" className="secondary" onClick={onClose}>
              Close
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}
