import { describe, expect, it } from 'vitest';
import { ssoErrorMessage, ssoErrorOf, ssoStartUrl } from './singleSignOn';

describe('single sign-on on the sign-in page', () => {
  it('starts by email domain or by organisation code', () => {
    expect(ssoStartUrl(' nadia@trust.nhs.uk ')).toBe('/api/v1/sso/start?email=nadia%40trust.nhs.uk');
    expect(ssoStartUrl('rdm')).toBe('/api/v1/sso/start?org=RDM');
    expect(ssoStartUrl('RDM', '/admin#sign-in')).toBe('/api/v1/sso/start?org=RDM&return=%2Fadmin%23sign-in');
  });

  it('reads only a well-formed error code from the fragment', () => {
    expect(ssoErrorOf('#sso-error=invalid-state')).toBe('invalid-state');
    expect(ssoErrorOf('#sso-error=<script>')).toBeNull();
    expect(ssoErrorOf('#/c/123')).toBeNull();
  });

  it('says every refusal in plain words with the code, and never goes blank for an unknown one', () => {
    expect(ssoErrorMessage('account-disabled')).toMatch(/disabled.*\(Code: account-disabled\)$/);
    expect(ssoErrorMessage('bad-signature')).toContain('could not be checked');
    expect(ssoErrorMessage('something-new')).toContain('did not complete');
  });
});
