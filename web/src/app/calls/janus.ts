/**
 * The SFU engine: the raw Janus JSON API (VideoRoom, multistream) over the WebSocket Confer
 * relays at grant.janus.path (docs/calls-and-meetings.md, "Janus"). No janus.js: the sequence is
 * short and this way nothing global is needed.
 *
 *   create → attach videoroom → join as publisher (body.token = room token)
 *   → configure with my offer, apply the answer
 *   → per publisher (in `joined`, or announced later): attach, join as subscriber with
 *     streams:[{feed}] and private_id, apply Janus's offer, `start` with my answer
 *   trickle on each handle; keepalive every 25 s; `unpublished`/`leaving` drop that feed.
 *
 * Every request carries the top-level `token` (the core token from the grant). A publisher's
 * display is "userId|peerId", so tiles can be named and matched to the roster.
 */
import type { CallPeer } from '../../protocol/events';
import { CallEngine, type RemoteMedia } from './engine';

export const KEEPALIVE_MS = 25_000;

export interface JanusSocket {
  readyState: number;
  onopen: ((e: unknown) => void) | null;
  onmessage: ((e: { data: string }) => void) | null;
  onclose: ((e: unknown) => void) | null;
  onerror: ((e: unknown) => void) | null;
  send(data: string): void;
  close(): void;
}

export interface JanusOptions {
  url: string;
  room: number;
  token: string;
  roomToken: string;
  userId: string;
  peerId: string;
  iceServers: RTCIceServer[];
  iceTransportPolicy: RTCIceTransportPolicy;
  createSocket?: (url: string) => JanusSocket;
  createPeerConnection?: (config: RTCConfiguration) => RTCPeerConnection;
  createStream?: () => MediaStream;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (t: unknown) => void;
  /** The SFU connection failed for good (the relay refused or closed): the call view says so. */
  onFailure?: (reason: string) => void;
}

type JanusMessage = {
  janus: string;
  transaction?: string;
  sender?: number;
  session_id?: number;
  data?: { id: number };
  plugindata?: { data: Record<string, unknown> };
  jsep?: RTCSessionDescriptionInit;
  error?: { code: number; reason: string };
};

interface Publisher {
  id: number;
  display?: string;
}

interface Subscription {
  feed: number;
  handle: number | null;
  userId: string;
  peerId: string;
  pc: RTCPeerConnection | null;
  stream: MediaStream | null;
}

/** "userId|peerId" → its parts (a display without the bar is taken as a userId). */
export function parseDisplay(display: string | undefined, feed: number): { userId: string; peerId: string } {
  const [userId, peerId] = (display ?? '').split('|');
  return { userId: userId || '', peerId: peerId || `feed-${feed}` };
}

export class JanusEngine extends CallEngine {
  private ws: JanusSocket;
  private session: number | null = null;
  private publisherHandle: number | null = null;
  private privateId: number | null = null;
  private publisherPc: RTCPeerConnection | null = null;
  private subs = new Map<number, Subscription>();
  private pending = new Map<string, (m: JanusMessage) => void>();
  private keepalive: unknown = null;
  private next = 0;
  private closed = false;
  private readonly o: Required<Pick<JanusOptions, 'createPeerConnection' | 'createStream' | 'setInterval' | 'clearInterval'>> & JanusOptions;

  constructor(local: MediaStream, options: JanusOptions) {
    super(local);
    this.o = {
      createPeerConnection: (c) => new RTCPeerConnection(c),
      createStream: () => new MediaStream(),
      setInterval: (fn, ms) => setInterval(fn, ms),
      clearInterval: (t) => clearInterval(t as ReturnType<typeof setInterval>),
      ...options,
    };
    this.ws = (options.createSocket ?? ((url) => new WebSocket(url, 'janus-protocol') as unknown as JanusSocket))(options.url);
    this.ws.onmessage = (e) => this.receive(JSON.parse(e.data) as JanusMessage);
    this.ws.onopen = () => void this.start();
    this.ws.onclose = () => {
      if (!this.closed) this.o.onFailure?.('The connection to the meeting server closed.');
    };
  }

  remotes(): RemoteMedia[] {
    return [...this.subs.values()].filter((s) => s.stream).map((s) => ({ peerId: s.peerId, userId: s.userId, stream: s.stream! }));
  }

  connections() {
    return [...this.subs.values()].filter((s) => s.pc).map((s) => ({ peerId: s.peerId, userId: s.userId, pc: s.pc! }));
  }

  /** The SFU tells us about publishers itself; the roster only names them. */
  rosterChanged(_participants: CallPeer[]): void {}

  private async start(): Promise<void> {
    try {
      const created = await this.request({ janus: 'create' });
      this.session = created.data!.id;
      this.keepalive = this.o.setInterval(() => this.fire({ janus: 'keepalive', session_id: this.session }), KEEPALIVE_MS);
      this.publisherHandle = await this.attach();
      // Joined arrives as an event with the same transaction (after an ack).
      const joined = await this.message(this.publisherHandle, {
        request: 'join',
        ptype: 'publisher',
        room: this.o.room,
        display: `${this.o.userId}|${this.o.peerId}`,
        token: this.o.roomToken,
      });
      const data = joined.plugindata?.data ?? {};
      if (data.videoroom !== 'joined') throw new Error(String(data.error ?? 'join refused'));
      this.privateId = data.private_id as number;
      await this.publish();
      for (const p of (data.publishers as Publisher[] | undefined) ?? []) void this.subscribeTo(p);
    } catch (e) {
      if (!this.closed) this.o.onFailure?.(e instanceof Error ? e.message : String(e));
    }
  }

