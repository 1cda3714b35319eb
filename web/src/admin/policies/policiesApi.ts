/** The cross-organisation policy's admin API (docs/organisation-policy.md). */
import { request } from '../../api';

export type PolicyMode = 'allowed' | 'blocked' | 'named-teams';

export interface TeamRef {
  id: string;
  name: string;
}

export interface StanceView {
  mode: PolicyMode;
  teams: TeamRef[];
  /** False when inherited from the stance towards every other organisation (or the built-in "allowed"). */
  own: boolean;
  updatedAt: string | null;
}

export interface OtherOrganisation {
  id: string;
  code: string;
  name: string;
  ours: StanceView;
  theirs: StanceView;
  effective: PolicyMode;
}

export interface PolicyView {
  organisationId: string;
  organisationName: string;
  everyOther: StanceView;
  organisations: OtherOrganisation[];
}

export interface PolicyConflict {
  kind: 'conversation' | 'team';
  id: string;
  name: string | null;
  conversationKind: string | null;
  teamName: string | null;
  rule: PolicyMode;
  ruledBy: string;
  with: string;
  people: { id: string; displayName: string; organisationName: string }[];
  memberCount: number;
}

/** `otherOrganisationId` null: towards every other organisation; mode 'default' removes the stance. */
export interface StanceChange {
  otherOrganisationId: string | null;
  mode: PolicyMode | 'default';
  teamIds: string[];
}

const base = (organisationId: string) => `/api/v1/admin/organisations/${encodeURIComponent(organisationId)}/policy`;

export const policiesApi = {
  get: (organisationId: string) => request<PolicyView>('GET', base(organisationId)),
  set: (organisationId: string, change: StanceChange) => request<PolicyView>('PUT', base(organisationId), change),
  conflicts: (organisationId: string) =>
    request<{ items: PolicyConflict[]; truncated: boolean }>('GET', `${base(organisationId)}/conflicts`),
};

export const MODE_LABELS: Record<PolicyMode, string> = {
  allowed: 'Allowed',
  blocked: 'Blocked',
  'named-teams': 'Only in named teams',
};

/** A stance in words, with its teams: "Only in named teams: Stroke MDT, Frailty". */
export function describe(s: StanceView): string {
  return s.mode === 'named-teams' && s.teams.length ? `${MODE_LABELS[s.mode]}: ${s.teams.map((t) => t.name).join(', ')}` : MODE_LABELS[s.mode];
}

/** What a conflict is, for a person reading the list. */
export function placeName(c: PolicyConflict): string {
  if (c.kind === 'team') return `Team ${c.name ?? ''}`.trim();
  if (c.conversationKind === 'channel') return `Channel ${c.name ?? ''} in ${c.teamName ?? 'a team'}`;
  if (c.conversationKind === 'direct') return 'Direct chat';
  return c.name ? `Group chat ${c.name}` : 'Group chat';
}
