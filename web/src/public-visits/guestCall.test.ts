import { describe, expect, it, vi } from 'vitest';
import { createPc, createStream, FakePC, localStream, settle } from '../app/calls/fakes.test-util';
import type { JoinGrant } from '../app/calls/callApi';
import { CallEngine, type RemoteMedia } from '../app/calls/engine';
import { MeshEngine } from '../app/calls/mesh';
import type { Result } from './api';
import { GuestCall } from './guestCall';
import type { GuestApi, GuestJoinAnswer, GuestSession } from './guestApi';
import type { EngineFactory } from './guestEngine';
import type { Frame, GuestStreamHandlers, StreamLike } from './guestStream';
import { TEXT } from './guestText';
import type { Problem } from './problems';

const ok = <T>(value: T, status = 200): Result<T> => ({ ok: true, status, value });
const fail = (status: number, type = '', extra: Partial<Problem> = {}): Result<never> => ({ ok: false, problem: { status, type, title: '', detail: '', ...extra } });

const SESSION: GuestSession = { guestId: 'g1', csrf: 'csrf-1', expiresAt: new Date(Date.now() + 3_600_000).toISOString() };
const peer = (peerId: string, userId: string) => ({ peerId, userId, joinedAt: '', muted: false, camera: true, screen: false, hand: false });

function grant(topology: 'mesh' | 'sfu' = 'mesh'): JoinGrant {
  return {
    state: 'joined', callId: 'c1', peerId: 'p-guest', topology, media: 'video', iceServers: [], iceTransportPolicy: 'all',
    janus: null, call: { callId: 'c1', conversationId: '', topology, participants: [peer('p-guest', 'g1'), peer('p-nurse', 'u-nurse')] },
  };
}

class FakeEngine extends CallEngine {
  rosters: string[][] = [];
  signals: string[] = [];
  left = false;
  muted = false;
  remotes(): RemoteMedia[] { return []; }
  async replaceVideoTrack() {}
  async replaceAudioTrack() {}
  rosterChanged(ps: { peerId: string }[]) { this.rosters.push(ps.map((p) => p.peerId)); }
  override signal(fromPeer: string) { this.signals.push(fromPeer); }
  override setMuted(m: boolean) { this.muted = m; }
  leave() { this.left = true; }
  connections() { return []; }
  override async stats() { return [{ peerId: 'p-nurse', userId: 'u-nurse', framesDecoded: 7, audioPacketsReceived: 3, localCandidateType: 'host', connectionState: 'connected' }]; }
}

class FakeStreamClient implements StreamLike {
  sent: Record<string, unknown>[] = [];
  started = false;
  stopped = false;
  constructor(readonly h: GuestStreamHandlers) {}
  start() { this.started = true; }
  stop() { this.stopped = true; }
  send(f: Record<string, unknown>) { this.sent.push(f); return true; }
  frame(f: Frame) { this.h.onFrame(f); }
}

function setup(answers: Result<GuestJoinAnswer>[], opts: { session?: Result<GuestSession>; engine?: EngineFactory } = {}) {
  const api = {
    session: vi.fn(async () => opts.session ?? ok(SESSION)),
    join: vi.fn(async () => answers.shift() ?? fail(500)),
    leave: vi.fn(async () => ok(null, 204)),
  } satisfies GuestApi;
  const streams: FakeStreamClient[] = [];
  const engines: FakeEngine[] = [];
  const hook: { __conferCall?: unknown } = {};
  const timers: (() => void)[] = [];
  const call = new GuestCall({
    token: 'tok',
    api,
    openStream: (h) => {
      const s = new FakeStreamClient(h);
      streams.push(s);
      // The server says ready as soon as the hello is in.
      queueMicrotask(() => h.onReady(false));
      return s;
    },
    createEngine: opts.engine ?? ((_g, local) => {
      const e = new FakeEngine(local);
      engines.push(e);
      return e;
    }),
    setTimer: (fn) => (timers.push(fn), timers.length),
    clearTimer: () => {},
    hookTarget: hook,
  });
  return { call, api, streams, engines, hook, timers };
}

