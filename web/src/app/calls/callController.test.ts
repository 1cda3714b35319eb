// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ApiError } from '../../api';
import { Dispatcher } from '../../protocol/dispatch';
import type { CallPeer } from '../../protocol/events';
import type { CallApi, CallInfo, JoinGrant } from './callApi';
import { CallController, type Prepared } from './callController';
import { joinMeeting, joinVisit } from './callActions';
import { FakePC, localStream, settle } from './fakes.test-util';
import { RingTone, type LoopingAudio } from './media';

const peer = (peerId: string, userId: string): CallPeer => ({ peerId, userId, joinedAt: '', muted: false, camera: true, screen: false, hand: false });
const call = (participants: CallPeer[]): CallInfo => ({ callId: 'k1', conversationId: 'c1', topology: 'mesh', participants });
const grant = (participants: CallPeer[]): JoinGrant => ({
  state: 'joined',
  callId: 'k1',
  peerId: 'p-me',
  topology: 'mesh',
  media: 'video',
  iceServers: [],
  iceTransportPolicy: 'all',
  janus: null,
  call: call(participants),
});

function setup() {
  const frames: Record<string, unknown>[] = [];
  const api = {
    start: vi.fn(async () => call([])),
    list: vi.fn(async () => [] as CallInfo[]),
    get: vi.fn(async () => call([peer('p-me', 'me'), peer('p-bob', 'bob')])),
    join: vi.fn(async () => grant([peer('p-me', 'me')])),
    leave: vi.fn(async () => {}),
    decline: vi.fn(async () => {}),
    admit: vi.fn(async () => {}),
    deny: vi.fn(async () => {}),
    remove: vi.fn(async () => {}),
    joinMeeting: vi.fn(async () => grant([peer('p-me', 'me')])),
    joinVisit: vi.fn(async () => grant([peer('p-me', 'me')])),
  } satisfies CallApi;
  const audio: LoopingAudio & { playing: boolean } = {
    loop: false,
    currentTime: 0,
    playing: false,
    play: async () => void (audio.playing = true),
    pause: () => void (audio.playing = false),
  };
  const notified: string[] = [];
  const calls = new CallController({
    meId: 'me',
    sendFrame: (f) => (frames.push(f), true),
    nameOf: (id) => id,
    notify: (ring) => notified.push(ring.callId),
    api: api as unknown as CallApi,
    ring: new RingTone(() => audio),
  });
  const d = new Dispatcher(() => true);
  calls.register(d);
  return { calls, d, api, frames, audio, notified };
}

const prepared = (): Prepared => ({ stream: localStream(), muted: true, camera: true, media: 'video' });

beforeEach(() => {
  FakePC.all = [];
  vi.stubGlobal('RTCPeerConnection', FakePC);
  vi.stubGlobal('MediaStream', class {});
});
afterEach(() => vi.unstubAllGlobals());

