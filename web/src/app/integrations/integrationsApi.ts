/**
 * The admin side of bots, webhooks and results over REST (docs/bots-and-results.md; the exact
 * shapes are docs/api/openapi.json). Framework-free: the screens and the tests share it. Secrets
 * (a token, a webhook URL, a signing secret) come back once, in the answer of the call that made
 * them; nothing here keeps them.
 */
import { request } from '../../api';

export type Scope = 'messages:write' | 'mentions:read' | 'commands' | 'requests:manage' | 'results:submit';
export type OutgoingEvent = 'mention' | 'direct' | 'command' | 'action';
export type IdentifierSystem = 'GMC' | 'NMC' | 'HCPC' | 'LOCAL';

export interface Bot {
  id: string;
  displayName: string;
  description: string;
  builtin: string | null;
  enabled: boolean;
  createdAt: string;
}

export interface BotToken {
  id: string;
  name: string;
  scopes: Scope[];
  conversationIds: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface BotCommand {
  name: string;
  usage: string;
  description: string;
}

export interface Outgoing {
  url: string;
  events: OutgoingEvent[];
  enabled: boolean;
  signingSecret: string | null;
}

export interface IncomingWebhook {
  id: string;
  name: string;
  createdAt: string;
}

export interface ResultFeed {
  id: string;
  sendingFacility: string;
  name: string;
}

export interface ChainStep {
  onCallRoleId: string;
  afterMinutes: number;
}

export interface ResultSettings {
  inboxConversationId: string | null;
  deputyAfterMinutes: number;
  chain: ChainStep[];
}

export interface Identifier {
  system: IdentifierSystem;
  value: string;
}

type Raw = Record<string, unknown>;
type Items = { items?: Raw[] };
const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));
const strOrNull = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : []);
const enc = encodeURIComponent;

export function toBot(r: Raw): Bot {
  return {
    id: str(r.id),
    displayName: str(r.displayName),
    description: str(r.description),
    builtin: strOrNull(r.builtin),
    enabled: r.enabled !== false,
    createdAt: str(r.createdAt),
  };
}

export function toToken(r: Raw): BotToken {
  return {
    id: str(r.id),
    name: str(r.name),
    scopes: strings(r.scopes) as Scope[],
    conversationIds: strings(r.conversationIds),
    createdAt: str(r.createdAt),
    lastUsedAt: strOrNull(r.lastUsedAt),
    revokedAt: strOrNull(r.revokedAt),
  };
}

function toOutgoing(r: Raw | undefined): Outgoing | null {
  if (!r || !r.url) return null;
  return { url: str(r.url), events: strings(r.events) as OutgoingEvent[], enabled: r.enabled !== false, signingSecret: strOrNull(r.signingSecret) };
}

const botPath = (id: string) => `/api/v1/bots/${enc(id)}`;

