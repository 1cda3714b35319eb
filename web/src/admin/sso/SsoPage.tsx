import { Notice, OrganisationPicker } from '../AdminUi';
import { cloneElement, useEffect, useId, useState, type FormEvent, type ReactElement, type ReactNode } from 'react';
import { ApiError } from '../../api';
import type { Me } from '../../types';
import { changesOf, draftOf, ssoApi, type Draft, type OrganisationItem, type SsoSettings } from './ssoApi';
import { ClientKeys } from './ClientKeys';
import { LinkedIdentities } from './LinkedIdentities';
import './sso.css';

type Load = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; settings: SsoSettings };

/**
 * Single sign-on settings of one organisation (docs/single-sign-on.md): an organisation admin
 * edits their own, a platform admin picks the organisation. The client secret is write-only.
 */
export function SsoPage({ me }: { me: Me }) {
  const platformAdmin = me.role === 'platform_admin';
  const [organisations, setOrganisations] = useState<OrganisationItem[] | null>(null);
  const [organisationId, setOrganisationId] = useState(me.organisation.id);
  const pickerId = useId();

  useEffect(() => {
    if (!platformAdmin) return;
    ssoApi
      .organisations()
      .then(setOrganisations)
      .catch(() => setOrganisations([]));
  }, [platformAdmin]);

  return (
    <div className="sso-page">
      <h1>Single sign-on</h1>
      <p className="sso-intro">
        People of an organisation can sign in with their work account (NHSmail / Entra ID, NHS Care Identity Service 2,
        Keycloak or any OpenID Connect provider) instead of a Confer password.
      </p>
      {platformAdmin && (
        <OrganisationPicker
          id={pickerId}
          className="sso-picker"
          organisations={organisations ?? [me.organisation]}
          value={organisationId}
          onChange={setOrganisationId}
          allOrganisations={false}
        />
      )}
      <OrganisationSettings key={organisationId} organisationId={organisationId} />
    </div>
  );
}

