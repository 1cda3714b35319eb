/** The admin pages' REST calls (docs/administration.md); every call is checked again by the server. */
import { request } from '../api';

export interface AdminOrganisation {
  id: string;
  code: string;
  name: string;
  createdAt: string;
}

export type Role = 'member' | 'org_admin' | 'platform_admin';

export interface AdminUser {
  id: string;
  organisationId: string;
  email: string;
  displayName: string;
  jobTitle?: string | null;
  department?: string | null;
  role: Role;
  status: 'active' | 'disabled';
  createdAt: string;
  bot: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export interface CsvRowError {
  line: number;
  column: string | null;
  message: string;
}

export interface CsvReport {
  dryRun: boolean;
  rows: number;
  errors: CsvRowError[];
  created: AdminUser[];
}

export interface PasswordLink {
  link: string;
  expiresAt: string;
  mailed: boolean;
}

export interface AdminTeamMember {
  userId: string;
  displayName: string;
  email: string;
  role: 'owner' | 'member';
}

export interface AdminTeam {
  id: string;
  name: string;
  description?: string | null;
  organisationId: string;
  createdAt: string;
  archivedAt?: string | null;
  memberCount: number;
  owners: AdminTeamMember[];
}

export interface UserFields {
  displayName?: string;
  jobTitle?: string;
  department?: string;
  role?: Role;
}

const q = (params: Record<string, string | undefined | null>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) s.set(k, v);
  const text = s.toString();
  return text ? `?${text}` : '';
};

export const adminApi = {
  organisations: () => request<Page<AdminOrganisation>>('GET', '/api/v1/admin/organisations?limit=200'),
  createOrganisation: (code: string, name: string) => request<AdminOrganisation>('POST', '/api/v1/admin/organisations', { code, name }),
  renameOrganisation: (id: string, name: string) =>
    request<AdminOrganisation>('PATCH', `/api/v1/admin/organisations/${encodeURIComponent(id)}`, { name }),

  users: (query: string, organisationId: string | undefined, cursor?: string | null) =>
    request<Page<AdminUser>>('GET', `/api/v1/admin/users${q({ q: query.trim(), organisationId, cursor, limit: '50' })}`),
  createUser: (fields: UserFields & { email: string; organisationId?: string }) => request<AdminUser>('POST', '/api/v1/admin/users', fields),
  updateUser: (id: string, changes: UserFields & { status?: 'active' | 'disabled' }) =>
    request<AdminUser>('PATCH', `/api/v1/admin/users/${encodeURIComponent(id)}`, changes),
  signOutEverywhere: (id: string) =>
    request<{ sessionsEnded: number }>('POST', `/api/v1/admin/users/${encodeURIComponent(id)}/sign-out-everywhere`, {}),
  passwordLink: (id: string) => request<PasswordLink>('POST', `/api/v1/admin/users/${encodeURIComponent(id)}/password-link`, {}),
  importCsv: (csv: string, dryRun: boolean, organisationId?: string) =>
    request<CsvReport>('POST', '/api/v1/admin/users/import/csv', { csv, dryRun, ...(organisationId ? { organisationId } : {}) }),

  teams: (query: string, organisationId?: string) =>
    request<{ items: AdminTeam[] }>('GET', `/api/v1/admin/teams${q({ q: query.trim(), organisationId })}`),
  teamMembers: (teamId: string) => request<{ items: AdminTeamMember[] }>('GET', `/api/v1/admin/teams/${encodeURIComponent(teamId)}/members`),
  setTeamRole: (teamId: string, userId: string, role: 'owner' | 'member') =>
    request<void>('PATCH', `/api/v1/admin/teams/${encodeURIComponent(teamId)}/members/${encodeURIComponent(userId)}`, { role }),
  archiveTeam: (teamId: string, archived: boolean) =>
    request<void>('POST', `/api/v1/admin/teams/${encodeURIComponent(teamId)}/${archived ? 'archive' : 'restore'}`, {}),
};

export const ROLE_LABELS: Record<Role, string> = {
  member: 'Member',
  org_admin: 'Organisation admin',
  platform_admin: 'Platform admin',
};
