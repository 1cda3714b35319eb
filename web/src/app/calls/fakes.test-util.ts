/**
 * Fakes of the WebRTC and WebSocket pieces the engines use, for Vitest (jsdom has neither). The
 * fake peer connection follows the spec's signalling states closely enough for perfect
 * negotiation: setLocalDescription() with no argument offers or answers by state, and an offer
 * arriving in have-local-offer rolls the local offer back.
 */
export class FakeTrack {
  enabled = true;
  stopped = false;
  onended: (() => void) | null = null;
  constructor(
    readonly kind: 'audio' | 'video',
    readonly id = `${kind}-${Math.random().toString(36).slice(2, 8)}`,
  ) {}
  stop() {
    this.stopped = true;
  }
  getSettings() {
    return { deviceId: 'default' };
  }
}

export class FakeStream {
  private tracks: FakeTrack[];
  constructor(tracks: FakeTrack[] = []) {
    this.tracks = [...tracks];
  }
  getTracks() {
    return [...this.tracks];
  }
  getAudioTracks() {
    return this.tracks.filter((t) => t.kind === 'audio');
  }
  getVideoTracks() {
    return this.tracks.filter((t) => t.kind === 'video');
  }
  addTrack(t: FakeTrack) {
    this.tracks.push(t);
  }
  removeTrack(t: FakeTrack) {
    this.tracks = this.tracks.filter((x) => x !== t);
  }
}

export function localStream(video = true): MediaStream {
  return new FakeStream(video ? [new FakeTrack('audio'), new FakeTrack('video')] : [new FakeTrack('audio')]) as unknown as MediaStream;
}

type Desc = { type: RTCSdpType; sdp: string; toJSON(): RTCSessionDescriptionInit };
const desc = (type: RTCSdpType, sdp: string): Desc => ({ type, sdp, toJSON: () => ({ type, sdp }) });

export class FakePC {
  static all: FakePC[] = [];
  signalingState: RTCSignalingState = 'stable';
  iceConnectionState: RTCIceConnectionState = 'new';
  localDescription: Desc | null = null;
  remoteDescription: RTCSessionDescriptionInit | null = null;
  onnegotiationneeded: (() => void) | null = null;
  onicecandidate: ((e: { candidate: { toJSON(): RTCIceCandidateInit } | null }) => void) | null = null;
  ontrack: ((e: { track: FakeTrack; streams: FakeStream[] }) => void) | null = null;
  oniceconnectionstatechange: (() => void) | null = null;
  senders: { track: FakeTrack | null; replaceTrack(t: FakeTrack | null): Promise<void> }[] = [];
  transceivers: { sender: FakePC['senders'][number]; receiver: { track: FakeTrack | null }; kind: string }[] = [];
  candidates: (RTCIceCandidateInit | undefined)[] = [];
  restarts = 0;
  closed = false;
  private negotiationQueued = false;
  private n = 0;

  constructor(readonly config: RTCConfiguration) {
    FakePC.all.push(this);
  }

  addTrack(track: FakeTrack) {
    const sender = { track: track as FakeTrack | null, replaceTrack: async (t: FakeTrack | null) => void (sender.track = t) };
    this.senders.push(sender);
    this.transceivers.push({ sender, receiver: { track: new FakeTrack(track.kind) }, kind: track.kind });
    this.needNegotiation();
    return sender;
  }

  addTransceiver(kind: string) {
    const sender = { track: null as FakeTrack | null, replaceTrack: async (t: FakeTrack | null) => void (sender.track = t) };
    this.transceivers.push({ sender, receiver: { track: new FakeTrack(kind as 'audio' | 'video') }, kind });
  }

  getSenders() {
    return this.senders;
  }

  getTransceivers() {
    return this.transceivers;
  }

  private needNegotiation() {
    if (this.negotiationQueued) return;
    this.negotiationQueued = true;
    queueMicrotask(() => {
      this.negotiationQueued = false;
      if (!this.closed) this.onnegotiationneeded?.();
    });
  }

  async createOffer() {
    return { type: 'offer' as RTCSdpType, sdp: `offer-${++this.n}` };
  }

  async createAnswer() {
    return { type: 'answer' as RTCSdpType, sdp: `answer-${++this.n}` };
  }

  async setLocalDescription(d?: RTCSessionDescriptionInit) {
    await Promise.resolve();
    const type = d?.type ?? (this.signalingState === 'have-remote-offer' ? 'answer' : 'offer');
    this.localDescription = desc(type, d?.sdp ?? `${type}-${++this.n}`);
    this.signalingState = type === 'offer' ? 'have-local-offer' : 'stable';
    // Gathering starts after the description is set, as in a browser.
    if (type === 'offer') setTimeout(() => this.onicecandidate?.({ candidate: { toJSON: () => ({ candidate: 'candidate:1 1 udp 1 10.99.0.1 5000 typ host', sdpMid: '0' }) } }), 0);
  }

  async setRemoteDescription(d: RTCSessionDescriptionInit) {
    await Promise.resolve();
    if (d.type === 'offer') {
      // An offer in have-local-offer: the implicit rollback of the polite peer.
      if (this.signalingState === 'have-local-offer') this.localDescription = null;
      this.signalingState = 'have-remote-offer';
    } else this.signalingState = 'stable';
    this.remoteDescription = d;
  }

  async addIceCandidate(c?: RTCIceCandidateInit) {
    if (!this.remoteDescription) throw new Error('no remote description');
    this.candidates.push(c);
  }

  restartIce() {
    this.restarts++;
    this.needNegotiation();
  }

  setIceState(s: RTCIceConnectionState) {
    this.iceConnectionState = s;
    this.oniceconnectionstatechange?.();
  }

  /** A remote track arrives. */
  receive(kind: 'audio' | 'video') {
    const stream = new FakeStream();
    const track = new FakeTrack(kind);
    stream.addTrack(track);
    this.ontrack?.({ track, streams: [stream] });
  }

  close() {
    this.closed = true;
  }

  async getStats() {
    return new Map<string, Record<string, unknown>>([
      ['v', { id: 'v', type: 'inbound-rtp', kind: 'video', framesDecoded: 42 }],
      ['a', { id: 'a', type: 'inbound-rtp', kind: 'audio', packetsReceived: 99 }],
      ['p', { id: 'p', type: 'candidate-pair', nominated: true, state: 'succeeded', localCandidateId: 'l' }],
      ['l', { id: 'l', type: 'local-candidate', candidateType: 'host' }],
    ]);
  }
}

/** Let queued microtasks and promise chains run. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
}

export const createPc = (c: RTCConfiguration) => new FakePC(c) as unknown as RTCPeerConnection;
export const createStream = () => new FakeStream() as unknown as MediaStream;