function OrganisationSettings({ organisationId }: { organisationId: string }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ field?: string; message: string } | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);

  function show(settings: SsoSettings) {
    setLoad({ state: 'ready', settings });
    setDraft(draftOf(settings));
  }

  useEffect(() => {
    ssoApi
      .get(organisationId)
      .then(show)
      .catch((e) => setLoad({ state: 'failed', message: e instanceof ApiError ? e.detail : 'Cannot reach Confer right now.' }));
  }, [organisationId]);

  if (load.state === 'loading' || !draft) return <p role="status">Loading…</p>;
  if (load.state === 'failed') return <p role="alert">{load.message}</p>;
  const settings = load.settings;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft({ ...draft, [key]: value });
  const errorFor = (field: string) => (problem?.field === field ? problem.message : undefined);

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setNotice(null);
    setProblem(null);
    try {
      show(await ssoApi.put(organisationId, changesOf(draft!)));
      setNotice('Saved. The next sign-in uses these settings.');
    } catch (err) {
      setProblem(
        err instanceof ApiError
          ? { field: err.problem?.field, message: err.detail }
          : { message: 'Cannot reach Confer right now. Nothing was saved.' },
      );
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    setProblem(null);
    try {
      await ssoApi.remove(organisationId);
      setConfirmRemove(false);
      show(await ssoApi.get(organisationId));
      setNotice('Single sign-on removed. People of this organisation sign in with passwords again.');
    } catch (err) {
      setProblem({ message: err instanceof ApiError ? err.detail : 'Cannot reach Confer right now.' });
    } finally {
      setBusy(false);
    }
  }

  const keysShown = settings.configured && (settings.clientAuth === 'private_key_jwt' || settings.clientKeys.length > 0);
  return (
    <>
      <form className="sso-form" onSubmit={save} noValidate>
        <p className="sso-state" role="status">
          {settings.configured
            ? settings.enabled
              ? 'Single sign-on is on for this organisation.'
              : 'Single sign-on is set up but switched off.'
            : 'Single sign-on is not set up: people sign in with passwords.'}
        </p>
        <div className="sso-redirect">
          <span className="sso-label">Redirect URI to register at the provider</span>
          <code>{settings.redirectUri}</code>
        </div>

        <fieldset>
          <legend>Provider</legend>
          <Field id="sso-issuer" label="Issuer URL" hint="Exactly as in its tokens, e.g. https://login.microsoftonline.com/<tenant id>/v2.0" error={errorFor('issuer')}>
            <input type="url" value={draft.issuer} onChange={(e) => set('issuer', e.target.value)} spellCheck={false} />
          </Field>
          <Field id="sso-client-id" label="Client ID" error={errorFor('clientId')}>
            <input type="text" value={draft.clientId} onChange={(e) => set('clientId', e.target.value)} spellCheck={false} />
          </Field>
          <Field id="sso-client-auth" label="How Confer authenticates at the token endpoint" error={errorFor('clientAuth')}>
            <select value={draft.clientAuth} onChange={(e) => set('clientAuth', e.target.value)}>
              <option value="client_secret_basic">client_secret_basic (secret, HTTP Basic)</option>
              <option value="client_secret_post">client_secret_post (secret, in the form)</option>
              <option value="private_key_jwt">private_key_jwt (a key Confer makes; NHS CIS2)</option>
            </select>
          </Field>
          {draft.clientAuth === 'private_key_jwt' && !settings.clientKeys.some((k) => k.state === 'active') && (
            <p className="sso-hint">Saving makes the organisation's first key; register the key set URL shown below at the provider.</p>
          )}
          {draft.clientAuth !== 'private_key_jwt' && (
            <Field
              id="sso-secret"
              label="Client secret"
              hint={settings.clientSecretSet ? 'A secret is set. It is never shown; type a new one to replace it.' : 'No secret is set (a public client with PKCE only).'}
              error={errorFor('clientSecret')}
            >
              <input
                type="password"
                autoComplete="new-password"
                value={draft.clientSecret}
                disabled={draft.removeSecret}
                onChange={(e) => set('clientSecret', e.target.value)}
              />
            </Field>
          )}
          {draft.clientAuth !== 'private_key_jwt' && settings.clientSecretSet && (
            <Check id="sso-remove-secret" checked={draft.removeSecret} onChange={(v) => set('removeSecret', v)}>
              Remove the stored secret
            </Check>
          )}
          <Field id="sso-scopes" label="Scopes" hint="Besides openid, separated by spaces" error={errorFor('scopes')}>
            <input type="text" value={draft.scopes} onChange={(e) => set('scopes', e.target.value)} spellCheck={false} />
          </Field>
        </fieldset>

        <fieldset>
          <legend>Claims</legend>
          <div className="sso-grid">
            <Field id="sso-email-claim" label="Email claim" error={errorFor('emailClaim')}>
              <input type="text" value={draft.emailClaim} onChange={(e) => set('emailClaim', e.target.value)} spellCheck={false} />
            </Field>
            <Field id="sso-name-claim" label="Name claim" error={errorFor('nameClaim')}>
              <input type="text" value={draft.nameClaim} onChange={(e) => set('nameClaim', e.target.value)} spellCheck={false} />
            </Field>
            <Field id="sso-title-claim" label="Job title claim" hint="Optional" error={errorFor('jobTitleClaim')}>
              <input type="text" value={draft.jobTitleClaim} onChange={(e) => set('jobTitleClaim', e.target.value)} spellCheck={false} />
            </Field>
            <Field id="sso-tenant-claim" label="Organisation check: claim" hint="Optional, e.g. tid" error={errorFor('tenantClaim')}>
              <input type="text" value={draft.tenantClaim} onChange={(e) => set('tenantClaim', e.target.value)} spellCheck={false} />
            </Field>
            <Field id="sso-tenant-value" label="Organisation check: value" hint="The claim must have this value" error={errorFor('tenantValue')}>
              <input type="text" value={draft.tenantValue} onChange={(e) => set('tenantValue', e.target.value)} spellCheck={false} />
            </Field>
          </div>
          <Field id="sso-domains" label="Email domains" hint="Separated by spaces; people type their email to find this organisation, and only these domains may sign in" error={errorFor('domains')}>
            <input type="text" value={draft.domains} onChange={(e) => set('domains', e.target.value)} spellCheck={false} />
          </Field>
        </fieldset>

        <fieldset>
          <legend>Sign-in</legend>
          <Check id="sso-enabled" checked={draft.enabled} onChange={(v) => set('enabled', v)}>
            Single sign-on is on
          </Check>
          <Check id="sso-jit" checked={draft.justInTimeProvisioning} onChange={(v) => set('justInTimeProvisioning', v)}>
            Create an account at first sign-in for people who have none (just-in-time provisioning)
          </Check>
          <Check id="sso-passwords" checked={draft.localPasswordsAllowed} onChange={(v) => set('localPasswordsAllowed', v)}>
            People may also sign in with a Confer password (platform admins always can)
          </Check>
          <Check id="sso-email-updates" checked={draft.emailUpdatesAllowed} onChange={(v) => set('emailUpdatesAllowed', v)}>
            When the provider sends a new email for a person it already knows (same subject), update their Confer email
          </Check>
          {errorFor('localPasswordsAllowed') && (
            <p className="form-error" role="alert">
              {errorFor('localPasswordsAllowed')}
            </p>
          )}
        </fieldset>

        {problem && !['issuer', 'clientId', 'clientSecret', 'clientAuth', 'scopes', 'emailClaim', 'nameClaim', 'jobTitleClaim', 'tenantClaim', 'tenantValue', 'domains', 'localPasswordsAllowed'].includes(problem.field ?? '') && (
          <p className="form-error" role="alert">
            {problem.message}
          </p>
        )}
        <Notice message={notice} />
        <div className="sso-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save settings'}
          </button>
          {settings.configured && !confirmRemove && (
            <button type="button" className="secondary" onClick={() => setConfirmRemove(true)} disabled={busy}>
              Remove single sign-on
            </button>
          )}
        </div>
        {confirmRemove && (
          <div className="sso-confirm" role="group" aria-label="Confirm removal">
            <p>Remove single sign-on? People of this organisation will need a Confer password to sign in.</p>
            <button type="button" className="primary" onClick={remove} disabled={busy}>
              Remove
            </button>
            <button type="button" className="secondary" onClick={() => setConfirmRemove(false)} disabled={busy}>
              Keep it
            </button>
          </div>
        )}
      </form>
      {keysShown && <ClientKeys settings={settings} onChange={show} />}
      {settings.configured && <LinkedIdentities organisationId={settings.organisationId} />}
    </>
  );
}

/** A labelled input with its hint and its error, both announced with it. */
function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactElement<Record<string, unknown>> }) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="sso-field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="sso-hint">
          {hint}
        </p>
      )}
      {cloneElement(children, { id, 'aria-describedby': described, 'aria-invalid': error ? true : undefined })}
      {error && (
        <p id={`${id}-error`} className="form-error">
          {error}
        </p>
      )}
    </div>
  );
}

function Check({ id, checked, onChange, children }: { id: string; checked: boolean; onChange: (v: boolean) => void; children: ReactNode }) {
  return (
    <div className="sso-check">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{children}</label>
    </div>
  );
}
