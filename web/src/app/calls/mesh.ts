/**
 * The mesh engine: one RTCPeerConnection per remote peer, signalled over the stream with
 * `call.signal` frames (docs/calls-and-meetings.md). Negotiation is "perfect negotiation"
 * (https://w3c.github.io/webrtc-pc/#perfect-negotiation-example): both sides may offer at any
 * time; when offers collide the polite peer (the lexicographically smaller peerId) rolls back and
 * answers, the impolite one ignores the other's offer. So adding a track, a new peer or an ICE
 * restart never needs a rule about who goes first.
 *
 * The connections belong to peers, not to the stream: when my stream reconnects the controller
 * re-reads the roster and calls rosterChanged, which keeps every connection whose peer is still
 * in the call.
 */
import type { CallPeer } from '../../protocol/events';
import { CallEngine, type RemoteMedia } from './engine';

export interface SignalMessage {
  description?: RTCSessionDescriptionInit;
  candidate?: RTCIceCandidateInit | null;
}

export interface MeshOptions {
  myPeerId: string;
  iceServers: RTCIceServer[];
  iceTransportPolicy: RTCIceTransportPolicy;
  /** Send a `call.signal` to one peer (false when the stream is down: the frame was dropped). */
  send: (toPeer: string, signal: SignalMessage) => boolean;
  createPeerConnection?: (config: RTCConfiguration) => RTCPeerConnection;
  createStream?: () => MediaStream;
}

/** How long the polite side waits for the first offer before it offers itself (a lost frame, a late roster). */
export const FIRST_OFFER_WAIT_MS = 3000;

interface Peer {
  peerId: string;
  userId: string;
  pc: RTCPeerConnection;
  polite: boolean;
  makingOffer: boolean;
  ignoreOffer: boolean;
  /** Polite and no offer from this peer yet: the first negotiation is theirs to start. */
  awaitingFirstOffer: boolean;
  stream: MediaStream | null;
  /** Signals are handled one after another, in the order they came (a candidate after its description). */
  queue: Promise<void>;
}

export class MeshEngine extends CallEngine {
  private peers = new Map<string, Peer>();
  private closed = false;
  private readonly createPc: (config: RTCConfiguration) => RTCPeerConnection;
  private readonly createStream: () => MediaStream;

  constructor(
    local: MediaStream,
    private readonly options: MeshOptions,
  ) {
    super(local);
    this.createPc = options.createPeerConnection ?? ((c) => new RTCPeerConnection(c));
    this.createStream = options.createStream ?? (() => new MediaStream());
  }

  remotes(): RemoteMedia[] {
    return [...this.peers.values()].filter((p) => p.stream).map((p) => ({ peerId: p.peerId, userId: p.userId, stream: p.stream! }));
  }

  connections() {
    return [...this.peers.values()].map((p) => ({ peerId: p.peerId, userId: p.userId, pc: p.pc }));
  }

  /** Whether I am the polite side towards this peer. */
  static polite(myPeerId: string, theirPeerId: string): boolean {
    return myPeerId < theirPeerId;
  }

  rosterChanged(participants: CallPeer[]): void {
    if (this.closed) return;
    const present = new Set<string>();
    for (const p of participants) {
      if (p.peerId === this.options.myPeerId) continue;
      present.add(p.peerId);
      if (!this.peers.has(p.peerId)) this.connect(p.peerId, p.userId);
    }
    for (const [id, peer] of this.peers) {
      if (!present.has(id)) {
        peer.pc.close();
        this.peers.delete(id);
        this.changed();
      }
    }
  }

  override signal(fromPeer: string, fromUser: string, signal: Record<string, unknown>): void {
    if (this.closed) return;
    // An offer from a peer the roster has not told me about yet (frames race): connect now, and
    // answer it rather than offer too.
    const isOffer = (signal as SignalMessage).description?.type === 'offer';
    const peer = this.peers.get(fromPeer) ?? this.connect(fromPeer, fromUser, isOffer);
    peer.queue = peer.queue.then(() => this.handle(peer, signal as SignalMessage));
  }

