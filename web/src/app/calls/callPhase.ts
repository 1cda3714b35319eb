/**
 * The shapes the call controller (callController.ts) works with: what a join is for, the phase
 * of my call that the overlay shows, my prepared devices and controls, and what the controller
 * needs from the app. Re-exported by callController.ts.
 */
import type { CallMedia, CallRingFrame } from '../../protocol/events';
import type { CallApi, JoinGrant } from './callApi';
import type { CallEngine } from './engine';
import type { RingTone } from './media';

/**
 * What a join is for: a live call, a new call in a conversation, a meeting occurrence, or a
 * virtual visit joined from the ward view as one of its hosts (docs/virtual-visits.md, "Joining").
 */
export type JoinTarget =
  | { kind: 'call'; callId: string; conversationId: string }
  | { kind: 'start'; conversationId: string }
  | { kind: 'meeting'; meetingId: string; occurrence: string; title?: string }
  | { kind: 'visit'; visitId: string; title?: string };

export type CallPhase =
  | { kind: 'idle' }
  | { kind: 'prejoin'; target: JoinTarget; media: CallMedia; answering: boolean }
  | { kind: 'joining'; target: JoinTarget }
  | { kind: 'waiting'; target: JoinTarget; callId?: string }
  | { kind: 'failed'; message: string }
  | { kind: 'in-call'; grant: JoinGrant; engine: CallEngine };

/** What the pre-join screen hands over: the previewed stream and the chosen controls. */
export interface Prepared {
  stream: MediaStream;
  muted: boolean;
  camera: boolean;
  media: CallMedia;
  audioId?: string;
  videoId?: string;
}

export interface Controls {
  muted: boolean;
  camera: boolean;
  screen: boolean;
  hand: boolean;
}

/** The event joinMeeting (callActions.ts) raises for the controller of the page. */
export const JOIN_MEETING_EVENT = 'confer:join-meeting';
/** The event joinVisit (callActions.ts) raises: the ward view's Join. */
export const JOIN_VISIT_EVENT = 'confer:join-visit';

export interface CallControllerDeps {
  meId: string;
  sendFrame: (frame: Record<string, unknown>) => boolean;
  nameOf: (userId: string) => string;
  /** A desktop notification for a ring (the app's Notifier rules: permission, settings). */
  notify: (ring: CallRingFrame, onClick: () => void) => void;
  api?: CallApi;
  ring?: RingTone;
  janusUrl?: (path: string) => string;
}
