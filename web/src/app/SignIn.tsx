import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, NetworkError, rememberCsrf } from '../api';
import type { Me } from '../types';
import { ssoErrorMessage, ssoErrorOf, ssoStartUrl } from './singleSignOn';
import './singleSignOn.css';

export function SignIn({ onSignedIn, notice }: { onSignedIn: (me: Me) => void; notice?: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();
  const emailRef = useRef<HTMLInputElement>(null);
  // "Sign in with your organisation" (docs/single-sign-on.md): an organisation code or a work email.
  const [organisation, setOrganisation] = useState('');
  const [ssoProblem, setSsoProblem] = useState<string | null>(null);
  const ssoProblemId = useId();
  const ssoHintId = useId();
  const organisationRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // A failed single sign-on comes back as /#sso-error=<code>: say it in words, then tidy the address.
    const code = ssoErrorOf(location.hash);
    if (code) {
      setSsoProblem(ssoErrorMessage(code));
      history.replaceState(null, '', location.pathname + location.search);
    }
  }, []);

  function startSingleSignOn(e: FormEvent) {
    e.preventDefault();
    if (!organisation.trim()) {
      setSsoProblem("Enter your organisation's code or your work email address.");
      organisationRef.current?.focus();
      return;
    }
    location.assign(ssoStartUrl(organisation));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!email.trim() || !password) {
      setError('Enter your email address and password.');
      emailRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const answer = await api.login(email.trim(), password);
      rememberCsrf(answer.csrfToken); // the token itself is never kept: the cookie is the session
      setPassword('');
      onSignedIn(answer.user);
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) {
        const wait = err.retryAfterSeconds ? ` Try again in ${Math.ceil(err.retryAfterSeconds / 60)} minute(s).` : ' Try again later.';
        setError(`Too many sign-in attempts.${wait}`);
      } else if (err instanceof ApiError && err.problem?.type === 'urn:confer:problem:sso-required') {
        // The password was right, but this organisation signs its people in through its own account.
        setError(null);
        setSsoProblem(err.detail);
        setPassword('');
        setOrganisation(email.trim());
        organisationRef.current?.focus();
      } else if (err instanceof ApiError && err.status === 401) {
        setError('That email address and password do not match an account.');
      } else if (err instanceof ApiError) {
        setError(err.detail);
      } else if (err instanceof NetworkError) {
        setError('Cannot reach Confer. Check your connection and try again.');
      } else {
        setError('Sign-in failed. Try again.');
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="signin-page">
      <header className="signin-brand">
        <span className="brand-mark" aria-hidden="true">C</span>
        <span className="brand-name">Confer</span>
      </header>
      <main className="signin-card" aria-labelledby="signin-title">
        <h1 id="signin-title">Sign in</h1>
        <p className="muted">Collaboration for health and care teams.</p>
        {notice && <p className="notice" role="status">{notice}</p>}
        <form onSubmit={submit} noValidate aria-describedby={error ? errorId : undefined}>
          <label htmlFor="signin-email">Email address</label>
          <input
            id="signin-email"
            ref={emailRef}
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={error ? true : undefined}
            autoFocus
            required
          />
          <label htmlFor="signin-password">Password</label>
          <input
            id="signin-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={error ? true : undefined}
            required
          />
          {error && (
            <p id={errorId} className="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <form className="signin-sso" onSubmit={startSingleSignOn} noValidate aria-labelledby="signin-sso-title">
          <h2 id="signin-sso-title">Sign in with your organisation</h2>
          <label htmlFor="signin-organisation">Your organisation</label>
          <p id={ssoHintId} className="muted signin-hint">
            Its code (such as RDM) or your work email address
          </p>
          <input
            id="signin-organisation"
            ref={organisationRef}
            type="text"
            autoComplete="organization"
            autoCapitalize="none"
            spellCheck={false}
            value={organisation}
            onChange={(e) => setOrganisation(e.target.value)}
            aria-describedby={ssoProblem ? `${ssoHintId} ${ssoProblemId}` : ssoHintId}
            aria-invalid={ssoProblem ? true : undefined}
          />
          {ssoProblem && (
            <p id={ssoProblemId} className="form-error" role="alert">
              {ssoProblem}
            </p>
          )}
          <button type="submit" className="secondary">
            Continue with your organisation
          </button>
        </form>
      </main>
    </div>
  );
}
