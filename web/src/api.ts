/**
 * REST calls from the browser. The session is the HttpOnly `confer_session` cookie (the token
 * in the sign-in answer is deliberately ignored: nothing is kept in localStorage). Every
 * state-changing request echoes the readable `confer_csrf` cookie in `X-CSRF-Token`.
 */
import type { ConversationDetail, ConversationSummary, Me, Message, Profile, Team, TeamMember, TeamRole } from './types';
import type { EventItem } from './protocol/stream';
import type { Presence } from './store/presence';
import type { Preferences } from './protocol/events';
import type { ActivityItem } from './app/activity/feed';

/** An answer with an error status; `detail` comes from the application/problem+json body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly retryAfterSeconds?: number,
    /** The problem's stable `type` and, for a bad field, its name (to show the detail next to it). */
    readonly problem?: { type?: string; field?: string },
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

/** fetch() itself failed: no answer reached us (offline, DNS, server down). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network error');
    this.name = 'NetworkError';
    this.cause = cause;
  }
}

/** The CSRF token that state-changing requests echo (for requests not made by request(), as uploads). */
export function csrfToken(): string | undefined {
  return readCookie('confer_csrf') ?? csrfFallback;
}

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

let csrfFallback: string | undefined;
/** Called with the sign-in answer's csrfToken in case the cookie is not readable yet. */
export function rememberCsrf(token: string | undefined): void {
  csrfFallback = token;
}

/** Called when any request answers 401 (the session is gone). */
let onUnauthorised: (() => void) | undefined;
export function setUnauthorisedHandler(fn: (() => void) | undefined): void {
  onUnauthorised = fn;
}

/** Options for one request: `signal` cancels it (an aborted request rejects with the AbortError, not NetworkError). */
export interface RequestOptions {
  signal?: AbortSignal;
}

