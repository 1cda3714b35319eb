import { request } from '../../api';

/** One audit record as GET /api/v1/admin/audit returns it (docs/audit.md, "Reading"). */
export interface AuditItem {
  seq: number;
  id: string;
  at: string;
  organisationId: string | null;
  actorId: string | null;
  actorName: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  detail: Record<string, unknown>;
  /** Absent unless text was kept (a message's text before an edit or a deletion). */
  retainedText?: string | null;
  hash: string;
}

export interface AuditPage {
  items: AuditItem[];
  nextCursor: string | null;
}

export interface AuditFilters {
  organisationId?: string;
  actorId?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  /** ISO 8601 with an offset. */
  from?: string;
  to?: string;
}

export interface VerifyResult {
  ok: boolean;
  firstSeq: number;
  headSeq: number;
  headHash: string;
  checked: number;
  firstBreak: { seq: number; kind: 'MODIFIED' | 'DELETED' | 'REORDERED' | 'INSERTED'; reason: string } | null;
}

/** The filters as a query string (empty ones left out), shared by the list and the CSV link. */
export function filterQuery(f: AuditFilters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

export const auditApi = {
  page: (f: AuditFilters, cursor?: string, limit = 50) =>
    request<AuditPage>('GET', `/api/v1/admin/audit?${filterQuery(f, cursor ? { cursor, limit: String(limit) } : { limit: String(limit) })}`),
  verify: () => request<VerifyResult>('GET', '/api/v1/admin/audit/verify'),
  exportHref: (f: AuditFilters) => `/api/v1/admin/audit/export?${filterQuery(f, { format: 'csv' })}`,
};
