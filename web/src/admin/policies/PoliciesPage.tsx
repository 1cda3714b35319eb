import { useCallback, useEffect, useState } from 'react';
import type { Me } from '../../types';
import { errorDetail, FormError, Notice, OrganisationPicker, usePickableOrganisations } from '../AdminUi';
import { isPlatformAdmin } from '../sections';
import { describe, MODE_LABELS, placeName, policiesApi, type PolicyConflict, type PolicyView, type StanceView } from './policiesApi';
import { StanceDialog } from './StanceDialog';
import './policies.css';

type Editing = { other: { id: string; name: string } | null; current: StanceView } | null;

/**
 * The cross-organisation policy of one organisation (docs/organisation-policy.md): its stance
 * towards every other organisation and towards each one, the other side's stance, what applies
 * between the two, and the conversations and teams that the policy now keeps apart.
 */
export function PoliciesPage({ me }: { me: Me }) {
  const platform = isPlatformAdmin(me);
  const organisations = usePickableOrganisations(platform);
  const [organisationId, setOrganisationId] = useState(me.organisation.id);
  const [view, setView] = useState<PolicyView | null>(null);
  const [conflicts, setConflicts] = useState<{ items: PolicyConflict[]; truncated: boolean } | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [v, c] = await Promise.all([policiesApi.get(organisationId), policiesApi.conflicts(organisationId)]);
      setView(v);
      setConflicts(c);
      setError(null);
    } catch (e) {
      setError(errorDetail(e, 'The policy could not be loaded.'));
    }
  }, [organisationId]);

  useEffect(() => void load(), [load]);

  return (
    <section aria-labelledby="policies-title" className="policies-page">
      <div className="admin-head">
        <h1 id="policies-title">Cross-organisation policy</h1>
      </div>
      <p className="policy-intro">
        Whether your people may work with people of another organisation in Confer: anywhere, nowhere, or only in teams you name.
        Both organisations' rules apply, so either can say no. A change applies at once to new chats, team members and meeting
        invitations; nothing people already share is removed.
      </p>
      {platform && (
        <OrganisationPicker
          id="policy-org"
          className="policy-picker"
          organisations={organisations.length ? organisations : [me.organisation]}
          value={organisationId}
          onChange={setOrganisationId}
          allOrganisations={false}
        />
      )}
      <FormError message={error} />
      <Notice message={notice} />
      {view && (
        <>
          <div className="policy-default">
            <p>
              <span className="admin-name">Every other organisation</span>
              <span className="muted admin-sub">Unless a rule below says otherwise: {describe(view.everyOther)}</span>
            </p>
            <button type="button" className="secondary" onClick={() => setEditing({ other: null, current: view.everyOther })}>
              Change
            </button>
          </div>
          <table className="admin-table policy-table">
            <caption className="visually-hidden">Policy towards each organisation</caption>
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Our rule</th>
                <th scope="col">Their rule</th>
                <th scope="col">What applies</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {view.organisations.map((o) => (
                <tr key={o.id}>
                  <td data-label="Organisation">
                    <span className="admin-name">{o.name}</span>
                    <span className="muted admin-sub">{o.code}</span>
                  </td>
                  <td data-label="Our rule">
                    {describe(o.ours)}
                    {!o.ours.own && <span className="muted admin-sub">as for every other</span>}
                  </td>
                  <td data-label="Their rule">{describe(o.theirs)}</td>
                  <td data-label="What applies">
                    <span className={`policy-effective policy-${o.effective}`}>{MODE_LABELS[o.effective]}</span>
                  </td>
                  <td data-label="">
                    <button
                      type="button"
                      className="secondary"
                      aria-label={`Change the policy towards ${o.name}`}
                      onClick={() => setEditing({ other: { id: o.id, name: o.name }, current: o.ours })}
                    >
                      Change
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Conflicts conflicts={conflicts} />
        </>
      )}
      {editing && view && (
        <StanceDialog
          organisationId={organisationId}
          other={editing.other}
          current={editing.current}
          platform={platform}
          onClose={() => setEditing(null)}
          onSave={async (change) => {
            setView(await policiesApi.set(organisationId, change));
            setConflicts(await policiesApi.conflicts(organisationId));
            setNotice(`Policy towards ${editing.other?.name ?? 'every other organisation'} saved.`);
          }}
        />
      )}
    </section>
  );
}

function Conflicts({ conflicts }: { conflicts: { items: PolicyConflict[]; truncated: boolean } | null }) {
  if (!conflicts) return null;
  return (
    <div className="policy-conflicts">
      <h2 id="conflicts-title">Conflicts</h2>
      {conflicts.items.length === 0 ? (
        <p className="muted">No conversation or team brings together people whom the policy keeps apart.</p>
      ) : (
        <>
          <p>
            These already bring together people whom the policy now keeps apart. Nothing has been removed: people may rely on them for
            care. Agree with the other organisation, then remove people (team owners or the Teams page) or change the policy.
          </p>
          <ul aria-labelledby="conflicts-title">
            {conflicts.items.map((c) => (
              <li key={`${c.kind}-${c.id}`} className="policy-conflict">
                <span className="admin-name">{placeName(c)}</span>
                <span className="muted admin-sub">
                  {c.ruledBy} {c.rule === 'blocked' ? 'blocks' : 'allows only named teams for'} {c.with} · {c.memberCount} members
                </span>
                <span className="policy-people">{c.people.map((p) => `${p.displayName} (${p.organisationName})`).join(', ')}</span>
              </li>
            ))}
          </ul>
          {conflicts.truncated && <p className="muted">Only the first 200 are listed.</p>}
        </>
      )}
    </div>
  );
}
