/**
 * The stream's call frames (docs/calls-and-meetings.md, "Stream frames"): ephemeral, never stored
 * or replayed. Part of the ServerFrame union in events.ts, which re-exports them.
 */
export type CallMedia = 'audio' | 'video';
export type CallTopology = 'mesh' | 'sfu';

export interface CallRingFrame {
  type: 'call.ring';
  callId: string;
  conversationId: string;
  from: string;
  media: CallMedia;
}

export interface CallRingStoppedFrame {
  type: 'call.ring-stopped';
  callId: string;
  reason: 'answered' | 'declined' | 'missed' | 'ended';
}

export interface CallPeer {
  peerId: string;
  userId: string;
  joinedAt: string;
  muted: boolean;
  camera: boolean;
  screen: boolean;
  hand: boolean;
}

export interface CallRosterFrame {
  type: 'call.roster';
  callId: string;
  conversationId: string;
  topology: CallTopology;
  participants: CallPeer[];
  ended: boolean;
}

export interface CallSignalFrame {
  type: 'call.signal';
  callId: string;
  fromPeer: string;
  fromUser: string;
  toPeer: string;
  signal: Record<string, unknown>;
}

export interface CallLobbyFrame {
  type: 'call.lobby';
  callId: string;
  waiting: { userId: string; since: string }[];
}

export interface CallAdmissionFrame {
  type: 'call.admission';
  callId: string;
  state: 'admitted' | 'denied' | 'removed';
}
