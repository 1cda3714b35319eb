/**
 * Results, watches and on call over REST (docs/bots-and-results.md, "API": Results). Answers go
 * through normalisers (an observation's flags may come as `abnormalFlags` or `flag`), so the page
 * reads one shape.
 */
import { request } from '../../api';

export interface Observation {
  code: string;
  name: string;
  value: string;
  units: string;
  referenceRange: string;
  abnormalFlags: string[];
  critical: boolean;
  status: string;
  observedAt: string | null;
}

export type AlertReason = 'orderer' | 'watcher' | 'inbox' | 'deputy' | 'on-call';

export interface ResultAlert {
  userId: string;
  reason: AlertReason | string;
  at: string;
  acknowledgedAt: string | null;
}

export interface Result {
  id: string;
  nhsNumber: string | null;
  patientName: string;
  testName: string;
  lab: string;
  specimen: string;
  status: string;
  collectedAt: string | null;
  reportedAt: string | null;
  critical: boolean;
  orderers: { system: string; value: string; name: string }[];
  observations: Observation[];
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  alerts: ResultAlert[];
}

/** A line of "Recent results": the list answer may be whole results or summaries. */
export type ResultSummary = Pick<Result, 'id' | 'nhsNumber' | 'patientName' | 'testName' | 'critical' | 'reportedAt' | 'acknowledgedAt'>;

export interface AuditEntry {
  at: string;
  actorId: string | null;
  action: string;
  /** The step's facts as the server recorded them (ids, reasons, message numbers). */
  detail: Record<string, unknown>;
}

export interface Watch {
  id: string;
  nhsNumber: string;
  test: string | null;
  createdAt: string | null;
}

export interface OnCallRole {
  id: string;
  name: string;
  holderId: string | null;
  holderName: string | null;
  since: string | null;
}

type Raw = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));
const strOrNull = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const list = (v: unknown): Raw[] => (Array.isArray(v) ? (v as Raw[]) : []);

export function toObservation(o: Raw): Observation {
  const flags = Array.isArray(o.abnormalFlags) ? o.abnormalFlags.map(str) : o.flag ? [str(o.flag)] : Array.isArray(o.flags) ? o.flags.map(str) : [];
  return {
    code: str(o.code),
    name: str(o.name) || str(o.code),
    value: str(o.value),
    units: str(o.units ?? o.unit),
    referenceRange: str(o.referenceRange ?? o.range),
    abnormalFlags: flags.filter(Boolean),
    critical: o.critical === true,
    status: str(o.status),
    observedAt: strOrNull(o.observedAt),
  };
}

export function toResult(r: Raw): Result {
  return {
    ...toSummary(r),
    lab: str(r.lab),
    specimen: str(r.specimen),
    status: str(r.status),
    collectedAt: strOrNull(r.collectedAt),
    orderers: list(r.orderers).map((o) => ({ system: str(o.system), value: str(o.value), name: str(o.name) })),
    observations: list(r.observations).map(toObservation),
    acknowledgedBy: strOrNull(r.acknowledgedBy),
    alerts: list(r.alerts).map((a) => ({ userId: str(a.userId), reason: str(a.reason), at: str(a.at), acknowledgedAt: strOrNull(a.acknowledgedAt) })),
  };
}

function toSummary(r: Raw): ResultSummary {
  const observations = list(r.observations);
  return {
    id: str(r.id ?? r.resultId),
    nhsNumber: strOrNull(r.nhsNumber),
    patientName: str(r.patientName),
    testName: str(r.testName),
    critical: r.critical === true || observations.some((o) => o.critical === true),
    // A summary has only the time it arrived; the whole result has the lab's reported time too.
    reportedAt: strOrNull(r.reportedAt ?? r.receivedAt),
    acknowledgedAt: strOrNull(r.acknowledgedAt),
  };
}

