import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { CallPeer } from '../../protocol/events';
import { createPc, createStream, FakePC, localStream, settle } from './fakes.test-util';
import { FIRST_OFFER_WAIT_MS, MeshEngine, type SignalMessage } from './mesh';

const peer = (peerId: string, userId = `u-${peerId}`): CallPeer => ({ peerId, userId, joinedAt: '', muted: false, camera: true, screen: false, hand: false });

/** Two (or more) mesh engines wired through a fake signalling relay, delivering asynchronously like the stream. */
function mesh(ids: string[]) {
  const engines = new Map<string, MeshEngine>();
  const sent: { from: string; to: string; signal: SignalMessage }[] = [];
  let connected = true;
  for (const id of ids) {
    engines.set(
      id,
      new MeshEngine(localStream(), {
        myPeerId: id,
        iceServers: [{ urls: 'turn:turn.example:3478', username: 'u', credential: 'c' }],
        iceTransportPolicy: 'relay',
        createPeerConnection: createPc,
        createStream,
        send: (to, signal) => {
          if (!connected) return false;
          sent.push({ from: id, to, signal });
          // Through JSON, as over the stream.
          const copy = JSON.parse(JSON.stringify(signal));
          setTimeout(() => engines.get(to)?.signal(id, `u-${id}`, copy), 0);
          return true;
        },
      }),
    );
  }
  return { engines, sent, setConnected: (c: boolean) => (connected = c) };
}

const pcOf = (e: MeshEngine, peerId: string) => e.connections().find((c) => c.peerId === peerId)!.pc as unknown as FakePC;

beforeEach(() => {
  FakePC.all = [];
});