export const integrationsApi = {
  bots: () => request<Items>('GET', '/api/v1/bots').then((r) => (r.items ?? []).map(toBot)),
  createBot: (displayName: string, description: string) =>
    request<Raw>('POST', '/api/v1/bots', description ? { displayName, description } : { displayName }).then(toBot),
  setBotEnabled: (id: string, enabled: boolean) => request<Raw>('PATCH', botPath(id), { enabled }),
  deleteBot: (id: string) => request<void>('DELETE', botPath(id)),

  tokens: (botId: string) => request<Items>('GET', `${botPath(botId)}/tokens`).then((r) => (r.items ?? []).map(toToken)),
  createToken: (botId: string, name: string, scopes: Scope[], conversationIds: string[]) =>
    request<{ token: string; stored: Raw }>(
      'POST',
      `${botPath(botId)}/tokens`,
      conversationIds.length ? { name, scopes, conversationIds } : { name, scopes },
    ).then((r) => ({ token: str(r.token), stored: toToken(r.stored ?? {}) })),
  revokeToken: (botId: string, tokenId: string) => request<void>('DELETE', `${botPath(botId)}/tokens/${enc(tokenId)}`),

  commands: (botId: string) =>
    request<Items>('GET', `${botPath(botId)}/commands`).then((r) =>
      (r.items ?? []).map((c) => ({ name: str(c.name), usage: str(c.usage), description: str(c.description) })),
    ),
  addCommand: (botId: string, c: BotCommand) =>
    request<Raw>('POST', `${botPath(botId)}/commands`, c.usage ? c : { name: c.name, description: c.description }),
  removeCommand: (botId: string, name: string) => request<void>('DELETE', `${botPath(botId)}/commands/${enc(name)}`),

  outgoing: (botId: string) => request<Raw | undefined>('GET', `${botPath(botId)}/outgoing`).then(toOutgoing).catch(() => null),
  setOutgoing: (botId: string, url: string, events: OutgoingEvent[], enabled: boolean) =>
    request<Raw>('PUT', `${botPath(botId)}/outgoing`, { url, events, enabled }).then(toOutgoing),

  allowedHosts: () => request<{ hosts?: string[] }>('GET', '/api/v1/admin/webhook-allowed-hosts').then((r) => strings(r?.hosts)),
  setAllowedHosts: (hosts: string[]) =>
    request<{ hosts?: string[] }>('PUT', '/api/v1/admin/webhook-allowed-hosts', { hosts }).then((r) => strings(r?.hosts ?? hosts)),

  webhooks: (conversationId: string) =>
    request<Items>('GET', `/api/v1/conversations/${enc(conversationId)}/webhooks`).then((r) =>
      (r.items ?? []).map((w) => ({ id: str(w.id), name: str(w.name), createdAt: str(w.createdAt) })),
    ),
  createWebhook: (conversationId: string, name: string) =>
    request<Raw>('POST', `/api/v1/conversations/${enc(conversationId)}/webhooks`, { name }).then((w) => ({
      id: str(w.id),
      name: str(w.name),
      url: str(w.url),
    })),
  deleteWebhook: (id: string) => request<void>('DELETE', `/api/v1/webhooks/${enc(id)}`),

  /** A team's channels (the queue of a service is one of its open channels). */
  teamChannels: (teamId: string) =>
    request<Items>('GET', `/api/v1/teams/${enc(teamId)}/channels`).then((r) =>
      (r.items ?? []).map((c) => ({ id: str(c.id), name: str(c.name), visibility: str(c.visibility) })),
    ),

  feeds: () =>
    request<Items>('GET', '/api/v1/results/feeds').then((r) =>
      (r.items ?? []).map((f) => ({ id: str(f.id), sendingFacility: str(f.sendingFacility), name: str(f.name) })),
    ),
  addFeed: (sendingFacility: string, name: string) => request<Raw>('POST', '/api/v1/results/feeds', { sendingFacility, name }),
  resultSettings: () =>
    request<Raw>('GET', '/api/v1/results/settings').then(
      (r): ResultSettings => ({
        inboxConversationId: strOrNull(r.inboxConversationId),
        deputyAfterMinutes: typeof r.deputyAfterMinutes === 'number' ? r.deputyAfterMinutes : 5,
        chain: (Array.isArray(r.chain) ? (r.chain as Raw[]) : []).map((s) => ({
          onCallRoleId: str(s.onCallRoleId),
          afterMinutes: typeof s.afterMinutes === 'number' ? s.afterMinutes : 5,
        })),
      }),
    ),
  saveResultSettings: (s: ResultSettings) =>
    request<Raw>('PUT', '/api/v1/results/settings', {
      ...(s.inboxConversationId ? { inboxConversationId: s.inboxConversationId } : {}),
      deputyAfterMinutes: s.deputyAfterMinutes,
      chain: s.chain,
    }),
  createOnCallRole: (name: string) => request<Raw>('POST', '/api/v1/on-call-roles', { name }),
  identifiers: (userId: string) =>
    request<Items>('GET', `/api/v1/users/${enc(userId)}/identifiers`).then((r) =>
      (r.items ?? []).map((i) => ({ system: str(i.system) as IdentifierSystem, value: str(i.value) })),
    ),
  setIdentifiers: (userId: string, items: Identifier[]) => request<unknown>('PUT', `/api/v1/users/${enc(userId)}/identifiers`, { items }),
};

export type IntegrationsRemote = typeof integrationsApi;
