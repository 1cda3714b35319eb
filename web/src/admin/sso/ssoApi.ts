/** The single sign-on settings API (docs/single-sign-on.md); the client secret only ever goes up, never down. */
import { request } from '../../api';

export interface SsoSettings {
  organisationId: string;
  configured: boolean;
  issuer: string | null;
  clientId: string | null;
  clientSecretSet: boolean;
  clientAuth: 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';
  scopes: string[];
  emailClaim: string;
  nameClaim: string;
  jobTitleClaim: string | null;
  tenantClaim: string | null;
  tenantValue: string | null;
  domains: string[];
  enabled: boolean;
  justInTimeProvisioning: boolean;
  localPasswordsAllowed: boolean;
  emailUpdatesAllowed: boolean;
  redirectUri: string;
  /** The organisation's public keys for private_key_jwt, to register at the provider. */
  jwksUri: string;
  clientKeys: ClientKey[];
  updatedAt: string | null;
}

/** A private_key_jwt key: next (published, not signing yet), active (signs), retired (published until removed). */
export interface ClientKey {
  keyId: string;
  algorithm: 'RS256' | 'RS512' | 'ES256';
  state: 'next' | 'active' | 'retired';
  createdAt: string;
  activatedAt: string | null;
}

/** A provider identity (issuer, subject) linked to a person at their first single sign-on. */
export interface LinkedIdentity {
  id: string;
  userId: string;
  email: string;
  displayName: string;
  issuer: string;
  subject: string;
  linkedAt: string;
  lastSignInAt: string;
}

/** What PUT takes: `clientSecret` undefined keeps the stored one, '' removes it. */
export interface SsoChanges {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  clientAuth: string;
  scopes: string[];
  emailClaim: string;
  nameClaim: string;
  jobTitleClaim: string | null;
  tenantClaim: string | null;
  tenantValue: string | null;
  domains: string[];
  enabled: boolean;
  justInTimeProvisioning: boolean;
  localPasswordsAllowed: boolean;
  emailUpdatesAllowed: boolean;
}

export interface OrganisationItem {
  id: string;
  code: string;
  name: string;
}

const path = (organisationId: string) => `/api/v1/admin/organisations/${encodeURIComponent(organisationId)}/sso`;

export const ssoApi = {
  get: (organisationId: string) => request<SsoSettings>('GET', path(organisationId)),
  put: (organisationId: string, changes: SsoChanges) => request<SsoSettings>('PUT', path(organisationId), changes),
  remove: (organisationId: string) => request<void>('DELETE', path(organisationId)),
  /** A new key: active when none signs yet, else published as the next one. */
  addKey: (organisationId: string, algorithm: string) => request<SsoSettings>('POST', `${path(organisationId)}/keys`, { algorithm }),
  activateKey: (organisationId: string, keyId: string) =>
    request<SsoSettings>('POST', `${path(organisationId)}/keys/${encodeURIComponent(keyId)}/activate`, {}),
  removeKey: (organisationId: string, keyId: string) =>
    request<SsoSettings>('DELETE', `${path(organisationId)}/keys/${encodeURIComponent(keyId)}`),
  identities: (organisationId: string, query: string) =>
    request<{ items: LinkedIdentity[] }>('GET', `${path(organisationId)}/identities?q=${encodeURIComponent(query)}`).then((r) => r.items),
  unlink: (organisationId: string, identityId: string) =>
    request<void>('DELETE', `${path(organisationId)}/identities/${encodeURIComponent(identityId)}`),
  /** Platform admins pick the organisation (up to 200; the list is ordered by code). */
  organisations: () =>
    request<{ items: OrganisationItem[] }>('GET', '/api/v1/admin/organisations?limit=200').then((r) => r.items),
};

/** Words separated by spaces or commas, without blanks: scopes and domains are typed that way. */
export function words(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((w) => w.trim())
    .filter((w) => w.length > 0);
}

/** The form's text fields, from the settings the server holds. */
export interface Draft {
  issuer: string;
  clientId: string;
  clientSecret: string;
  removeSecret: boolean;
  clientAuth: string;
  scopes: string;
  emailClaim: string;
  nameClaim: string;
  jobTitleClaim: string;
  tenantClaim: string;
  tenantValue: string;
  domains: string;
  enabled: boolean;
  justInTimeProvisioning: boolean;
  localPasswordsAllowed: boolean;
  emailUpdatesAllowed: boolean;
}

export function draftOf(s: SsoSettings): Draft {
  return {
    issuer: s.issuer ?? '',
    clientId: s.clientId ?? '',
    clientSecret: '',
    removeSecret: false,
    clientAuth: s.clientAuth,
    scopes: s.scopes.filter((x) => x !== 'openid').join(' '),
    emailClaim: s.emailClaim,
    nameClaim: s.nameClaim,
    jobTitleClaim: s.jobTitleClaim ?? '',
    tenantClaim: s.tenantClaim ?? '',
    tenantValue: s.tenantValue ?? '',
    domains: s.domains.join(' '),
    enabled: s.configured ? s.enabled : true,
    justInTimeProvisioning: s.justInTimeProvisioning,
    localPasswordsAllowed: s.localPasswordsAllowed,
    emailUpdatesAllowed: s.emailUpdatesAllowed,
  };
}

export function changesOf(d: Draft): SsoChanges {
  const blankToNull = (v: string) => (v.trim() ? v.trim() : null);
  return {
    issuer: d.issuer.trim(),
    clientId: d.clientId.trim(),
    // Write-only: sent only when typed (or to remove it); otherwise the stored secret stays.
    clientSecret: d.removeSecret ? '' : d.clientSecret ? d.clientSecret : undefined,
    clientAuth: d.clientAuth,
    scopes: words(d.scopes),
    emailClaim: d.emailClaim.trim(),
    nameClaim: d.nameClaim.trim(),
    jobTitleClaim: blankToNull(d.jobTitleClaim),
    tenantClaim: blankToNull(d.tenantClaim),
    tenantValue: blankToNull(d.tenantValue),
    domains: words(d.domains),
    enabled: d.enabled,
    justInTimeProvisioning: d.justInTimeProvisioning,
    localPasswordsAllowed: d.localPasswordsAllowed,
    emailUpdatesAllowed: d.emailUpdatesAllowed,
  };
}

/** The keys in the order an admin acts on them: the active one, then the next, then retired ones. */
export function keysInOrder(keys: ClientKey[]): ClientKey[] {
  const rank = { active: 0, next: 1, retired: 2 } as const;
  return [...keys].sort((a, b) => rank[a.state] - rank[b.state] || a.createdAt.localeCompare(b.createdAt));
}