describe('mesh negotiation', () => {
  test('polite is the lexicographically smaller peerId', () => {
    expect(MeshEngine.polite('a', 'b')).toBe(true);
    expect(MeshEngine.polite('b', 'a')).toBe(false);
  });

  test('both sides learning of each other at once (glare) end stable, each with the other\'s description', async () => {
    const { engines } = mesh(['a', 'b']);
    const roster = [peer('a'), peer('b')];
    engines.get('a')!.rosterChanged(roster);
    engines.get('b')!.rosterChanged(roster);
    await settle();
    const ab = pcOf(engines.get('a')!, 'b');
    const ba = pcOf(engines.get('b')!, 'a');
    expect(ab.signalingState).toBe('stable');
    expect(ba.signalingState).toBe('stable');
    // The impolite side's (b's) offer won; a rolled back and answered it.
    expect(ab.remoteDescription?.type).toBe('offer');
    expect(ba.remoteDescription?.type).toBe('answer');
    // ICE servers and policy come from the grant.
    expect(ab.config).toMatchObject({ iceTransportPolicy: 'relay', iceServers: [{ urls: 'turn:turn.example:3478' }] });
    // Candidates got through once there was a remote description.
    expect(ab.candidates.length + ba.candidates.length).toBeGreaterThan(0);
  });

  test('on a new peer only the impolite side offers first: the polite side waits for its offer (no glare to roll back)', async () => {
    const { engines, sent } = mesh(['a', 'b']);
    const roster = [peer('a'), peer('b')];
    engines.get('a')!.rosterChanged(roster);
    engines.get('b')!.rosterChanged(roster);
    await settle();
    const offers = sent.filter((s) => s.signal.description?.type === 'offer');
    expect(offers.map((o) => o.from)).toEqual(['b']);
    expect(pcOf(engines.get('a')!, 'b').signalingState).toBe('stable');
    expect(pcOf(engines.get('b')!, 'a').remoteDescription?.type).toBe('answer');
  });

  test('a polite side that hears no first offer offers itself after a while', async () => {
    vi.useFakeTimers();
    try {
      const { engines, sent } = mesh(['a', 'b']);
      // Only a hears of b (b's roster frame is late): a is polite, so it waits, then offers.
      engines.get('a')!.rosterChanged([peer('a'), peer('b')]);
      await vi.advanceTimersByTimeAsync(FIRST_OFFER_WAIT_MS - 100);
      expect(sent.filter((s) => s.signal.description?.type === 'offer')).toEqual([]);
      await vi.advanceTimersByTimeAsync(200);
      expect(sent.filter((s) => s.signal.description?.type === 'offer').map((o) => o.from)).toEqual(['a']);
      await vi.advanceTimersByTimeAsync(100);
      expect(pcOf(engines.get('a')!, 'b').signalingState).toBe('stable');
    } finally {
      vi.useRealTimers();
    }
  });

  test('an offer from a peer the roster has not named yet opens a connection to it', async () => {
    const { engines } = mesh(['a', 'b']);
    engines.get('b')!.rosterChanged([peer('a'), peer('b')]);
    await settle();
    expect(engines.get('a')!.connections().map((c) => c.peerId)).toEqual(['b']);
    expect(pcOf(engines.get('a')!, 'b').signalingState).toBe('stable');
  });

  test('remote tracks become the remote stream of that peer, with its person', async () => {
    const { engines } = mesh(['a', 'b']);
    engines.get('a')!.rosterChanged([peer('a'), peer('b')]);
    await settle();
    pcOf(engines.get('a')!, 'b').receive('video');
    expect(engines.get('a')!.remotes()).toMatchObject([{ peerId: 'b', userId: 'u-b' }]);
  });

  test('a peer leaving the roster closes its connection; those still there are kept (my stream reconnecting re-reads the roster)', async () => {
    const { engines } = mesh(['a', 'b', 'c']);
    const a = engines.get('a')!;
    a.rosterChanged([peer('a'), peer('b'), peer('c')]);
    await settle();
    const toB = pcOf(a, 'b');
    const toC = pcOf(a, 'c');
    // The roster read again after a reconnect, without c.
    a.rosterChanged([peer('a'), peer('b')]);
    expect(pcOf(a, 'b')).toBe(toB);
    expect(toB.closed).toBe(false);
    expect(toC.closed).toBe(true);
    expect(a.connections().map((c) => c.peerId)).toEqual(['b']);
  });

  test('a failed ICE connection restarts ICE and negotiates again', async () => {
    const { engines, sent } = mesh(['a', 'b']);
    engines.get('a')!.rosterChanged([peer('a'), peer('b')]);
    engines.get('b')!.rosterChanged([peer('a'), peer('b')]);
    await settle();
    const before = sent.filter((s) => s.signal.description?.type === 'offer').length;
    const pc = pcOf(engines.get('a')!, 'b');
    pc.setIceState('failed');
    await settle();
    expect(pc.restarts).toBe(1);
    expect(sent.filter((s) => s.signal.description?.type === 'offer').length).toBe(before + 1);
    expect(pc.signalingState).toBe('stable');
  });

  test('replacing the video track (screen share) swaps the sender\'s track without a new sender', async () => {
    const { engines } = mesh(['a', 'b']);
    const a = engines.get('a')!;
    a.rosterChanged([peer('a'), peer('b')]);
    await settle();
    const pc = pcOf(a, 'b');
    const senders = pc.senders.length;
    const screen = { kind: 'video', enabled: true, stop() {} } as unknown as MediaStreamTrack;
    await a.replaceVideoTrack(screen);
    expect(pc.senders.length).toBe(senders);
    expect(pc.senders.some((s) => (s.track as unknown) === screen)).toBe(true);
    expect(a.localStream.getVideoTracks()).toEqual([screen]);
  });

  test('mute and camera toggle the local tracks; leave closes every connection', async () => {
    const { engines } = mesh(['a', 'b']);
    const a = engines.get('a')!;
    a.rosterChanged([peer('a'), peer('b')]);
    a.setMuted(true);
    a.setCamera(false);
    expect(a.localStream.getAudioTracks()[0].enabled).toBe(false);
    expect(a.localStream.getVideoTracks()[0].enabled).toBe(false);
    await settle();
    const pc = pcOf(a, 'b');
    a.leave();
    expect(pc.closed).toBe(true);
    expect(a.connections()).toEqual([]);
  });

  test('stats report frames decoded, audio packets and the local candidate type per remote peer', async () => {
    const { engines } = mesh(['a', 'b']);
    engines.get('a')!.rosterChanged([peer('a'), peer('b')]);
    expect(await engines.get('a')!.stats()).toEqual([{ peerId: 'b', userId: 'u-b', framesDecoded: 42, audioPacketsReceived: 99, localCandidateType: 'host', connectionState: 'unknown' }]);
  });
});
