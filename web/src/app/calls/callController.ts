/**
 * The call on this device, from the header button or the ring to leaving: the pre-join screen,
 * joining (or waiting in the lobby), the media engine (mesh or Janus, by the grant's topology),
 * my controls and the `call.state` frames that tell the others, and the incoming ring (dialog,
 * looped tone, desktop notification). The live calls of every conversation are in CallStore.
 *
 * Test hook: while in a call, `window.__conferCall` is `{ callId, peerId, topology, stats() }`;
 * stats() resolves to one entry per remote stream, {peerId, userId, framesDecoded,
 * audioPacketsReceived, localCandidateType, connectionState}, from getStats; trace() is the last
 * signalling steps. Browser tests read it to prove media flows; nothing in the app uses it.
 */
import { ApiError } from '../../api';
import type { Dispatcher } from '../../protocol/dispatch';
import type { CallMedia, CallRingFrame } from '../../protocol/events';
import { Observable } from '../../store/observable';
import { callApi as defaultApi, type CallApi, type JoinGrant } from './callApi';
import { type CallControllerDeps, type CallPhase, type Controls, JOIN_MEETING_EVENT, JOIN_VISIT_EVENT, type JoinTarget, type Prepared } from './callPhase';
import { CallStore } from './callStore';
import type { CallEngine } from './engine';
import { JanusEngine } from './janus';
import { getTrack, RingTone, stopStream } from './media';
import { MeshEngine } from './mesh';
import { SpeakingDetector } from './speaking';

export type { CallControllerDeps, CallPhase, Controls, JoinTarget, Prepared } from './callPhase';
export { JOIN_MEETING_EVENT, JOIN_VISIT_EVENT } from './callPhase';

