/*
 * A relative's way through a video visit, once the camera check is done: exchange the join link
 * for a guest session, open the guest stream, ask to join, wait in the lobby until the ward
 * admits (then ask again for the grant), the call on the engine the grant's topology picks, and
 * leaving. The page (join.ts) draws each phase; this holds no DOM and owns no camera: the local
 * stream is the page's to stop.
 *
 * Test hook, while in the call: `window.__conferCall = {callId, peerId, topology, stats(),
 * trace()}` as in the staff client, stats() from the engine.
 */
import type { JoinGrant } from '../app/calls/callApi';
import type { CallEngine } from '../app/calls/engine';
import type { CallPeer } from '../protocol/events';
import { Observable } from '../store/observable';
import type { GuestSession } from './guestApi';
import { type Controls, type GuestCallDeps, type GuestPhase, installHook } from './guestPhase';
import type { Frame, StreamLike, StreamState } from './guestStream';
import { refusal, TEXT } from './guestText';
import type { Problem } from './problems';

export type { Controls, GuestCallDeps, GuestPhase } from './guestPhase';

export class GuestCall extends Observable {
  phase: GuestPhase = { kind: 'idle' };
  controls: Controls = { muted: false, camera: true };
  streamState: StreamState | 'closed' = 'closed';
  /** The people in the call, from the grant and the `call.roster` frames. */
  participants: CallPeer[] = [];
  private session: GuestSession | null = null;
  private stream: StreamLike | null = null;
  private local: MediaStream | null = null;
  private readyWaiters: (() => void)[] = [];
  private asking = false;
  private askAgain = false;
  private earlySignals: Frame[] = [];
  private earlyRoster: Frame | null = null;
  private recheck: unknown = null;
  private readonly trace: string[] = [];
  private readonly d: Required<Omit<GuestCallDeps, 'hookTarget'>> & Pick<GuestCallDeps, 'hookTarget'>;

  constructor(deps: GuestCallDeps) {
    super();
    this.d = {
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
      readyTimeoutMs: 5_000,
      recheckMs: 30_000,
      ...deps,
      hookTarget: deps.hookTarget ?? (typeof window !== 'undefined' ? (window as { __conferCall?: unknown }) : undefined),
    };
  }

  /** Join with this name and the camera check's stream (empty when joining without devices). */
  async join(name: string, local: MediaStream, controls: Controls = this.controls): Promise<void> {
    const k = this.phase.kind;
    if (k === 'connecting' || k === 'waiting' || k === 'in-call' || k === 'ended' || k === 'turned-away') return;
    this.local = local;
    this.controls = { muted: controls.muted, camera: controls.camera && local.getVideoTracks().length > 0 };
    this.setPhase({ kind: 'connecting' });
    if (!this.session || Date.parse(this.session.expiresAt) <= Date.now()) {
      const r = await this.d.api.session(this.d.token, name.trim());
      if (!this.still('connecting')) return;
      if (!r.ok) return this.refused(r.problem);
      this.session = r.value;
    }
    await this.openStream();
    if (!this.still('connecting')) return;
    await this.ask();
  }

  /** Ask for a grant (first, after admission, and every so often while waiting). */
  private async ask(): Promise<void> {
    if (!this.session) return;
    if (this.asking) {
      // Admitted while the last answer is on its way (it may say "waiting"): ask once more after it.
      this.askAgain = true;
      return;
    }
    this.asking = true;
    this.askAgain = false;
    this.earlySignals = [];
    this.earlyRoster = null;
    this.note('join');
    const r = await this.d.api.join(this.session.csrf).finally(() => (this.asking = false));
    const k = this.phase.kind;
    if (k !== 'connecting' && k !== 'waiting') return; // left meanwhile
    if (!r.ok && k === 'waiting' && (r.problem.status === 0 || r.problem.status >= 500)) {
      // A blip while in the lobby: stay there and ask again later.
      this.note(`join failed while waiting: ${r.problem.status}`);
      this.scheduleRecheck();
      return;
    }
    if (!r.ok) return this.refused(r.problem);
    const answer = r.value;
    if (answer.state === 'waiting') {
      this.note(`waiting ${answer.callId ?? ''}`);
      this.setPhase({ kind: 'waiting', callId: answer.callId });
      if (this.askAgain) void this.ask();
      else this.scheduleRecheck();
    } else {
      this.enter(answer);
    }
  }

