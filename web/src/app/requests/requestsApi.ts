/**
 * Service requests over REST (docs/bots-and-results.md, "API": Requests). Answers go through
 * small normalisers so a missing optional field reads as empty rather than blanking a list.
 */
import { request } from '../../api';
import type { ServiceRequestSnapshot, ServiceRequestStatus } from '../../protocol/events';

export type Priority = 'routine' | 'urgent' | 'emergency';
export const PRIORITIES: readonly Priority[] = ['routine', 'urgent', 'emergency'];
export type { ServiceRequestStatus };

export interface ServiceField {
  name: string;
  label: string;
  type: 'text' | 'choice' | 'number';
  required: boolean;
  choices: string[];
}

export interface RequestService {
  id: string;
  slug: string;
  name: string;
  teamId: string;
  teamName: string;
  queueConversationId: string;
  leadId: string | null;
  askNhsNumber: boolean;
  fields: ServiceField[];
  /** Minutes to the due time, per priority. */
  targets: Record<Priority, number | null>;
  /** I am a member of the service's team: its queue is mine to work. */
  canWork: boolean;
  /** No longer offered on the form (its requests stay readable). */
  archived: boolean;
}

export interface ServiceRequest {
  id: string;
  number: number;
  serviceId: string;
  serviceName: string;
  status: ServiceRequestStatus;
  priority: Priority;
  location: string;
  nhsNumber: string | null;
  details: string;
  fields: Record<string, string>;
  requesterId: string;
  assigneeId: string | null;
  createdAt: string;
  dueAt: string | null;
  updatedAt: string;
  overdue: boolean;
}

export interface HistoryEntry {
  at: string;
  actorId: string | null;
  action: string;
  note: string | null;
}

export interface RequestDetail extends ServiceRequest {
  history: HistoryEntry[];
}

export interface NewRequest {
  serviceId: string;
  priority: Priority;
  location: string;
  nhsNumber?: string;
  details: string;
  fields: Record<string, string>;
  clientRequestId: string;
}

/** What the requests store needs from the server (a fake in tests). */
export interface RequestsRemote {
  services(): Promise<RequestService[]>;
  mine(): Promise<ServiceRequest[]>;
  queue(serviceId: string): Promise<ServiceRequest[]>;
  detail(id: string): Promise<RequestDetail>;
  file(draft: NewRequest): Promise<ServiceRequest>;
  claim(id: string): Promise<ServiceRequest>;
  setStatus(id: string, status: 'in-progress' | 'done' | 'cancelled', note?: string): Promise<ServiceRequest>;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));
const strOrNull = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

export function toService(raw: Record<string, unknown>): RequestService {
  const targets = (raw.targets ?? {}) as Record<string, unknown>;
  const minutes = (v: unknown) => (typeof v === 'number' ? v : null);
  return {
    id: str(raw.id),
    slug: str(raw.slug),
    name: str(raw.name),
    teamId: str(raw.teamId),
    teamName: str(raw.teamName),
    queueConversationId: str(raw.queueConversationId),
    leadId: strOrNull(raw.leadId),
    askNhsNumber: raw.askNhsNumber === true,
    fields: Array.isArray(raw.fields)
      ? (raw.fields as Record<string, unknown>[]).map((f) => ({
          name: str(f.name),
          label: str(f.label) || str(f.name),
          type: f.type === 'choice' || f.type === 'number' ? f.type : 'text',
          required: f.required === true,
          choices: Array.isArray(f.choices) ? f.choices.map(str) : [],
        }))
      : [],
    targets: { routine: minutes(targets.routine), urgent: minutes(targets.urgent), emergency: minutes(targets.emergency) },
    canWork: raw.canWork === true,
    archived: raw.archived === true,
  };
}

