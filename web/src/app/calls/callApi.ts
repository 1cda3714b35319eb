/**
 * The calls and meetings REST API (docs/calls-and-meetings.md, "HTTP API"): start, list, join,
 * leave, decline, the lobby and removal. The shapes follow the contract; field names the contract
 * leaves open are read leniently (`callId` or `id`).
 */
import { request } from '../../api';
import type { CallMedia, CallPeer, CallTopology } from '../../protocol/events';

/** A live call and its roster, as GET /api/v1/calls and the join grant carry it. */
export interface CallInfo {
  callId: string;
  conversationId: string;
  topology: CallTopology;
  media?: CallMedia;
  meetingId?: string | null;
  startedAt?: string;
  participants: CallPeer[];
  /** Organiser and presenters (who may admit, deny and remove), when the server says. */
  hosts?: string[];
}

export interface JanusGrant {
  path: string;
  room: number;
  token: string;
  roomToken: string;
  expiresAt?: string;
}

/** The answer to a join: in the call, or waiting in the lobby. */
export interface JoinGrant {
  state: 'joined';
  callId: string;
  peerId: string;
  topology: CallTopology;
  media: CallMedia;
  iceServers: RTCIceServer[];
  iceTransportPolicy: RTCIceTransportPolicy;
  janus: JanusGrant | null;
  call: CallInfo;
}

export interface Waiting {
  state: 'waiting';
  callId?: string;
}

export type JoinAnswer = JoinGrant | Waiting;

type RawCall = Partial<CallInfo> & { id?: string };

/** A call as the server sent it, with the fields the client relies on filled in. */
export function normaliseCall(raw: RawCall): CallInfo {
  return {
    ...raw,
    callId: raw.callId ?? raw.id ?? '',
    conversationId: raw.conversationId ?? '',
    topology: raw.topology ?? 'mesh',
    participants: raw.participants ?? [],
  } as CallInfo;
}

function normaliseAnswer(raw: JoinAnswer): JoinAnswer {
  if (raw.state !== 'joined') return raw;
  return { ...raw, call: normaliseCall(raw.call ?? { callId: raw.callId, topology: raw.topology }) };
}

const callPath = (callId: string) => `/api/v1/calls/${encodeURIComponent(callId)}`;

export const callApi = {
  start: (conversationId: string, media: CallMedia) =>
    request<RawCall>('POST', `/api/v1/conversations/${encodeURIComponent(conversationId)}/calls`, { media }).then(normaliseCall),
  list: () => request<{ items: RawCall[] }>('GET', '/api/v1/calls').then((r) => (r.items ?? []).map(normaliseCall)),
  get: (callId: string) => request<RawCall>('GET', callPath(callId)).then(normaliseCall),
  join: (callId: string) => request<JoinAnswer>('POST', `${callPath(callId)}/join`).then(normaliseAnswer),
  leave: (callId: string, peerId: string) => request<void>('POST', `${callPath(callId)}/leave`, { peerId }),
  decline: (callId: string) => request<void>('POST', `${callPath(callId)}/decline`),
  admit: (callId: string, userId: string) => request<void>('POST', `${callPath(callId)}/lobby/${encodeURIComponent(userId)}/admit`),
  deny: (callId: string, userId: string) => request<void>('POST', `${callPath(callId)}/lobby/${encodeURIComponent(userId)}/deny`),
  remove: (callId: string, userId: string) =>
    request<void>('POST', `${callPath(callId)}/participants/${encodeURIComponent(userId)}/remove`),
  joinMeeting: (meetingId: string, occurrence: string) =>
    request<JoinAnswer>('POST', `/api/v1/meetings/${encodeURIComponent(meetingId)}/join`, { occurrence }).then(normaliseAnswer),
  /** A virtual visit's call, as a host (docs/virtual-visits.md, "Joining"): a grant, as for a call. */
  joinVisit: (visitId: string) => request<JoinAnswer>('POST', `/api/v1/visits/${encodeURIComponent(visitId)}/join`, {}).then(normaliseAnswer),
};

export type CallApi = typeof callApi;