describe('the guest call', () => {
  it('waits in the lobby, asks again when admitted, and enters the call with the grant', async () => {
    const { call, api, streams, engines, hook } = setup([ok({ state: 'waiting', callId: 'c1' }, 202), ok(grant())]);
    await call.join('  Maria Lopez ', localStream());

    expect(api.session).toHaveBeenCalledWith('tok', 'Maria Lopez');
    expect(api.join).toHaveBeenCalledWith('csrf-1');
    expect(streams).toHaveLength(1);
    expect(call.phase).toEqual({ kind: 'waiting', callId: 'c1' });

    streams[0].frame({ type: 'call.admission', callId: 'other', state: 'denied' }); // not my call
    expect(call.phase.kind).toBe('waiting');
    streams[0].frame({ type: 'call.admission', callId: 'c1', state: 'admitted' });
    await settle();

    expect(api.join).toHaveBeenCalledTimes(2);
    expect(api.session).toHaveBeenCalledTimes(1);
    expect(call.phase.kind).toBe('in-call');
    expect(engines[0].rosters).toEqual([['p-guest', 'p-nurse']]);
    expect(streams[0].sent).toContainEqual({ type: 'call.state', callId: 'c1', peerId: 'p-guest', muted: false, camera: true, screen: false, hand: false });

    const h = hook.__conferCall as { callId: string; peerId: string; topology: string; stats(): Promise<unknown[]> };
    expect([h.callId, h.peerId, h.topology]).toEqual(['c1', 'p-guest', 'mesh']);
    expect(await h.stats()).toEqual([expect.objectContaining({ peerId: 'p-nurse', framesDecoded: 7 })]);

    streams[0].frame({ type: 'call.roster', callId: 'c1', participants: [peer('p-guest', 'g1')], ended: false });
    expect(engines[0].rosters[1]).toEqual(['p-guest']);
    streams[0].frame({ type: 'call.signal', callId: 'c1', fromPeer: 'p-nurse', fromUser: 'u-nurse', toPeer: 'p-guest', signal: {} });
    streams[0].frame({ type: 'call.signal', callId: 'c1', fromPeer: 'p-x', fromUser: 'u', toPeer: 'p-other', signal: {} });
    expect(engines[0].signals).toEqual(['p-nurse']);
  });

  it('is turned away kindly when the ward denies', async () => {
    const { call, streams } = setup([ok({ state: 'waiting', callId: 'c1' }, 202)]);
    await call.join('Maria', localStream());
    streams[0].frame({ type: 'call.admission', callId: 'c1', state: 'denied' });
    expect(call.phase).toEqual({ kind: 'turned-away', message: TEXT.denied });
    expect(streams[0].stopped).toBe(true);
    await call.join('Maria', localStream()); // nothing more to do
    expect(call.phase.kind).toBe('turned-away');
  });

  it('says when the visit opens on 409 visit-not-open, and goes back to the check on a network error', async () => {
    const opensAt = new Date(Date.now() + 600_000).toISOString();
    const early = setup([], { session: fail(409, 'visit-not-open', { opensAt, closesAt: new Date(Date.now() + 3_600_000).toISOString() }) });
    await early.call.join('Maria', localStream());
    expect(early.call.phase.kind).toBe('not-open');
    expect((early.call.phase as { message: string }).message).toMatch(/opens at \d\d:\d\d on /);
    expect(early.streams).toHaveLength(0);

    const offline = setup([], { session: fail(0) });
    await offline.call.join('Maria', localStream());
    expect(offline.call.phase).toEqual({ kind: 'failed', message: TEXT.network });

    const gone = setup([], { session: fail(404, 'not-found') });
    await gone.call.join('Maria', localStream());
    expect(gone.call.phase).toEqual({ kind: 'ended', message: TEXT.invalid });

    const busy = setup([], { session: fail(429, 'rate-limited') });
    await busy.call.join('Maria', localStream());
    expect(busy.call.phase).toEqual({ kind: 'failed', message: TEXT.tooMany });
  });

  it('leaves: tells the server with the peer id, closes the engine and the stream, and may rejoin', async () => {
    const { call, api, streams, engines, hook } = setup([ok(grant()), ok(grant())]);
    await call.join('Maria', localStream());
    expect(call.phase.kind).toBe('in-call');
    await call.leave();
    expect(api.leave).toHaveBeenCalledWith('csrf-1', 'p-guest');
    expect(call.phase.kind).toBe('left');
    expect(engines[0].left).toBe(true);
    expect(streams[0].stopped).toBe(true);
    expect(hook.__conferCall).toBeUndefined();

    await call.join('Maria', localStream());
    expect(call.phase.kind).toBe('in-call');
    expect(api.session).toHaveBeenCalledTimes(1); // the session is kept
    expect(streams).toHaveLength(2);
  });

  it('ends when the roster says the call ended, when removed, and when the session ends', async () => {
    const a = setup([ok(grant())]);
    await a.call.join('Maria', localStream());
    a.streams[0].frame({ type: 'call.roster', callId: 'c1', participants: [], ended: true });
    expect(a.call.phase).toEqual({ kind: 'ended', message: TEXT.callEnded });
    expect(a.engines[0].left).toBe(true);

    const b = setup([ok(grant())]);
    await b.call.join('Maria', localStream());
    b.streams[0].frame({ type: 'call.admission', callId: 'c1', state: 'removed' });
    expect(b.call.phase).toEqual({ kind: 'turned-away', message: TEXT.removed });

    const c = setup([ok(grant())]);
    await c.call.join('Maria', localStream());
    c.streams[0].h.onEnded();
    expect(c.call.phase).toEqual({ kind: 'ended', message: TEXT.sessionEnded });
  });

  it('asks again after the stream reconnects while waiting, and on the recheck timer', async () => {
    const { call, api, streams, timers } = setup([ok({ state: 'waiting', callId: 'c1' }, 202), ok({ state: 'waiting', callId: 'c1' }, 202), ok(grant())]);
    await call.join('Maria', localStream());
    streams[0].h.onReady(true);
    await settle();
    expect(api.join).toHaveBeenCalledTimes(2);
    timers.at(-1)!();
    await settle();
    expect(api.join).toHaveBeenCalledTimes(3);
    expect(call.phase.kind).toBe('in-call');
  });

  it('admitted while the first answer ("waiting") is on its way: asks again at once', async () => {
    const { call, api, streams } = setup([]);
    let answer!: (r: Result<GuestJoinAnswer>) => void;
    api.join.mockImplementationOnce(() => new Promise((r) => (answer = r)));
    api.join.mockImplementationOnce(async () => ok(grant()));
    const joining = call.join('Maria', localStream());
    await settle();
    expect(call.phase.kind).toBe('connecting');
    streams[0].frame({ type: 'call.admission', callId: 'c1', state: 'admitted' });
    answer(ok({ state: 'waiting', callId: 'c1' }, 202));
    await joining;
    await settle();
    expect(api.join).toHaveBeenCalledTimes(2);
    expect(call.phase.kind).toBe('in-call');
  });

  it('mutes and turns the camera off, telling the others', async () => {
    const { call, streams, engines } = setup([ok(grant())]);
    await call.join('Maria', localStream());
    call.setMuted(true);
    call.setCamera(false);
    expect(engines[0].muted).toBe(true);
    expect(streams[0].sent.at(-1)).toMatchObject({ type: 'call.state', muted: true, camera: false });
  });

  it('with the real mesh engine: answers the nurse’s offer over the guest stream', async () => {
    FakePC.all = [];
    const { call, streams } = setup([ok(grant())], {
      engine: (g, local, ctx) => new MeshEngine(local, {
        myPeerId: g.peerId, iceServers: [], iceTransportPolicy: 'all', createPeerConnection: createPc, createStream,
        send: (toPeer, signal) => ctx.send({ type: 'call.signal', callId: g.callId, fromPeer: g.peerId, toPeer, signal }),
      }),
    });
    await call.join('Maria', localStream());
    await settle();
    streams[0].frame({ type: 'call.signal', callId: 'c1', fromPeer: 'p-nurse', fromUser: 'u-nurse', toPeer: 'p-guest', signal: { description: { type: 'offer', sdp: 'nurse-offer' } } });
    await settle();
    const signals = streams[0].sent.filter((f) => f.type === 'call.signal');
    expect(signals.length).toBeGreaterThan(0);
    expect(signals.every((f) => f.callId === 'c1' && f.fromPeer === 'p-guest' && f.toPeer === 'p-nurse')).toBe(true);
    expect(FakePC.all.length).toBe(1);
  });
});
