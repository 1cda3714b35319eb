import { describe, expect, it } from 'vitest';
import { changesOf, draftOf, keysInOrder, words, type SsoSettings } from './ssoApi';

const stored: SsoSettings = {
  organisationId: 'o1',
  configured: true,
  issuer: 'https://login.microsoftonline.com/t/v2.0',
  clientId: 'app',
  clientSecretSet: true,
  clientAuth: 'client_secret_basic',
  scopes: ['openid', 'email', 'profile'],
  emailClaim: 'email',
  nameClaim: 'name',
  jobTitleClaim: null,
  tenantClaim: 'tid',
  tenantValue: 't',
  domains: ['trust.nhs.uk'],
  enabled: true,
  justInTimeProvisioning: true,
  localPasswordsAllowed: false,
  emailUpdatesAllowed: false,
  jwksUri: 'https://confer.trust.nhs.uk/api/v1/sso/o1/jwks.json',
  clientKeys: [],
  redirectUri: 'https://confer.trust.nhs.uk/api/v1/sso/callback',
  updatedAt: null,
};

describe('the single sign-on form', () => {
  it('keeps the stored secret unless one is typed or removal is asked for', () => {
    const d = draftOf(stored);
    expect(d.clientSecret).toBe('');
    expect(changesOf(d).clientSecret).toBeUndefined();
    expect(changesOf({ ...d, clientSecret: 'new' }).clientSecret).toBe('new');
    expect(changesOf({ ...d, clientSecret: 'typed', removeSecret: true }).clientSecret).toBe('');
  });

  it('turns typed scopes and domains into lists and blanks into nulls', () => {
    const d = { ...draftOf(stored), scopes: 'email, profile  offline_access', domains: 'a.nhs.uk,b.nhs.uk', jobTitleClaim: ' ' };
    const c = changesOf(d);
    expect(c.scopes).toEqual(['email', 'profile', 'offline_access']);
    expect(c.domains).toEqual(['a.nhs.uk', 'b.nhs.uk']);
    expect(c.jobTitleClaim).toBeNull();
    expect(words('  ')).toEqual([]);
  });

  it('sends the email-update choice and private_key_jwt as chosen', () => {
    const d = { ...draftOf(stored), clientAuth: 'private_key_jwt', emailUpdatesAllowed: true };
    expect(changesOf(d)).toMatchObject({ clientAuth: 'private_key_jwt', emailUpdatesAllowed: true });
  });

  it('lists the signing key first, then the next one, then retired ones', () => {
    const key = (keyId: string, state: 'next' | 'active' | 'retired', createdAt: string) =>
      ({ keyId, state, createdAt, algorithm: 'RS256', activatedAt: null }) as const;
    const ordered = keysInOrder([key('old', 'retired', '2026-01-01'), key('new', 'next', '2026-03-01'), key('now', 'active', '2026-02-01')]);
    expect(ordered.map((k) => k.keyId)).toEqual(['now', 'new', 'old']);
  });
});