export function janusUrl(path: string): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${path}`;
}

export function problemMessage(e: unknown): string {
  if (e instanceof ApiError) return e.detail;
  return 'Could not connect to the call. Check your connection and try again.';
}

export class CallController extends Observable {
  readonly store = new CallStore();
  readonly speaking = new SpeakingDetector();
  readonly ring: RingTone;
  phase: CallPhase = { kind: 'idle' };
  controls: Controls = { muted: false, camera: true, screen: false, hand: false };
  /** The call view is shown (it can be hidden to read the chat while the call goes on). */
  viewOpen = true;
  private prepared: Prepared | null = null;
  private cameraTrack: MediaStreamTrack | null = null;
  private screenTrack: MediaStreamTrack | null = null;
  /** Call frames as they arrived and what was done (merged into the test hook's trace). */
  private readonly frameTrace: string[] = [];
  private earlySignals: { fromPeer: string; fromUser: string; signal: Record<string, unknown> }[] = [];
  private readonly api: CallApi;
  /** joinMeeting and joinVisit (callActions.ts) raise these: the pre-join screen opens. */
  private readonly joinEvents: [string, (e: Event) => void][] = [
    [JOIN_MEETING_EVENT, (e) => this.prejoin({ kind: 'meeting', ...(e as CustomEvent<{ meetingId: string; occurrence: string; title?: string }>).detail }, 'video')],
    [JOIN_VISIT_EVENT, (e) => this.prejoin({ kind: 'visit', ...(e as CustomEvent<{ visitId: string; title?: string }>).detail }, 'video')],
  ];

  constructor(private readonly deps: CallControllerDeps) {
    super();
    this.api = deps.api ?? defaultApi;
    this.ring = deps.ring ?? new RingTone();
    if (typeof window !== 'undefined') for (const [type, on] of this.joinEvents) window.addEventListener(type, on);
    this.store.subscribe(() => this.changed());
  }

  register(d: Dispatcher): void {
    this.store.register(d);
    d.onFrame('ready', () => void this.resync());
    d.onFrame('error', (f) => {
      // A refused call frame (not-in-call, invalid-call-frame, rate-limited): say so where support looks.
      if (/call|rate/.test(f.code)) this.note(`server refused a frame: ${f.code} ${f.message}`);
    });
    d.onFrame('call.ring', (f) => {
      if (this.store.mine()?.callId === f.callId) return;
      this.ring.start();
      this.deps.notify(f, () => window.focus());
      this.changed();
    });
    d.onFrame('call.ring-stopped', () => this.quietIfNoRing());
    d.onFrame('call.roster', (f) => {
      const p = this.phase;
      this.note(`roster ${f.callId.slice(0, 8)}: ${f.participants.length} peers${f.ended ? ', ended' : ''}; I am ${p.kind}`);
      if (p.kind !== 'in-call' || p.grant.callId !== f.callId) return;
      if (f.ended) this.endLocally({ kind: 'idle' });
      else p.engine.rosterChanged(f.participants);
    });
    d.onFrame('call.signal', (f) => {
      const p = this.phase;
      this.note(`signal from ${f.fromPeer.slice(0, 8)} to ${f.toPeer.slice(0, 8)}; I am ${p.kind}`);
      if (p.kind === 'in-call' && p.grant.callId === f.callId && f.toPeer === p.grant.peerId) p.engine.signal(f.fromPeer, f.fromUser, f.signal);
      else if (p.kind === 'joining') this.earlySignals.push(f);
    });
    d.onFrame('call.admission', (f) => {
      const p = this.phase;
      if (p.kind === 'waiting' && (!p.callId || p.callId === f.callId)) {
        if (f.state === 'admitted') void this.attempt(p.target);
        else this.fail(f.state === 'denied' ? 'The organiser did not let you in to this meeting.' : 'You were removed from this meeting.');
      } else if (p.kind === 'in-call' && p.grant.callId === f.callId && f.state === 'removed') {
        this.endLocally({ kind: 'failed', message: 'You were removed from the call by the organiser.' });
      }
    });
  }

  /** After (re)connecting: frames are not replayed, so ask for the live calls, and for my call's roster. */
  async resync(): Promise<void> {
    try {
      this.store.setCalls(await this.api.list());
    } catch {
      /* the header shows what frames said; the next connection asks again */
    }
    this.quietIfNoRing();
    const p = this.phase;
    if (p.kind !== 'in-call') return;
    try {
      const call = await this.api.get(p.grant.callId);
      if (this.phase !== p) return;
      this.store.upsert({ ...call, conversationId: call.conversationId || p.grant.call.conversationId });
      // Existing connections stay: only peers that came or went change.
      p.engine.rosterChanged(call.participants);
      this.sendState();
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 410)) this.endLocally({ kind: 'idle' });
    }
  }

  // ---- joining ----

  /** Show the pre-join screen (device preview) for this call. */
  prejoin(target: JoinTarget, media: CallMedia, answering = false): void {
    if (this.phase.kind === 'in-call') return;
    this.phase = { kind: 'prejoin', target, media, answering };
    this.viewOpen = true;
    this.changed();
  }

  /** Accept a ring: stop ringing here and go to the pre-join screen with "Join now". */
  accept(ring: CallRingFrame): void {
    this.store.stopRinging(ring.callId);
    this.quietIfNoRing();
    this.prejoin({ kind: 'call', callId: ring.callId, conversationId: ring.conversationId }, ring.media, true);
  }

  async decline(ring: CallRingFrame): Promise<void> {
    this.store.stopRinging(ring.callId);
    this.quietIfNoRing();
    await this.api.decline(ring.callId).catch(() => {});
  }

  /** Join with what the pre-join screen prepared. */
  async join(prepared: Prepared): Promise<void> {
    const p = this.phase;
    if (p.kind !== 'prejoin') return;
    this.prepared = prepared;
    this.controls = { muted: prepared.muted, camera: prepared.camera && prepared.stream.getVideoTracks().length > 0, screen: false, hand: false };
    let target = p.target;
    if (target.kind === 'start') {
      this.setPhase({ kind: 'joining', target });
      try {
        const call = await this.api.start(target.conversationId, prepared.media);
        this.store.upsert({ ...call, conversationId: call.conversationId || target.conversationId });
        target = { kind: 'call', callId: call.callId, conversationId: target.conversationId };
      } catch (e) {
        this.fail(problemMessage(e));
        return;
      }
    }
    await this.attempt(target);
  }

  private async attempt(target: JoinTarget): Promise<void> {
    this.setPhase({ kind: 'joining', target });
    this.earlySignals = [];
    this.note(`join ${target.kind}`);
    try {
      const answer =
        target.kind === 'meeting'
          ? await this.api.joinMeeting(target.meetingId, target.occurrence)
          : target.kind === 'visit'
            ? await this.api.joinVisit(target.visitId)
            : await this.api.join((target as { callId: string }).callId);
      if (this.phase.kind !== 'joining') return; // cancelled meanwhile
      if (answer.state === 'waiting') this.setPhase({ kind: 'waiting', target, callId: answer.callId });
      else this.enter(answer, target);
    } catch (e) {
      this.fail(problemMessage(e));
    }
  }

  private enter(grant: JoinGrant, target: JoinTarget): void {
    const prepared = this.prepared!;
    const conversationId = grant.call.conversationId || (target.kind === 'call' ? target.conversationId : '');
    const call = { ...grant.call, callId: grant.callId, conversationId };
    const local = prepared.stream;
    this.cameraTrack = local.getVideoTracks()[0] ?? null;
    const common = { iceServers: grant.iceServers ?? [], iceTransportPolicy: grant.iceTransportPolicy ?? 'all' };
    const engine: CallEngine =
      grant.topology === 'sfu' && grant.janus
        ? new JanusEngine(local, {
            ...common,
            url: (this.deps.janusUrl ?? janusUrl)(grant.janus.path),
            room: grant.janus.room,
            token: grant.janus.token,
            roomToken: grant.janus.roomToken,
            userId: this.deps.meId,
            peerId: grant.peerId,
            onFailure: (reason) => this.endLocally({ kind: 'failed', message: `The meeting connection failed: ${reason}` }),
          })
        : new MeshEngine(local, {
            ...common,
            myPeerId: grant.peerId,
            send: (toPeer, signal) => this.deps.sendFrame({ type: 'call.signal', callId: grant.callId, fromPeer: grant.peerId, toPeer, signal }),
          });
    engine.setMuted(this.controls.muted);
    engine.setCamera(this.controls.camera);
    engine.subscribe(() => this.watchSpeaking());
    this.store.upsert(call);
    this.store.setMine({ callId: grant.callId, conversationId, peerId: grant.peerId });
    this.note(`joined ${grant.callId.slice(0, 8)} as ${grant.peerId.slice(0, 8)}, ${grant.topology}, ${call.participants.length} peers in the grant`);
    this.setPhase({ kind: 'in-call', grant: { ...grant, call }, engine });
    engine.rosterChanged(this.store.participants(grant.callId));
    for (const s of this.earlySignals) engine.signal(s.fromPeer, s.fromUser, s.signal);
    this.earlySignals = [];
    this.sendState();
    this.watchSpeaking();
    this.installHook(grant, engine);
  }

  /** Cancel the pre-join, the wait in the lobby or a failure message. */
  cancel(): void {
    if (this.phase.kind === 'in-call') return;
    stopStream(this.prepared?.stream);
    this.prepared = null;
    this.setPhase({ kind: 'idle' });
  }

  async leave(): Promise<void> {
    const p = this.phase;
    if (p.kind !== 'in-call') return;
    this.endLocally({ kind: 'idle' });
    await this.api.leave(p.grant.callId, p.grant.peerId).catch(() => {});
  }

  private endLocally(next: CallPhase): void {
    const p = this.phase;
    if (p.kind === 'in-call') p.engine.leave();
    stopStream(this.prepared?.stream);
    this.screenTrack?.stop();
    this.cameraTrack?.stop();
    this.prepared = null;
    this.screenTrack = this.cameraTrack = null;
    this.speaking.stop();
    this.store.setMine(null);
    if (typeof window !== 'undefined') delete (window as { __conferCall?: unknown }).__conferCall;
    this.setPhase(next);
  }

  private fail(message: string): void {
    stopStream(this.prepared?.stream);
    this.prepared = null;
    this.setPhase({ kind: 'failed', message });
  }

  // ---- controls ----

  setMuted(muted: boolean): void {
    this.engine()?.setMuted(muted);
    this.update({ muted });
  }

  async setCamera(on: boolean): Promise<void> {
    const engine = this.engine();
    if (!engine) return;
    if (on && !this.cameraTrack) {
      // An audio call turning the camera on: ask for it now.
      this.cameraTrack = await getTrack('video', this.prepared?.videoId);
      if (!this.controls.screen) await engine.replaceVideoTrack(this.cameraTrack);
    }
    if (!this.controls.screen) engine.setCamera(on);
    this.update({ camera: on });
  }

  /** Share the screen instead of the camera (the same video sender, so nobody renegotiates on a mesh). */
  async setScreen(on: boolean): Promise<void> {
    const engine = this.engine();
    if (!engine) return;
    if (on) {
      const display = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
      const track = display.getVideoTracks()[0];
      this.screenTrack = track;
      // The browser's own "Stop sharing" button.
      track.onended = () => void this.setScreen(false);
      await engine.replaceVideoTrack(track);
      this.update({ screen: true });
    } else {
      const track = this.screenTrack;
      this.screenTrack = null;
      track?.stop();
      await engine.replaceVideoTrack(this.cameraTrack);
      engine.setCamera(this.controls.camera);
      this.update({ screen: false });
    }
  }

  setHand(hand: boolean): void {
    this.update({ hand });
  }

  async useMicrophone(deviceId: string): Promise<void> {
    const engine = this.engine();
    if (!engine || !this.prepared) return;
    const old = engine.localStream.getAudioTracks()[0];
    const track = await getTrack('audio', deviceId);
    await engine.replaceAudioTrack(track);
    old?.stop();
    this.prepared.audioId = deviceId;
    engine.setMuted(this.controls.muted);
  }

  async useCamera(deviceId: string): Promise<void> {
    const engine = this.engine();
    if (!engine || !this.prepared) return;
    const old = this.cameraTrack;
    this.cameraTrack = await getTrack('video', deviceId);
    this.prepared.videoId = deviceId;
    if (!this.controls.screen) {
      await engine.replaceVideoTrack(this.cameraTrack);
      engine.setCamera(this.controls.camera);
    }
    old?.stop();
  }

  showView(open: boolean): void {
    this.viewOpen = open;
    this.changed();
  }

  // ---- hosts ----

  admit = (callId: string, userId: string) => this.api.admit(callId, userId);
  deny = (callId: string, userId: string) => this.api.deny(callId, userId);
  remove = (callId: string, userId: string) => this.api.remove(callId, userId);

  get meId(): string {
    return this.deps.meId;
  }

  engine(): CallEngine | null {
    return this.phase.kind === 'in-call' ? this.phase.engine : null;
  }

  stop(): void {
    if (typeof window !== 'undefined') for (const [type, on] of this.joinEvents) window.removeEventListener(type, on);
    this.ring.stop();
    if (this.phase.kind === 'in-call') void this.leave();
  }

  private update(change: Partial<Controls>): void {
    this.controls = { ...this.controls, ...change };
    this.sendState();
    this.changed();
  }

  /** Tell the others my controls (the roster follows); sent again after a reconnect. */
  private sendState(): void {
    const p = this.phase;
    if (p.kind !== 'in-call') return;
    this.deps.sendFrame({ type: 'call.state', callId: p.grant.callId, peerId: p.grant.peerId, ...this.controls });
  }

  private quietIfNoRing(): void {
    if (this.store.ringing().length === 0) this.ring.stop();
    this.changed();
  }

  private watchSpeaking(): void {
    const p = this.phase;
    if (p.kind !== 'in-call') return;
    const streams = new Map<string, MediaStream>([[p.grant.peerId, p.engine.localStream]]);
    for (const r of p.engine.remotes()) streams.set(r.peerId, r.stream);
    this.speaking.watch(streams);
  }

  private installHook(grant: JoinGrant, engine: CallEngine): void {
    if (typeof window === 'undefined') return;
    (window as { __conferCall?: unknown }).__conferCall = {
      callId: grant.callId,
      peerId: grant.peerId,
      topology: grant.topology,
      stats: () => engine.stats(),
      trace: () => [...this.frameTrace, ...engine.trace].sort(),
    };
  }

  private note(step: string): void {
    this.frameTrace.push(`${new Date().toISOString().slice(11, 23)} ${step}`);
    if (this.frameTrace.length > 80) this.frameTrace.shift();
  }

  private setPhase(phase: CallPhase): void {
    this.phase = phase;
    this.changed();
  }
}
