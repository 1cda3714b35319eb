import { useEffect, useId, useState, type FormEvent } from 'react';
import { ApiError } from '../../api';
import { FormError, Notice } from '../AdminUi';
import { ssoApi, type LinkedIdentity } from './ssoApi';

/**
 * The provider identities linked to the organisation's people (docs/single-sign-on.md, "Matching
 * by subject"). Unlinking lets the person's next sign-in link the identity the provider then
 * presents: do it only after checking that the new identity really is that person.
 */
export function LinkedIdentities({ organisationId }: { organisationId: string }) {
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<LinkedIdentity[] | null>(null);
  const [confirm, setConfirm] = useState<LinkedIdentity | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const searchId = useId();

  async function search(e?: FormEvent) {
    e?.preventDefault();
    setError(null);
    try {
      setItems(await ssoApi.identities(organisationId, query.trim()));
    } catch (err) {
      setError(err instanceof ApiError ? err.detail : 'Cannot reach Confer right now.');
    }
  }

  useEffect(() => {
    // The first 100 at once; the search box narrows an organisation's staff from there.
    ssoApi
      .identities(organisationId, '')
      .then(setItems)
      .catch(() => setItems(null));
  }, [organisationId]);

  async function unlink(l: LinkedIdentity) {
    setBusy(true);
    setError(null);
    try {
      await ssoApi.unlink(organisationId, l.id);
      setConfirm(null);
      setNotice(`Unlinked ${l.email} from ${l.subject}. Their next sign-in links the identity the provider presents then.`);
      await search();
    } catch (err) {
      setError(err instanceof ApiError ? err.detail : 'Cannot reach Confer right now. Nothing changed.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="sso-section" aria-labelledby="sso-identities-heading">
      <h2 id="sso-identities-heading">Linked identities</h2>
      <p className="sso-hint">
        People are recognised by the provider's subject, linked at their first sign-in. A different subject with a linked person's
        email is refused until you unlink the old one here.
      </p>
      <form className="sso-search" role="search" onSubmit={search}>
        <label htmlFor={searchId}>Email or name</label>
        <input id={searchId} type="search" value={query} onChange={(e) => setQuery(e.target.value)} spellCheck={false} />
        <button type="submit" className="secondary">Search</button>
      </form>
      <FormError message={error} />
      <Notice message={notice} />
      {items && items.length === 0 && <p role="status">{query.trim() ? 'No linked identity matches.' : 'Nobody is linked yet: people are linked at their first single sign-on.'}</p>}
      {items && items.length > 0 && (
        <ul className="sso-identities">
          {items.map((l) => (
            <li key={l.id}>
              <div>
                <strong>{l.displayName}</strong> · {l.email}
                <div className="sso-hint">
                  Subject <code>{l.subject}</code> at {l.issuer} · last sign-in {new Date(l.lastSignInAt).toLocaleString()}
                </div>
              </div>
              {confirm?.id === l.id ? (
                <div className="sso-confirm" role="group" aria-label={`Confirm unlinking ${l.email}`}>
                  <p>Unlink? Whoever next signs in at the provider with {l.email} will be linked to this person.</p>
                  <button type="button" className="primary" disabled={busy} onClick={() => unlink(l)}>Unlink</button>
                  <button type="button" className="secondary" disabled={busy} onClick={() => setConfirm(null)}>Keep it</button>
                </div>
              ) : (
                <button type="button" className="secondary" onClick={() => setConfirm(l)} aria-label={`Unlink ${l.email}`}>
                  Unlink
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