/** Keys of an audit step's detail that are internal references, not facts for people. */
const HIDDEN = new Set(['conversationId', 'messageId', 'feed', 'feedId', 'resultId', 'level']);
const LABELS: Record<string, string> = { msh10: 'message', sendingFacility: 'from', urgent: 'urgent', reason: 'why', to: 'to' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An audit step's detail (a JSON object on the wire) as one line for people: person ids become
 * names (`nameOf`), internal references are left out: "to: Dr Bob Adeyemi, why: orderer".
 */
export function detailText(d: unknown, nameOf: (id: string) => string = (id) => id): string {
  if (d == null) return '';
  if (typeof d !== 'object') return String(d);
  return Object.entries(d as Raw)
    .filter(([k, v]) => !HIDDEN.has(k) && v !== null && v !== undefined && v !== '' && v !== false)
    .map(([k, v]) => {
      const value = typeof v === 'string' && UUID.test(v) ? nameOf(v) : typeof v === 'object' ? JSON.stringify(v) : v === true ? 'yes' : String(v);
      return `${LABELS[k] ?? k}: ${value}`;
    })
    .join(', ');
}

/** The order steps happen in, for two recorded at the same instant (one transaction's time). */
// An escalation writes its step before the alert it sends; a view is what someone does after being alerted.
const STEP_ORDER = ['result.received', 'result.duplicate', 'result.routed', 'result.escalated', 'result.alerted', 'result.acknowledged', 'result.viewed', 'result.escalation-exhausted'];

/** Audit steps oldest first (the order they happened), whatever order the answer has. */
export function oldestFirst<T extends { at: string; action: string }>(items: T[]): T[] {
  const rank = (a: string) => (STEP_ORDER.includes(a) ? STEP_ORDER.indexOf(a) : STEP_ORDER.length);
  return [...items].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || rank(a.action) - rank(b.action));
}

function toRole(r: Raw): OnCallRole {
  const holder = (r.holder ?? null) as Raw | null;
  return {
    id: str(r.id),
    name: str(r.name),
    holderId: strOrNull(r.holderId) ?? (holder ? strOrNull(holder.userId ?? holder.id) : null),
    holderName: strOrNull(r.holderName),
    since: strOrNull(r.since ?? r.updatedAt ?? holder?.since),
  };
}

const resultPath = (id: string) => `/api/v1/results/${encodeURIComponent(id)}`;

export const resultsApi = {
  result: (id: string) => request<Raw>('GET', resultPath(id)).then(toResult),
  acknowledge: (id: string) => request<unknown>('POST', `${resultPath(id)}/acknowledge`),
  audit: (id: string) =>
    request<{ items?: Raw[] }>('GET', `${resultPath(id)}/audit`).then((r) =>
      oldestFirst(
        (r.items ?? []).map((a) => ({
          at: str(a.at),
          actorId: strOrNull(a.actorId),
          action: str(a.action),
          detail: a.detail && typeof a.detail === 'object' ? (a.detail as Raw) : {},
        })),
      ),
    ),
  recent: () => request<{ items?: Raw[] }>('GET', '/api/v1/results/recent').then((r) => (r.items ?? []).map(toSummary)),
  watches: () =>
    request<{ items?: Raw[] }>('GET', '/api/v1/results/watches').then((r) =>
      (r.items ?? []).map((w) => ({ id: str(w.id), nhsNumber: str(w.nhsNumber), test: strOrNull(w.test), createdAt: strOrNull(w.createdAt) })),
    ),
  addWatch: (nhsNumber: string, test: string | null) =>
    request<unknown>('POST', '/api/v1/results/watches', test ? { nhsNumber, test } : { nhsNumber }),
  removeWatch: (id: string) => request<void>('DELETE', `/api/v1/results/watches/${encodeURIComponent(id)}`),
  onCallRoles: () => request<{ items?: Raw[] }>('GET', '/api/v1/on-call-roles').then((r) => (r.items ?? []).map(toRole)),
  takeOver: (roleId: string, userId: string) =>
    request<unknown>('PUT', `/api/v1/on-call-roles/${encodeURIComponent(roleId)}/holder`, { userId }),
  setDeputy: (userId: string | null) => request<unknown>('PUT', '/api/v1/me/deputy', { userId }),
  /**
   * My deputy where the server tells it (GET /api/v1/me/deputy is not in the contract yet: until
   * it is, the answer is `undefined`, "not known", and the panel does not claim there is none).
   */
  deputy: (): Promise<string | null | undefined> =>
    request<Raw | undefined>('GET', '/api/v1/me/deputy')
      .then((r) => (r ? strOrNull(r.userId) : null))
      .catch(() => undefined),
};

export type ResultsRemote = typeof resultsApi;
