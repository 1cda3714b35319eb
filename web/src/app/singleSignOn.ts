/**
 * "Sign in with your organisation" (docs/single-sign-on.md): where the button goes, and the
 * sign-in page's words for the codes the server puts in `#sso-error=<code>` when single sign-on
 * fails. The provider's own messages never reach the page.
 */

/** The address that starts single sign-on: an email's domain or an organisation code names the organisation. */
export function ssoStartUrl(organisationOrEmail: string, returnPath = '/'): string {
  const value = organisationOrEmail.trim();
  const q = new URLSearchParams();
  if (value.includes('@')) q.set('email', value);
  else q.set('org', value.toUpperCase());
  if (returnPath !== '/') q.set('return', returnPath);
  return `/api/v1/sso/start?${q}`;
}

/** The code in a `#sso-error=<code>` fragment, if the page was opened with one. */
export function ssoErrorOf(hash: string): string | null {
  const m = /^#sso-error=([a-z-]{1,40})$/.exec(hash);
  return m ? m[1] : null;
}

const UNTRUSTED =
  "Your organisation's sign-in answer could not be checked, so you were not signed in. Try again; if it keeps happening, tell your IT service desk.";

const MESSAGES: Record<string, string> = {
  'not-configured':
    'That organisation does not sign in to Confer with its own account, or the code or email address was not recognised. Check it, or sign in with your email address and password.',
  'invalid-state': 'That sign-in had expired or was already used. Start again.',
  'provider-refused': "Sign-in at your organisation was cancelled or refused. Try again, or contact your IT service desk.",
  'provider-unavailable': "Your organisation's sign-in service could not be reached. Try again in a few minutes.",
  'token-exchange-failed': "Confer could not finish signing you in with your organisation. Your administrator may need to check Confer's settings.",
  'bad-signature': UNTRUSTED,
  'wrong-issuer': UNTRUSTED,
  'wrong-audience': UNTRUSTED,
  'token-expired': UNTRUSTED,
  'nonce-mismatch': UNTRUSTED,
  'invalid-token': UNTRUSTED,
  'wrong-tenant': "You signed in with an account of another organisation's directory. Use your work account for this organisation.",
  'missing-email': 'Your organisation did not tell Confer your email address. Contact your administrator.',
  'email-domain-not-allowed': 'Your email address is not one this organisation signs in to Confer.',
  'invalid-claims': 'Your name or job title from your organisation cannot be used in Confer. Contact your administrator.',
  'account-disabled': "Your Confer account is disabled. Contact your organisation's administrator.",
  'other-organisation': 'Your email address belongs to a Confer account of another organisation. Sign in through that organisation.',
  'no-account': "You do not have a Confer account yet. Ask your organisation's administrator to add you.",
  'lookalike-name': "Confer could not create your account because your name looks like someone else's. Contact your administrator.",
};

/** The sentence the sign-in page shows, with the code for the service desk. */
export function ssoErrorMessage(code: string): string {
  return `${MESSAGES[code] ?? 'Signing in with your organisation did not complete. Try again.'} (Code: ${code})`;
}