  private async handle(peer: Peer, { description, candidate }: SignalMessage): Promise<void> {
    const { pc } = peer;
    this.note(`recv ${description ? description.type : candidate ? 'candidate' : 'end-of-candidates'} from ${peer.peerId} in ${pc.signalingState}`);
    try {
      if (description) {
        if (description.type === 'offer') peer.awaitingFirstOffer = false;
        const collision = description.type === 'offer' && (peer.makingOffer || pc.signalingState !== 'stable');
        peer.ignoreOffer = !peer.polite && collision;
        if (peer.ignoreOffer) return;
        // The polite side's setRemoteDescription rolls its own offer back implicitly.
        await pc.setRemoteDescription(description);
        if (description.type === 'offer') {
          await pc.setLocalDescription();
          this.send(peer, { description: pc.localDescription!.toJSON() });
        }
      } else if (candidate !== undefined) {
        try {
          await pc.addIceCandidate(candidate ?? undefined);
        } catch (e) {
          // A candidate of an offer we ignored fails harmlessly.
          if (!peer.ignoreOffer) throw e;
        }
      }
    } catch (e) {
      this.note(`error with ${peer.peerId}: ${e}`);
      console.warn('call: signalling with', peer.peerId, 'failed', e);
    }
  }

  private connect(peerId: string, userId: string, theirOfferInHand = false): Peer {
    this.note(`connect to ${peerId} (${MeshEngine.polite(this.options.myPeerId, peerId) ? 'polite' : 'impolite'})`);
    const pc = this.createPc({ iceServers: this.options.iceServers, iceTransportPolicy: this.options.iceTransportPolicy });
    const polite = MeshEngine.polite(this.options.myPeerId, peerId);
    const peer: Peer = { peerId, userId, pc, polite, makingOffer: false, ignoreOffer: false, awaitingFirstOffer: polite || theirOfferInHand, stream: null, queue: Promise.resolve() };
    this.peers.set(peerId, peer);
    const offer = async () => {
      try {
        peer.makingOffer = true;
        await pc.setLocalDescription();
        // Gone already if the other side's offer won meanwhile (the polite side's rollback).
        if (pc.localDescription) this.send(peer, { description: pc.localDescription.toJSON() });
      } catch (e) {
        this.note(`offer to ${peerId} failed: ${e}`);
        console.warn('call: offer to', peerId, 'failed', e);
      } finally {
        peer.makingOffer = false;
      }
    };
    pc.onnegotiationneeded = () => {
      if (peer.awaitingFirstOffer) {
        this.note(`wait for ${peerId}'s first offer`);
        return;
      }
      void offer();
    };
    if (peer.awaitingFirstOffer && !theirOfferInHand) {
      setTimeout(() => {
        if (!peer.awaitingFirstOffer || this.closed || this.peers.get(peerId) !== peer || pc.signalingState !== 'stable') return;
        peer.awaitingFirstOffer = false;
        this.note(`no first offer from ${peerId}: offer`);
        void offer();
      }, FIRST_OFFER_WAIT_MS);
    }
    pc.onicecandidate = (e) => this.send(peer, { candidate: e.candidate ? e.candidate.toJSON() : null });
    pc.oniceconnectionstatechange = () => {
      this.note(`ice ${pc.iceConnectionState} with ${peerId}`);
      // A path that broke (a network change, a NAT rebinding): gather again and renegotiate.
      if (pc.iceConnectionState === 'failed') {
        peer.awaitingFirstOffer = false;
        pc.restartIce();
      }
    };
    pc.ontrack = (e) => {
      peer.stream ??= e.streams[0] ?? this.createStream();
      if (!peer.stream.getTracks().includes(e.track)) peer.stream.addTrack(e.track);
      this.changed();
    };
    for (const track of this.local.getTracks()) pc.addTrack(track, this.local);
    this.changed();
    return peer;
  }

  private send(peer: Peer, signal: SignalMessage): void {
    if (this.closed || this.peers.get(peer.peerId) !== peer) return;
    const sent = this.options.send(peer.peerId, signal);
    this.note(`send ${signal.description ? signal.description.type : 'candidate'} to ${peer.peerId}${sent ? '' : ' (dropped: stream down)'}`);
  }

  async replaceVideoTrack(track: MediaStreamTrack | null): Promise<void> {
    await this.replace('video', track);
  }

  async replaceAudioTrack(track: MediaStreamTrack): Promise<void> {
    await this.replace('audio', track);
  }

  private async replace(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void> {
    this.swapLocal(kind, track);
    for (const peer of this.peers.values()) {
      const sender = peer.pc.getSenders().find((s) => s.track?.kind === kind || (!s.track && this.senderKind(peer.pc, s) === kind));
      if (sender) await sender.replaceTrack(track);
      // No sender of that kind yet (an audio call turning its camera on): add one; negotiation follows.
      else if (track) peer.pc.addTrack(track, this.local);
    }
  }

  private senderKind(pc: RTCPeerConnection, s: RTCRtpSender): string | undefined {
    return pc.getTransceivers?.().find((t) => t.sender === s)?.receiver.track?.kind;
  }

  leave(): void {
    this.closed = true;
    for (const peer of this.peers.values()) peer.pc.close();
    this.peers.clear();
    this.changed();
  }
}
