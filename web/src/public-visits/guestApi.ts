/*
 * The guest API of a video visit (docs/virtual-visits.md, "Joining"): exchanging the join link
 * for a guest session, then joining and leaving the visit's call with it. The session rides on
 * the HttpOnly `confer_guest` cookie (Path=/api/v1/guest), so these requests send cookies
 * ('same-origin'); the changes carry the session's CSRF token in `X-CSRF-Token`.
 */
import type { JoinGrant } from '../app/calls/callApi';
import { call, type Result } from './api';

export interface GuestSession {
  guestId: string;
  csrf: string;
  expiresAt: string;
  /** The session token, for clients without cookies (this page uses the cookie). */
  token?: string;
  visit?: unknown;
}

export interface GuestWaiting {
  state: 'waiting';
  callId?: string;
}

export type GuestJoinAnswer = JoinGrant | GuestWaiting;

export interface GuestApi {
  session(token: string, name: string): Promise<Result<GuestSession>>;
  join(csrf: string): Promise<Result<GuestJoinAnswer>>;
  leave(csrf: string, peerId: string): Promise<Result<unknown>>;
}

const guest = (csrf: string) => ({ credentials: 'same-origin' as const, headers: { 'X-CSRF-Token': csrf } });

/** A grant with the fields the engines rely on filled in (the roster may be left out). */
export function normaliseGrant(raw: GuestJoinAnswer): GuestJoinAnswer {
  if (raw.state !== 'joined') return raw;
  const c = (raw.call ?? {}) as Partial<JoinGrant['call']>;
  return {
    ...raw,
    iceServers: raw.iceServers ?? [],
    iceTransportPolicy: raw.iceTransportPolicy ?? 'all',
    janus: raw.janus ?? null,
    call: { ...c, callId: c.callId ?? raw.callId, conversationId: c.conversationId ?? '', topology: c.topology ?? raw.topology, participants: c.participants ?? [] },
  };
}

export const guestApi: GuestApi = {
  session: (token, name) =>
    call<GuestSession>('POST', '/api/v1/public/visits/guest-session', { token, name }, { credentials: 'same-origin' }),
  join: async (csrf) => {
    const r = await call<GuestJoinAnswer>('POST', '/api/v1/guest/join', {}, guest(csrf));
    return r.ok ? { ...r, value: normaliseGrant(r.value ?? { state: 'waiting' }) } : r;
  },
  // keepalive: a leave sent as the tab closes still arrives.
  leave: (csrf, peerId) => call<unknown>('POST', '/api/v1/guest/leave', { peerId }, { ...guest(csrf), keepalive: true }),
};
