import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Me } from '../../types';
import { Confirm, errorDetail, formatDateTime, FormError, Notice, OneTimeSecret, usePickableOrganisations } from '../AdminUi';
import { isPlatformAdmin } from '../sections';
import { ordered, scimApi, type IssuedScimToken, type ScimToken } from './scimApi';
import './scim.css';

/**
 * Provisioning (docs/provisioning.md): the SCIM tokens an organisation's identity system (Entra ID,
 * Okta, Keycloak) uses to create, update and deactivate its people and teams. A new token's secret
 * is shown once; revoking one stops the identity system at its next request.
 */
export function ScimPage({ me }: { me: Me }) {
  const platform = isPlatformAdmin(me);
  const organisations = usePickableOrganisations(platform);
  const [organisationId, setOrganisationId] = useState(me.organisation.id);

  return (
    <section aria-labelledby="scim-title">
      <div className="admin-head">
        <h1 id="scim-title">Provisioning</h1>
      </div>
      <p className="muted">
        Your identity system (Entra ID, Okta or Keycloak) can add starters, update names and job titles, deactivate leavers and keep
        teams in step with its groups through SCIM. Give it the address and a token from this page.
      </p>
      {platform && (
        <div className="admin-filters">
          <div>
            <label htmlFor="scim-org">Organisation</label>
            <select id="scim-org" value={organisationId} onChange={(e) => setOrganisationId(e.target.value)}>
              {(organisations.length ? organisations : [me.organisation]).map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name} ({o.code})
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      <OrganisationTokens key={organisationId} organisationId={organisationId} />
    </section>
  );
}

function OrganisationTokens({ organisationId }: { organisationId: string }) {
  const [tokens, setTokens] = useState<ScimToken[] | null>(null);
  const [scimUrl, setScimUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<IssuedScimToken | null>(null);
  const [revoke, setRevoke] = useState<ScimToken | null>(null);

  const load = useCallback(async () => {
    try {
      const list = await scimApi.list(organisationId);
      setTokens(ordered(list.items));
      setScimUrl(list.scimUrl);
      setError(null);
    } catch (e) {
      setError(errorDetail(e, 'The tokens could not be loaded.'));
    }
  }, [organisationId]);

  useEffect(() => {
    void load();
  }, [load]);

  async function create(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const made = await scimApi.create(organisationId, name.trim());
      setIssued(made);
      setName('');
      await load();
    } catch (err) {
      setError(errorDetail(err, 'The token could not be created.'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {scimUrl && (
        <p>
          SCIM address (Entra ID calls it the tenant URL): <code className="scim-url">{scimUrl}</code>
        </p>
      )}
      <form className="admin-filters" onSubmit={create} noValidate>
        <div>
          <label htmlFor="scim-token-name">Name of the new token</label>
          <input
            id="scim-token-name"
            type="text"
            value={name}
            maxLength={120}
            placeholder="Entra ID"
            onChange={(e) => setName(e.target.value)}
            autoComplete="off"
          />
        </div>
        <div className="scim-create">
          <button type="submit" className="primary" disabled={busy || !name.trim()}>
            Create token
          </button>
        </div>
      </form>
      {issued && (
        <OneTimeSecret
          label={`Token “${issued.token.name}”`}
          value={issued.secret}
          note="Copy it into your identity system now: Confer keeps only a fingerprint and cannot show it again."
        />
      )}
      <FormError message={error} />
      <Notice message={status} />
      {tokens && tokens.length === 0 && <p className="muted">No tokens yet: nothing can provision this organisation.</p>}
      {tokens && tokens.length > 0 && (
        <table className="admin-table">
          <caption className="visually-hidden">SCIM tokens</caption>
          <thead>
            <tr>
              <th scope="col">Token</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id} className={t.revokedAt ? 'is-disabled' : undefined}>
                <td data-label="Token">
                  <span className="admin-name">{t.name}</span>
                </td>
                <td data-label="Created">{formatDateTime(t.createdAt)}</td>
                <td data-label="Last used">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Never'}</td>
                <td data-label="Status">
                  <span className={`admin-status admin-status-${t.revokedAt ? 'disabled' : 'active'}`}>
                    {t.revokedAt ? 'Revoked' : 'Active'}
                  </span>
                </td>
                <td className="admin-row-actions">
                  {!t.revokedAt && (
                    <button type="button" className="secondary danger" onClick={() => setRevoke(t)}>
                      Revoke<span className="visually-hidden"> {t.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {revoke && (
        <Confirm
          title={`Revoke “${revoke.name}”?`}
          confirmLabel="Revoke token"
          danger
          onClose={() => setRevoke(null)}
          onConfirm={async () => {
            await scimApi.revoke(organisationId, revoke.id);
            setStatus(`Token “${revoke.name}” revoked. The identity system's next request will be refused.`);
            setIssued(null);
            await load();
          }}
        >
          <p>
            The identity system using it can no longer create, change or deactivate anyone. People and teams it already made stay as
            they are.
          </p>
        </Confirm>
      )}
    </>
  );
}