export async function request<T>(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = csrfToken();
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options?.signal,
    });
  } catch (e) {
    if (options?.signal?.aborted) throw e;
    throw new NetworkError(e);
  }
  if (!res.ok) {
    let detail = res.statusText || `HTTP ${res.status}`;
    let fields: { type?: string; field?: string } | undefined;
    try {
      const problem = await res.json();
      if (problem && typeof problem.detail === 'string') detail = problem.detail;
      else if (problem && typeof problem.title === 'string') detail = problem.title;
      if (problem && typeof problem === 'object') {
        fields = {
          type: typeof problem.type === 'string' ? problem.type : undefined,
          field: typeof problem.field === 'string' ? problem.field : undefined,
        };
      }
    } catch {
      /* not JSON */
    }
    const retry = Number(res.headers.get('Retry-After'));
    if (res.status === 401 && !path.endsWith('/auth/login')) onUnauthorised?.();
    throw new ApiError(res.status, detail, Number.isFinite(retry) && retry > 0 ? retry : undefined, fields);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface LoginAnswer {
  csrfToken: string;
  expiresAt: string;
  user: Me;
}

const teamPath = (teamId: string) => `/api/v1/teams/${encodeURIComponent(teamId)}`;
const conversationPath = (conversationId: string) => `/api/v1/conversations/${encodeURIComponent(conversationId)}`;

const msgPath = (conversationId: string, messageId: string) =>
  `/api/v1/conversations/${encodeURIComponent(conversationId)}/messages/${encodeURIComponent(messageId)}`;

export const api = {
  login: (email: string, password: string) => request<LoginAnswer>('POST', '/api/v1/auth/login', { email, password }),
  logout: () => request<void>('POST', '/api/v1/auth/logout'),
  me: () => request<Me>('GET', '/api/v1/me'),
  conversations: () => request<{ items: ConversationSummary[] }>('GET', '/api/v1/conversations').then((r) => r.items),
  messages: (conversationId: string, before?: number, limit = 50) => {
    const q = new URLSearchParams({ limit: String(limit) });
    if (before !== undefined) q.set('before', String(before));
    return request<{ items: Message[] }>('GET', `/api/v1/conversations/${encodeURIComponent(conversationId)}/messages?${q}`).then(
      (r) => r.items,
    );
  },
  events: (conversationId: string, after: number, limit: number) =>
    request<{ items: EventItem[] }>(
      'GET',
      `/api/v1/conversations/${encodeURIComponent(conversationId)}/events?after=${after}&limit=${limit}`,
    ).then((r) => r.items),
  post: (conversationId: string, text: string, clientMsgId: string, options?: { threadRootId?: string; urgent?: boolean; files?: string[] }) =>
    request<Message>('POST', `/api/v1/conversations/${encodeURIComponent(conversationId)}/messages`, {
      text,
      clientMsgId,
      ...(options?.threadRootId ? { threadRootId: options.threadRootId } : {}),
      ...(options?.urgent ? { urgent: true } : {}),
      ...(options?.files?.length ? { files: options.files } : {}),
    }),
  react: (conversationId: string, messageId: string, emoji: string) =>
    request<void>('POST', `${msgPath(conversationId, messageId)}/reactions`, { emoji }),
  unreact: (conversationId: string, messageId: string, emoji: string) =>
    request<void>('DELETE', `${msgPath(conversationId, messageId)}/reactions/${encodeURIComponent(emoji)}`),
  edit: (conversationId: string, messageId: string, text: string) => request<Message>('PATCH', msgPath(conversationId, messageId), { text }),
  remove: (conversationId: string, messageId: string) => request<void>('DELETE', msgPath(conversationId, messageId)),
  preferences: () => request<Preferences>('GET', '/api/v1/me/preferences'),
  changePreferences: (change: Partial<Preferences>) => request<Preferences>('PATCH', '/api/v1/me/preferences', change),
  setPresence: (status: string, note: string, until: string | null = null) =>
    request<Presence>('PUT', '/api/v1/me/presence', { status, note: note.trim() ? note.trim() : null, until }),
  presence: (userIds: string[]) =>
    request<{ items: Presence[] }>('GET', `/api/v1/presence?userIds=${userIds.map(encodeURIComponent).join(',')}`).then(
      (r) => r.items ?? [],
    ),
  acknowledge: (conversationId: string, messageId: string) =>
    request<{ acknowledgedAt: string }>('POST', `${msgPath(conversationId, messageId)}/acknowledge`),
  acknowledgements: (conversationId: string, messageId: string) =>
    request<{ items: { userId: string; acknowledgedAt?: string; notifiedCount?: number }[] }>(
      'GET',
      `${msgPath(conversationId, messageId)}/acknowledgements`,
    ).then((r) => r.items ?? []),
  thread: (conversationId: string, messageId: string) =>
    request<{ items: Message[] }>('GET', `${msgPath(conversationId, messageId)}/thread`).then((r) => r.items ?? []),
  markRead: (conversationId: string, seq: number) =>
    request<void>('POST', `/api/v1/conversations/${encodeURIComponent(conversationId)}/read`, { seq }),
  /** "Seen by": every member's read marker in a direct or group chat (only the caller's in a channel). */
  readMarkers: (conversationId: string) =>
    request<{ readSeqs: Record<string, number> }>('GET', `/api/v1/conversations/${encodeURIComponent(conversationId)}/read-markers`).then(
      (r) => r.readSeqs ?? {},
    ),
  startDirect: (userId: string) =>
    request<ConversationSummary>('POST', '/api/v1/conversations', { kind: 'direct', memberIds: [userId] }),
  searchDirectory: (q: string) =>
    request<{ items: Profile[] }>('GET', `/api/v1/directory?q=${encodeURIComponent(q)}&limit=20`).then((r) => r.items ?? []),
  // ---- activity feed (docs/api/openapi.json, /api/v1/activity) ----
  activity: (before?: string, limit = 30) => {
    const q = new URLSearchParams({ limit: String(limit) });
    if (before) q.set('before', before);
    return request<{ items: ActivityItem[]; nextCursor?: string }>('GET', `/api/v1/activity?${q}`);
  },
  activitySeen: (at: string) => request<{ seenAt: string }>('POST', '/api/v1/activity/seen', { at }),
  conversationMembers: (conversationId: string) =>
    request<{ memberIds: string[] }>('GET', `/api/v1/conversations/${encodeURIComponent(conversationId)}`).then((r) => r.memberIds ?? []),
  users: (ids: string[]) =>
    request<{ items: Profile[] }>('GET', `/api/v1/directory/users?ids=${ids.map(encodeURIComponent).join(',')}`).then(
      (r) => r.items ?? [],
    ),

  // ---- teams, channels and group chats (web/src/app/teams) ----
  teams: () => request<{ items: Team[] }>('GET', '/api/v1/teams').then((r) => r.items ?? []),
  createTeam: (name: string, description: string) =>
    request<Team>('POST', '/api/v1/teams', { name, ...(description.trim() ? { description: description.trim() } : {}) }),
  teamMembers: (teamId: string) =>
    request<{ members: TeamMember[] }>('GET', `${teamPath(teamId)}/members`).then((r) => r.members ?? []),
  addTeamMember: (teamId: string, userId: string, role: TeamRole = 'member') =>
    request<void>('POST', `${teamPath(teamId)}/members`, { userId, role }),
  setTeamRole: (teamId: string, userId: string, role: TeamRole) =>
    request<void>('PATCH', `${teamPath(teamId)}/members/${encodeURIComponent(userId)}`, { role }),
  removeTeamMember: (teamId: string, userId: string) =>
    request<void>('DELETE', `${teamPath(teamId)}/members/${encodeURIComponent(userId)}`),
  createChannel: (teamId: string, name: string, visibility: 'standard' | 'private', memberIds: string[]) =>
    request<ConversationSummary>('POST', `${teamPath(teamId)}/channels`, { name, visibility, memberIds }),
  conversation: (conversationId: string) => request<ConversationDetail>('GET', conversationPath(conversationId)),
  startGroup: (memberIds: string[], topic: string) =>
    request<ConversationDetail>('POST', '/api/v1/conversations', {
      kind: 'group',
      memberIds,
      ...(topic.trim() ? { topic: topic.trim() } : {}),
    }),
  rename: (conversationId: string, name: string) => request<void>('PATCH', conversationPath(conversationId), { name }),
  addMember: (conversationId: string, userId: string) =>
    request<void>('POST', `${conversationPath(conversationId)}/members`, { userId }),
  removeMember: (conversationId: string, userId: string) =>
    request<void>('DELETE', `${conversationPath(conversationId)}/members/${encodeURIComponent(userId)}`),
};
