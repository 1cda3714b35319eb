/** An organisation's SCIM tokens (docs/provisioning.md): the secret comes down once, when a token is made. */
import { request } from '../../api';

export interface ScimToken {
  id: string;
  name: string;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ScimTokenList {
  items: ScimToken[];
  /** The base URL to give the identity system. */
  scimUrl: string;
}

export interface IssuedScimToken {
  token: ScimToken;
  secret: string;
  scimUrl: string;
}

const path = (organisationId: string) => `/api/v1/admin/organisations/${encodeURIComponent(organisationId)}/scim-tokens`;

export const scimApi = {
  list: (organisationId: string) => request<ScimTokenList>('GET', path(organisationId)),
  create: (organisationId: string, name: string) => request<IssuedScimToken>('POST', path(organisationId), { name }),
  revoke: (organisationId: string, tokenId: string) =>
    request<void>('DELETE', `${path(organisationId)}/${encodeURIComponent(tokenId)}`),
};

/** Live tokens first (newest first, as the server lists them), then the revoked ones. */
export function ordered(tokens: ScimToken[]): ScimToken[] {
  return [...tokens.filter((t) => !t.revokedAt), ...tokens.filter((t) => t.revokedAt)];
}