describe('call controller', () => {
  test('starting from a header: pre-join, POST …/calls, join, in the call; my state goes out as a call.state frame', async () => {
    const { calls, api, frames } = setup();
    calls.prejoin({ kind: 'start', conversationId: 'c1' }, 'video');
    expect(calls.phase.kind).toBe('prejoin');
    await calls.join(prepared());
    expect(api.start).toHaveBeenCalledWith('c1', 'video');
    expect(api.join).toHaveBeenCalledWith('k1');
    expect(calls.phase.kind).toBe('in-call');
    expect(calls.store.mine()).toEqual({ callId: 'k1', conversationId: 'c1', peerId: 'p-me' });
    expect(frames.at(-1)).toEqual({ type: 'call.state', callId: 'k1', peerId: 'p-me', muted: true, camera: true, screen: false, hand: false });
    calls.setHand(true);
    expect(frames.at(-1)).toMatchObject({ type: 'call.state', hand: true, muted: true });
    expect((window as { __conferCall?: { callId: string } }).__conferCall?.callId).toBe('k1');
  });

  test('a roster with another peer connects to it, and its signals reach the engine', async () => {
    const { calls, d, frames } = setup();
    calls.prejoin({ kind: 'call', callId: 'k1', conversationId: 'c1' }, 'video');
    await calls.join(prepared());
    d.dispatch({ type: 'call.roster', callId: 'k1', conversationId: 'c1', topology: 'mesh', participants: [peer('p-me', 'me'), peer('p-bob', 'bob')], ended: false });
    await settle();
    expect(calls.engine()!.connections().map((c) => c.peerId)).toEqual(['p-bob']);
    expect(frames.some((f) => f.type === 'call.signal' && f.toPeer === 'p-bob' && f.fromPeer === 'p-me')).toBe(true);
  });

  test('after my stream reconnects the roster is read again and the peer connections are kept', async () => {
    const { calls, d, api } = setup();
    api.join.mockResolvedValueOnce(grant([peer('p-me', 'me'), peer('p-bob', 'bob')]));
    calls.prejoin({ kind: 'call', callId: 'k1', conversationId: 'c1' }, 'video');
    await calls.join(prepared());
    d.dispatch({ type: 'call.roster', callId: 'k1', conversationId: 'c1', topology: 'mesh', participants: [peer('p-me', 'me'), peer('p-bob', 'bob')], ended: false });
    const before = calls.engine()!.connections()[0].pc;
    api.list.mockResolvedValueOnce([call([peer('p-me', 'me'), peer('p-bob', 'bob')])]);
    d.dispatch({ type: 'ready', replayed: 0 });
    await settle();
    expect(api.get).toHaveBeenCalledWith('k1');
    expect(calls.phase.kind).toBe('in-call');
    expect(calls.engine()!.connections()[0].pc).toBe(before);
  });

  test('the lobby: 202 waits; admitted joins again; denied says so', async () => {
    const { calls, d, api } = setup();
    api.joinMeeting.mockResolvedValueOnce({ state: 'waiting' } as never);
    joinMeeting('m1', '2026-12-07T10:00:00Z', 'Lung MDT');
    // The title travels with the target, so the pre-join and lobby screens name the meeting.
    expect(calls.phase).toMatchObject({ kind: 'prejoin', target: { kind: 'meeting', meetingId: 'm1', title: 'Lung MDT' } });
    await calls.join(prepared());
    expect(calls.phase.kind).toBe('waiting');
    d.dispatch({ type: 'call.admission', callId: 'k1', state: 'admitted' });
    await settle();
    expect(api.joinMeeting).toHaveBeenCalledTimes(2);
    expect(calls.phase.kind).toBe('in-call');

    const second = setup();
    second.api.joinMeeting.mockResolvedValueOnce({ state: 'waiting' } as never);
    second.calls.prejoin({ kind: 'meeting', meetingId: 'm1', occurrence: 'x' }, 'video');
    const p = prepared();
    await second.calls.join(p);
    second.d.dispatch({ type: 'call.admission', callId: 'k1', state: 'denied' });
    expect(second.calls.phase).toEqual({ kind: 'failed', message: 'The organiser did not let you in to this meeting.' });
    // The camera and microphone are released.
    expect(p.stream.getTracks().every((t) => (t as unknown as { stopped: boolean }).stopped)).toBe(true);
  });

  test('a virtual visit: joinVisit opens the pre-join screen, then joins the visit as a host, and the lobby names its guests', async () => {
    const { calls, d, api } = setup();
    joinVisit('v1', 'Visit: Vera Visitor');
    expect(calls.phase).toMatchObject({ kind: 'prejoin', target: { kind: 'visit', visitId: 'v1', title: 'Visit: Vera Visitor' } });
    await calls.join(prepared());
    expect(api.joinVisit).toHaveBeenCalledWith('v1');
    expect(api.join).not.toHaveBeenCalled();
    expect(calls.phase.kind).toBe('in-call');
    // Hosts are told who waits; a guest's name comes from the ward view (they are not in the directory).
    d.dispatch({ type: 'call.lobby', callId: 'k1', waiting: [{ userId: 'g1', since: '2026-12-07T10:00:00Z' }] });
    expect(calls.store.isHost('k1', 'me')).toBe(true);
    expect(calls.store.knownName('g1')).toBeUndefined();
    calls.store.knowNames([['g1', 'Vera Visitor (visitor)']]);
    expect(calls.store.knownName('g1')).toBe('Vera Visitor (visitor)');
    calls.stop();
  });

  test('a refusal shows the problem\'s detail', async () => {
    const { calls, api } = setup();
    api.join.mockRejectedValueOnce(new ApiError(409, 'This call is full: at most 4 people can join a call without the meeting server.'));
    calls.prejoin({ kind: 'call', callId: 'k1', conversationId: 'c1' }, 'video');
    await calls.join(prepared());
    expect(calls.phase).toEqual({ kind: 'failed', message: 'This call is full: at most 4 people can join a call without the meeting server.' });
  });

  test('a ring loops the tone and notifies until it stops; decline asks the server', async () => {
    const { calls, d, audio, notified, api } = setup();
    d.dispatch({ type: 'call.ring', callId: 'k1', conversationId: 'c1', from: 'alice', media: 'video' });
    expect(audio.playing && audio.loop).toBe(true);
    expect(notified).toEqual(['k1']);
    d.dispatch({ type: 'call.ring-stopped', callId: 'k1', reason: 'answered' });
    expect(audio.playing).toBe(false);
    d.dispatch({ type: 'call.ring', callId: 'k2', conversationId: 'c1', from: 'alice', media: 'audio' });
    await calls.decline(calls.store.ringing()[0]);
    expect(api.decline).toHaveBeenCalledWith('k2');
    expect(audio.playing).toBe(false);
  });

  test('accepting a ring goes to the pre-join screen, answering', () => {
    const { calls, d } = setup();
    d.dispatch({ type: 'call.ring', callId: 'k1', conversationId: 'c1', from: 'alice', media: 'audio' });
    calls.accept(calls.store.ringing()[0]);
    expect(calls.phase).toEqual({ kind: 'prejoin', target: { kind: 'call', callId: 'k1', conversationId: 'c1' }, media: 'audio', answering: true });
    expect(calls.ring.playing).toBe(false);
  });

  test('leave tells the server with my peer, and the roster ending or my removal ends the call here', async () => {
    const { calls, d, api } = setup();
    calls.prejoin({ kind: 'call', callId: 'k1', conversationId: 'c1' }, 'video');
    await calls.join(prepared());
    await calls.leave();
    expect(api.leave).toHaveBeenCalledWith('k1', 'p-me');
    expect(calls.phase.kind).toBe('idle');
    expect(calls.store.mine()).toBeNull();

    calls.prejoin({ kind: 'call', callId: 'k1', conversationId: 'c1' }, 'video');
    await calls.join(prepared());
    d.dispatch({ type: 'call.admission', callId: 'k1', state: 'removed' });
    expect(calls.phase).toEqual({ kind: 'failed', message: 'You were removed from the call by the organiser.' });
  });
});
