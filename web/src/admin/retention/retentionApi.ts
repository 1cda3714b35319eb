/** Retention, legal holds and compliance exports (docs/retention.md): the API and the page's pure rules. */
import { request } from '../../api';

export type RetentionAction = 'keep' | 'delete' | 'anonymise';

export interface RetentionPreview {
  cutoff: string;
  messages: number;
  files: number;
  held: number;
}

export interface RetentionRun {
  id: string;
  organisationId: string;
  trigger: 'schedule' | 'manual';
  action: string;
  days: number;
  cutoff: string;
  messages: number;
  files: number;
  held: number;
  startedAt: string;
  finishedAt: string;
}

export interface RetentionPolicy {
  organisationId: string;
  action: RetentionAction;
  days: number | null;
  setBy: string | null;
  setAt: string | null;
  due: RetentionPreview | null;
  lastRuns: RetentionRun[];
}

export interface LegalHold {
  id: string;
  organisationId: string;
  subjectType: 'user' | 'conversation';
  subjectId: string;
  reason: string;
  placedBy: string;
  placedAt: string;
  releasedBy: string | null;
  releasedAt: string | null;
}

/** The shortest period the server accepts (a floor against deleting messages still needed for care). */
export const MIN_DAYS = 30;

const base = (organisationId: string) => `/api/v1/admin/organisations/${encodeURIComponent(organisationId)}/retention`;

export const retentionApi = {
  policy: (organisationId: string) => request<RetentionPolicy>('GET', base(organisationId)),
  preview: (organisationId: string, action: 'delete' | 'anonymise', days: number) =>
    request<RetentionPreview>('GET', `${base(organisationId)}/preview?action=${action}&days=${days}`),
  setPolicy: (organisationId: string, action: RetentionAction, days: number | null) =>
    request<RetentionPolicy>('PUT', base(organisationId), action === 'keep' ? { action } : { action, days, confirm: true }),
  runNow: (organisationId: string) => request<RetentionRun>('POST', `${base(organisationId)}/run`, {}),
  holds: (organisationId?: string) =>
    request<{ items: LegalHold[] }>(
      'GET',
      `/api/v1/admin/legal-holds${organisationId ? `?organisationId=${encodeURIComponent(organisationId)}` : ''}`,
    ).then((r) => r.items),
  placeHold: (subjectType: 'user' | 'conversation', subjectId: string, reason: string) =>
    request<LegalHold>('POST', '/api/v1/admin/legal-holds', { subjectType, subjectId, reason }),
  releaseHold: (id: string) => request<LegalHold>('POST', `/api/v1/admin/legal-holds/${encodeURIComponent(id)}/release`, {}),
};

/** Where the browser downloads a compliance export (a plain GET with the session cookie). */
export function exportUrl(kind: 'user' | 'conversation', id: string): string {
  return `/api/v1/admin/exports/${kind === 'user' ? 'users' : 'conversations'}/${encodeURIComponent(id.trim())}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isId(text: string): boolean {
  return UUID.test(text.trim());
}

/** Why a typed period cannot be saved, or null. */
export function daysProblem(action: RetentionAction, days: string): string | null {
  if (action === 'keep') return null;
  const n = Number(days);
  if (!/^\d+$/.test(days.trim()) || !Number.isInteger(n)) return 'Enter a whole number of days.';
  if (n < MIN_DAYS) return `At least ${MIN_DAYS} days: a shorter period could delete messages still needed for care.`;
  if (n > 36500) return 'At most 36,500 days; choose "Keep everything" to keep messages for ever.';
  return null;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** What the confirmation says the next run will do, in words, from the dry run's numbers. */
export function confirmationText(action: RetentionAction, days: number, p: RetentionPreview | null): string {
  if (action === 'keep') return 'Messages and files of this organisation will be kept for ever; nothing will be deleted.';
  const reach = p ? plural(p.messages, 'message', 'messages') : 'the messages';
  const held = p && p.held > 0 ? ` ${plural(p.held, 'message is', 'messages are')} under legal hold and will be kept.` : '';
  if (action === 'delete')
    return (
      `The next run will permanently delete ${reach} older than ${plural(days, 'day', 'days')}` +
      `${p ? ` and ${plural(p.files, 'file', 'files')} attached to them` : ''}, written by this organisation's people. ` +
      `Their text, edit history, reactions and files cannot be recovered.${held}`
    );
  return (
    `The next run will anonymise ${reach} older than ${plural(days, 'day', 'days')}, written by this organisation's people: ` +
    `their text and files stay, their author becomes "Former member", earlier versions and reactions are removed.${held}`
  );
}

/** One line for a past run. */
export function runSummary(r: RetentionRun): string {
  const verb = r.action === 'delete' ? 'deleted' : 'anonymised';
  return `${plural(r.messages, 'message', 'messages')} ${verb}, ${plural(r.files, 'file', 'files')} removed, ${plural(r.held, 'held message', 'held messages')} kept (${r.trigger === 'manual' ? 'run now' : 'scheduled'})`;
}