  private enter(grant: JoinGrant): void {
    this.cancelRecheck();
    const engine = this.d.createEngine(grant, this.local ?? new MediaStream(), {
      userId: this.session?.guestId ?? '',
      send: (frame) => this.stream?.send(frame) ?? false,
      onFailure: (reason) => {
        this.note(`media failed: ${reason}`);
        this.endLocally({ kind: 'failed', message: TEXT.mediaFailed });
      },
    });
    engine.setMuted(this.controls.muted);
    engine.setCamera(this.controls.camera);
    engine.subscribe(() => this.changed());
    this.note(`joined ${grant.callId} as ${grant.peerId}, ${grant.topology}`);
    this.setPhase({ kind: 'in-call', grant, engine });
    this.participants = grant.call?.participants ?? [];
    engine.rosterChanged(this.participants);
    const roster = this.earlyRoster;
    if (roster && roster.callId === grant.callId) this.roster(roster);
    for (const s of this.earlySignals) this.signal(s);
    this.earlySignals = [];
    this.sendState();
    installHook(this.d.hookTarget, grant, engine, () => this.trace);
  }

  /** A refused session exchange or join: what state it means, else a message on the check screen. */
  private refused(p: Problem): void {
    this.note(`refused ${p.status} ${p.type}`);
    this.stopStream();
    this.cancelRecheck();
    const r = refusal(p);
    if (r.forgetSession) this.session = null;
    this.setPhase({ kind: r.kind, message: r.message });
  }

  // ---- the stream ----

