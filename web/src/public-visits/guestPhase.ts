/*
 * The guest call's phases, its dependencies and the test hook (guestCall.ts is the state
 * machine that moves between the phases).
 */
import type { JoinGrant } from '../app/calls/callApi';
import type { CallEngine } from '../app/calls/engine';
import type { GuestApi } from './guestApi';
import type { EngineFactory } from './guestEngine';
import type { GuestStreamHandlers, StreamLike } from './guestStream';

export type GuestPhase =
  | { kind: 'idle' }
  | { kind: 'connecting' }
  | { kind: 'waiting'; callId?: string }
  | { kind: 'in-call'; grant: JoinGrant; engine: CallEngine }
  | { kind: 'left' }
  /** Back on the camera check with a message (the visitor may try again). */
  | { kind: 'failed'; message: string }
  | { kind: 'not-open'; message: string }
  /** Denied or removed by the ward. */
  | { kind: 'turned-away'; message: string }
  /** The call ended, the visit's time is over, or the link no longer works: nothing to rejoin. */
  | { kind: 'ended'; message: string };

export interface GuestCallDeps {
  token: string;
  api: GuestApi;
  openStream: (handlers: GuestStreamHandlers) => StreamLike;
  createEngine: EngineFactory;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
  /** How long to wait for the stream's `ready` before joining anyway. */
  readyTimeoutMs?: number;
  /** While waiting, ask again this often (an admission frame lost to a reconnect is not missed). */
  recheckMs?: number;
  hookTarget?: { __conferCall?: unknown };
}

export interface Controls {
  muted: boolean;
  camera: boolean;
}

/**
 * The staff client's test hook, for browser tests: `window.__conferCall = {callId, peerId,
 * topology, stats(), trace()}`, stats() resolving to one entry per remote stream {peerId,
 * userId, framesDecoded, audioPacketsReceived, localCandidateType, connectionState}.
 */
export function installHook(target: { __conferCall?: unknown } | undefined, grant: JoinGrant, engine: CallEngine, trace: () => string[]): void {
  if (!target) return;
  target.__conferCall = {
    callId: grant.callId,
    peerId: grant.peerId,
    topology: grant.topology,
    stats: () => engine.stats(),
    trace: () => [...trace(), ...engine.trace].sort(),
  };
}
