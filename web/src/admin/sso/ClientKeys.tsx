import { useId, useState } from 'react';
import { ApiError } from '../../api';
import { FormError, Notice } from '../AdminUi';
import { keysInOrder, ssoApi, type ClientKey, type SsoSettings } from './ssoApi';

const STATE_WORDS: Record<ClientKey['state'], string> = {
  active: 'Signs now',
  next: 'Published, not signing yet',
  retired: 'Published, no longer signs',
};

/**
 * The organisation's private_key_jwt keys (docs/single-sign-on.md, "private_key_jwt"): the key set
 * address to register at the provider, and rotation in two steps — publish a next key, then use
 * it once the provider has read it; a retired key stays published until it is removed.
 */
export function ClientKeys({ settings, onChange }: { settings: SsoSettings; onChange: (s: SsoSettings) => void }) {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [algorithm, setAlgorithm] = useState('RS256');
  const algorithmId = useId();
  const keys = keysInOrder(settings.clientKeys);
  const hasNext = keys.some((k) => k.state === 'next');

  async function act(what: () => Promise<SsoSettings>, done: string) {
    setBusy(true);
    setNotice(null);
    setError(null);
    try {
      onChange(await what());
      setNotice(done);
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : 'Cannot reach Confer right now. Nothing changed.');
    } finally {
      setBusy(false);
    }
  }

  const id = settings.organisationId;
  return (
    <section className="sso-section" aria-labelledby="sso-keys-heading">
      <h2 id="sso-keys-heading">Client keys (private_key_jwt)</h2>
      <div className="sso-redirect">
        <span className="sso-label">Key set (JWKS) URL to register at the provider</span>
        <code>{settings.jwksUri}</code>
      </div>
      {keys.length === 0 ? (
        <p>No key yet: save the settings with private_key_jwt, or add a key.</p>
      ) : (
        <ul className="sso-keys">
          {keys.map((k) => (
            <li key={k.keyId} className={`sso-key sso-key-${k.state}`}>
              <div>
                <strong>{STATE_WORDS[k.state]}</strong> · {k.algorithm} · added {new Date(k.createdAt).toLocaleDateString()}
                <code className="sso-kid">{k.keyId}</code>
              </div>
              <div className="sso-key-actions">
                {k.state !== 'active' && (
                  <button type="button" className="primary" disabled={busy}
                    onClick={() => act(() => ssoApi.activateKey(id, k.keyId), 'Confer signs with this key from now on. The previous key stays published.')}
                    aria-label={`Use for signing: key ${k.keyId.slice(0, 8)}`}>
                    Use for signing
                  </button>
                )}
                {k.state !== 'active' && (
                  <button type="button" className="secondary" disabled={busy}
                    onClick={() => act(() => ssoApi.removeKey(id, k.keyId), 'Key removed from the key set.')}
                    aria-label={`Remove: key ${k.keyId.slice(0, 8)}`}>
                    Remove
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <div className="sso-rotate">
        <label htmlFor={algorithmId}>Algorithm</label>
        <select id={algorithmId} value={algorithm} onChange={(e) => setAlgorithm(e.target.value)}>
          <option value="RS256">RS256 (RSA 2048)</option>
          <option value="RS512">RS512 (RSA 2048)</option>
          <option value="ES256">ES256 (P-256)</option>
        </select>
        <button type="button" className="secondary" disabled={busy || hasNext}
          onClick={() => act(() => ssoApi.addKey(id, algorithm), keys.length === 0 ? 'Key added: it signs now.' : 'Next key published. Use it for signing once the provider has read the key set.')}>
          {keys.length === 0 ? 'Add a key' : 'Rotate: publish a next key'}
        </button>
      </div>
      {hasNext && <p className="sso-hint">A next key is published. Let the provider read the key set (it re-reads it within minutes), then choose "Use for signing".</p>}
      <FormError message={error} />
      <Notice message={notice} />
    </section>
  );
}
