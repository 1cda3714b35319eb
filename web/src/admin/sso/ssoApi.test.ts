import { describe, expect, it } from 'vitest';
import { changesOf, draftOf, words, type SsoSettings } from './ssoApi';

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
});