  private openStream(): Promise<void> {
    if (!this.stream) {
      this.stream = this.d.openStream({
        onFrame: (f) => this.frame(f),
        onReady: (reconnected) => this.ready(reconnected),
        onEnded: () => this.endLocally({ kind: 'ended', message: TEXT.sessionEnded }),
        onState: (s) => {
          this.streamState = s;
          this.changed();
        },
      });
      this.stream.start();
    } else if (this.streamState === 'live') {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.readyWaiters.push(resolve);
      this.d.setTimer(resolve, this.d.readyTimeoutMs);
    });
  }

  private ready(reconnected: boolean): void {
    for (const w of this.readyWaiters.splice(0)) w();
    if (!reconnected) return;
    // Frames are not replayed: ask again in the lobby, tell the others my controls in the call.
    const p = this.phase;
    if (p.kind === 'waiting') void this.ask();
    else if (p.kind === 'in-call') this.sendState();
  }

  private frame(f: Frame): void {
    const p = this.phase;
    switch (f.type) {
      case 'call.admission':
        this.note(`admission ${String(f.state)}; I am ${p.kind}`);
        if ((p.kind === 'waiting' && (!p.callId || p.callId === f.callId)) || (p.kind === 'connecting' && this.asking)) {
          if (f.state === 'admitted') void this.ask();
          else this.turnedAway(f.state === 'removed' ? TEXT.removed : TEXT.denied);
        } else if (p.kind === 'in-call' && p.grant.callId === f.callId && f.state === 'removed') {
          this.turnedAway(TEXT.removed);
        }
        break;
      case 'call.roster':
        if (p.kind === 'in-call' && p.grant.callId === f.callId) this.roster(f);
        else if (this.asking) this.earlyRoster = f;
        break;
      case 'call.signal':
        if (p.kind === 'in-call') this.signal(f);
        else if (this.asking || p.kind === 'connecting') this.earlySignals.push(f);
        break;
      case 'error':
        this.note(`server refused a frame: ${String(f.code)} ${String(f.message)}`);
        break;
    }
  }

  private roster(f: Frame): void {
    const p = this.phase;
    if (p.kind !== 'in-call') return;
    if (f.ended) {
      this.endLocally({ kind: 'ended', message: TEXT.callEnded });
      return;
    }
    this.participants = (f.participants as CallPeer[] | undefined) ?? [];
    this.note(`roster: ${this.participants.length} peers`);
    p.engine.rosterChanged(this.participants);
    this.changed();
  }

  private signal(f: Frame): void {
    const p = this.phase;
    if (p.kind !== 'in-call' || p.grant.callId !== f.callId || f.toPeer !== p.grant.peerId) return;
    p.engine.signal(String(f.fromPeer), String(f.fromUser ?? ''), (f.signal ?? {}) as Record<string, unknown>);
  }

  // ---- controls and leaving ----

  setMuted(muted: boolean): void {
    this.engine()?.setMuted(muted);
    this.controls = { ...this.controls, muted };
    this.sendState();
    this.changed();
  }

  setCamera(camera: boolean): void {
    this.engine()?.setCamera(camera);
    this.controls = { ...this.controls, camera };
    this.sendState();
    this.changed();
  }

  async leave(): Promise<void> {
    const p = this.phase;
    if (p.kind === 'in-call') {
      this.endLocally({ kind: 'left' });
      if (this.session) await this.d.api.leave(this.session.csrf, p.grant.peerId);
    } else if (p.kind === 'connecting' || p.kind === 'waiting') {
      // The lobby place goes when the stream has been closed for a minute.
      this.endLocally({ kind: 'left' });
    }
  }

  /** The visit's window closed (join-info said so): end whatever is going on. */
  visitClosed(): void {
    const p = this.phase;
    if (p.kind === 'in-call' && this.session) void this.d.api.leave(this.session.csrf, p.grant.peerId);
    if (p.kind !== 'ended') this.endLocally({ kind: 'ended', message: TEXT.visitClosed });
  }

  engine(): CallEngine | null {
    return this.phase.kind === 'in-call' ? this.phase.engine : null;
  }

  private turnedAway(message: string): void {
    this.endLocally({ kind: 'turned-away', message });
  }

  private endLocally(next: GuestPhase): void {
    const p = this.phase;
    if (p.kind === 'in-call') p.engine.leave();
    this.cancelRecheck();
    this.stopStream();
    this.participants = [];
    if (this.d.hookTarget) delete this.d.hookTarget.__conferCall;
    this.setPhase(next);
  }

  private stopStream(): void {
    this.stream?.stop();
    this.stream = null;
    this.streamState = 'closed';
    for (const w of this.readyWaiters.splice(0)) w();
  }

  private scheduleRecheck(): void {
    this.cancelRecheck();
    this.recheck = this.d.setTimer(() => {
      this.recheck = null;
      if (this.phase.kind === 'waiting') void this.ask();
    }, this.d.recheckMs);
  }

  private cancelRecheck(): void {
    if (this.recheck !== null) this.d.clearTimer(this.recheck);
    this.recheck = null;
  }

  private sendState(): void {
    const p = this.phase;
    if (p.kind !== 'in-call') return;
    this.stream?.send({ type: 'call.state', callId: p.grant.callId, peerId: p.grant.peerId, ...this.controls, screen: false, hand: false });
  }

  private note(step: string): void {
    this.trace.push(`${new Date().toISOString().slice(11, 23)} ${step}`);
    if (this.trace.length > 80) this.trace.shift();
  }

  /** Whether the phase is still this one after an await (which may have changed it). */
  private still(kind: GuestPhase['kind']): boolean {
    return this.phase.kind === kind;
  }

  private setPhase(phase: GuestPhase): void {
    this.phase = phase;
    this.changed();
  }
}