export function toRequest(raw: Record<string, unknown>): ServiceRequest {
  const fields: Record<string, string> = {};
  if (raw.fields && typeof raw.fields === 'object') for (const [k, v] of Object.entries(raw.fields)) fields[k] = str(v);
  return {
    id: str(raw.id),
    number: typeof raw.number === 'number' ? raw.number : 0,
    serviceId: str(raw.serviceId),
    serviceName: str(raw.serviceName),
    status: (str(raw.status) || 'open') as ServiceRequestStatus,
    priority: (PRIORITIES as readonly string[]).includes(str(raw.priority)) ? (raw.priority as Priority) : 'routine',
    location: str(raw.location),
    nhsNumber: strOrNull(raw.nhsNumber),
    // An event's snapshot carries a one-line summary in place of the details.
    details: str(raw.details ?? raw.summary),
    fields,
    requesterId: str(raw.requesterId),
    assigneeId: strOrNull(raw.assigneeId),
    createdAt: str(raw.createdAt),
    dueAt: strOrNull(raw.dueAt),
    updatedAt: str(raw.updatedAt),
    overdue: raw.overdue === true,
  };
}

/** The order steps happen in, for two with the same time. */
const STEP_ORDER = ['request.filed', 'request.claimed', 'request.started', 'request.overdue', 'request.done', 'request.cancelled'];

export function toDetail(raw: Record<string, unknown>): RequestDetail {
  const history = Array.isArray(raw.history) ? (raw.history as Record<string, unknown>[]) : [];
  return {
    ...toRequest(raw),
    // Oldest first, whatever order the audit trail answers in (steps seconds apart share a second).
    history: history
      .map((h) => ({ at: str(h.at), actorId: strOrNull(h.actorId), action: str(h.action), note: strOrNull(h.note) }))
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || STEP_ORDER.indexOf(a.action) - STEP_ORDER.indexOf(b.action)),
  };
}

/** A request as an event tells it, merged over what we knew (the event has no details or fields). */
export function fromSnapshot(s: ServiceRequestSnapshot, known?: ServiceRequest): ServiceRequest {
  const fresh = toRequest(s as unknown as Record<string, unknown>);
  if (!known) return fresh;
  return { ...known, ...fresh, details: known.details || fresh.details, fields: known.fields, nhsNumber: known.nhsNumber };
}

type Items = { items?: Record<string, unknown>[] };
const requestPath = (id: string) => `/api/v1/requests/${encodeURIComponent(id)}`;

export const requestsApi: RequestsRemote = {
  services: () => request<Items>('GET', '/api/v1/request-services').then((r) => (r.items ?? []).map(toService)),
  mine: () => request<Items>('GET', '/api/v1/requests?mine=true').then((r) => (r.items ?? []).map(toRequest)),
  queue: (serviceId) =>
    request<Items>('GET', `/api/v1/requests?serviceId=${encodeURIComponent(serviceId)}`).then((r) => (r.items ?? []).map(toRequest)),
  detail: (id) => request<Record<string, unknown>>('GET', requestPath(id)).then(toDetail),
  file: (draft) => request<Record<string, unknown>>('POST', '/api/v1/requests', draft).then(toRequest),
  claim: (id) => request<Record<string, unknown>>('POST', `${requestPath(id)}/claim`).then(toRequest),
  setStatus: (id, status, note) =>
    request<Record<string, unknown>>('POST', `${requestPath(id)}/status`, note ? { status, note } : { status }).then(toRequest),
};

/** A service as written by its team's owner or an organisation admin (POST / PATCH /api/v1/request-services). */
export interface ServiceDraft {
  slug: string;
  name: string;
  teamId: string;
  queueConversationId: string;
  leadId: string;
  askNhsNumber: boolean;
  fields: { name: string; label: string; type: ServiceField['type']; required: boolean; choices?: string[] }[];
  targets: Record<Priority, number>;
}

/** Managing services (app/integrations' Services dialog); kept apart from RequestsRemote, which filing and working need. */
export const serviceAdminApi = {
  create: (draft: ServiceDraft) => request<Record<string, unknown>>('POST', '/api/v1/request-services', draft).then(toService),
  update: (id: string, change: Partial<ServiceDraft> & { archived?: boolean }) =>
    request<Record<string, unknown>>('PATCH', `/api/v1/request-services/${encodeURIComponent(id)}`, change).then(toService),
};