  private async publish(): Promise<void> {
    const pc = this.o.createPeerConnection({ iceServers: this.o.iceServers, iceTransportPolicy: this.o.iceTransportPolicy });
    this.publisherPc = pc;
    const handle = this.publisherHandle!;
    pc.onicecandidate = (e) => this.trickle(handle, e.candidate);
    for (const t of this.local.getTracks()) pc.addTrack(t, this.local);
    // An audio call still offers a video m-line, so a camera turned on later needs no renegotiation.
    if (!this.local.getVideoTracks().length) pc.addTransceiver('video', { direction: 'sendonly' });
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    const answer = await this.message(handle, { request: 'configure', audio: true, video: true }, { type: offer.type, sdp: offer.sdp });
    if (!answer.jsep) throw new Error(String(answer.plugindata?.data.error ?? 'configure refused'));
    await pc.setRemoteDescription(answer.jsep);
  }

  private async subscribeTo(p: Publisher): Promise<void> {
    if (this.subs.has(p.id) || this.closed) return;
    const { userId, peerId } = parseDisplay(p.display, p.id);
    const sub: Subscription = { feed: p.id, handle: null, userId, peerId, pc: null, stream: null };
    this.subs.set(p.id, sub);
    try {
      sub.handle = await this.attach();
      const attached = await this.message(sub.handle, {
        request: 'join',
        ptype: 'subscriber',
        room: this.o.room,
        streams: [{ feed: p.id }],
        private_id: this.privateId,
        token: this.o.roomToken,
      });
      if (!attached.jsep || !this.subs.has(p.id)) return;
      const pc = this.o.createPeerConnection({ iceServers: this.o.iceServers, iceTransportPolicy: this.o.iceTransportPolicy });
      sub.pc = pc;
      const handle = sub.handle;
      pc.onicecandidate = (e) => this.trickle(handle, e.candidate);
      pc.ontrack = (e) => {
        sub.stream ??= this.o.createStream();
        sub.stream.addTrack(e.track);
        this.changed();
      };
      await pc.setRemoteDescription(attached.jsep);
      const answer = await pc.createAnswer();
      await pc.setLocalDescription(answer);
      await this.message(handle, { request: 'start', room: this.o.room }, { type: answer.type, sdp: answer.sdp });
    } catch (e) {
      console.warn('call: subscribing to feed', p.id, 'failed', e);
    }
  }

  private unsubscribe(feed: number): void {
    const sub = this.subs.get(feed);
    if (!sub) return;
    this.subs.delete(feed);
    sub.pc?.close();
    if (sub.handle !== null) this.fire({ janus: 'detach', session_id: this.session, handle_id: sub.handle });
    this.changed();
  }

  private receive(m: JanusMessage): void {
    if (m.transaction && m.janus !== 'ack') {
      const resolve = this.pending.get(m.transaction);
      if (resolve) {
        this.pending.delete(m.transaction);
        resolve(m);
        return;
      }
    }
    if (m.janus === 'event') this.pluginEvent(m);
    else if (m.janus === 'hangup' || m.janus === 'detached') {
      for (const sub of this.subs.values()) if (sub.handle === m.sender) this.unsubscribe(sub.feed);
    }
  }

  /** Events nobody asked for: publishers arriving and leaving. */
  private pluginEvent(m: JanusMessage): void {
    const data = m.plugindata?.data ?? {};
    for (const p of (data.publishers as Publisher[] | undefined) ?? []) void this.subscribeTo(p);
    for (const key of ['unpublished', 'leaving']) {
      const feed = data[key];
      if (typeof feed === 'number') this.unsubscribe(feed);
    }
  }

  private attach(): Promise<number> {
    return this.request({ janus: 'attach', session_id: this.session, plugin: 'janus.plugin.videoroom' }).then((m) => m.data!.id);
  }

  private message(handle: number, body: Record<string, unknown>, jsep?: RTCSessionDescriptionInit): Promise<JanusMessage> {
    return this.request({ janus: 'message', session_id: this.session, handle_id: handle, body, ...(jsep ? { jsep } : {}) });
  }

  private trickle(handle: number, candidate: RTCIceCandidate | null): void {
    this.fire({ janus: 'trickle', session_id: this.session, handle_id: handle, candidate: candidate ? candidate.toJSON() : { completed: true } });
  }

  /** A request whose answer (success, error, or the plugin event after the ack) resolves it. */
  private request(body: Record<string, unknown>): Promise<JanusMessage> {
    const transaction = this.fire(body);
    return new Promise((resolve, reject) => {
      this.pending.set(transaction, (m) => (m.janus === 'error' ? reject(new Error(m.error?.reason ?? 'Janus error')) : resolve(m)));
    });
  }

  private fire(body: Record<string, unknown>): string {
    const transaction = `t${++this.next}`;
    if (this.ws.readyState === 1) this.ws.send(JSON.stringify({ ...body, transaction, token: this.o.token }));
    return transaction;
  }

  async replaceVideoTrack(track: MediaStreamTrack | null): Promise<void> {
    this.swapLocal('video', track);
    await this.replaceSender('video', track);
  }

  async replaceAudioTrack(track: MediaStreamTrack): Promise<void> {
    this.swapLocal('audio', track);
    await this.replaceSender('audio', track);
  }

  private async replaceSender(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void> {
    const pc = this.publisherPc;
    if (!pc) return;
    const t = pc.getTransceivers().find((x) => x.sender.track?.kind === kind || x.receiver.track?.kind === kind);
    await t?.sender.replaceTrack(track);
  }

  leave(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.keepalive !== null) this.o.clearInterval(this.keepalive);
    if (this.session !== null) this.fire({ janus: 'destroy', session_id: this.session });
    this.publisherPc?.close();
    for (const s of this.subs.values()) s.pc?.close();
    this.subs.clear();
    this.ws.close();
    this.changed();
  }
}
