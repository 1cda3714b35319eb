/**
 * The one face both media engines (mesh.ts, janus.ts) show the call view, so it does not care
 * which topology the call has: my local stream, the remote streams by person and peer, the
 * controls, and leaving. An Observable: a remote stream arriving or going redraws the grid.
 */
import type { CallPeer } from '../../protocol/events';
import { Observable } from '../../store/observable';

export interface RemoteMedia {
  /** The remote peer (mesh: its peerId; SFU: its publisher's peerId, or the feed id when unknown). */
  peerId: string;
  userId: string;
  stream: MediaStream;
}

/** Per remote stream, for the test hook `window.__conferCall.stats()` (see callController.ts). */
export interface RemoteStats {
  peerId: string;
  userId: string;
  framesDecoded: number;
  audioPacketsReceived: number;
  localCandidateType: string | null;
  /** The peer connection's connectionState (new, connecting, connected, failed…), for diagnosis. */
  connectionState: string;
}

export abstract class CallEngine extends Observable {
  /** The last signalling steps (for the test hook and support: what happened when media does not flow). */
  readonly trace: string[] = [];

  constructor(protected local: MediaStream) {
    super();
  }

  protected note(step: string): void {
    this.trace.push(`${new Date().toISOString().slice(11, 23)} ${step}`);
    if (this.trace.length > 80) this.trace.shift();
  }

  get localStream(): MediaStream {
    return this.local;
  }

  abstract remotes(): RemoteMedia[];

  setMuted(muted: boolean): void {
    for (const t of this.local.getAudioTracks()) t.enabled = !muted;
  }

  setCamera(on: boolean): void {
    for (const t of this.local.getVideoTracks()) t.enabled = on;
  }

  /** Send this video track instead of the current one (screen share, another camera); null sends none. */
  abstract replaceVideoTrack(track: MediaStreamTrack | null): Promise<void>;

  /** Send this microphone track instead of the current one (another microphone). */
  abstract replaceAudioTrack(track: MediaStreamTrack): Promise<void>;

  /** The roster changed (mesh: connect to new peers, drop gone ones). */
  abstract rosterChanged(participants: CallPeer[]): void;

  /** A relayed `call.signal` for me (mesh only). */
  signal(_fromPeer: string, _fromUser: string, _signal: Record<string, unknown>): void {}

  /** Close every connection; the local tracks are the caller's to stop. */
  abstract leave(): void;

  /** The peer connections with what they receive, for the stats test hook. */
  abstract connections(): { peerId: string; userId: string; pc: RTCPeerConnection }[];

  async stats(): Promise<RemoteStats[]> {
    const out: RemoteStats[] = [];
    for (const { peerId, userId, pc } of this.connections()) {
      out.push({ peerId, userId, ...(await receiveStats(pc)), connectionState: pc.connectionState ?? 'unknown' });
    }
    return out;
  }

  /** Swap a track in the local stream, keeping the stream object the self-view shows. */
  protected swapLocal(kind: 'audio' | 'video', track: MediaStreamTrack | null): void {
    for (const t of kind === 'audio' ? this.local.getAudioTracks() : this.local.getVideoTracks()) {
      if (t !== track) this.local.removeTrack(t);
    }
    if (track && !this.local.getTracks().includes(track)) this.local.addTrack(track);
    this.changed();
  }
}

/** framesDecoded, audio packetsReceived and the local candidate type of the selected pair. */
export async function receiveStats(pc: RTCPeerConnection): Promise<Omit<RemoteStats, 'peerId' | 'userId' | 'connectionState'>> {
  let framesDecoded = 0;
  let audioPacketsReceived = 0;
  let localCandidateType: string | null = null;
  const report = await pc.getStats();
  const byId = new Map<string, Record<string, unknown>>();
  report.forEach((s: Record<string, unknown>) => byId.set(s.id as string, s));
  // The transport names the pair in use (the standard way, and Chromium's); a pair's own
  // nominated/selected flags can lag behind the first decoded frames, so they are only a fallback.
  let selectedPairId: string | null = null;
  for (const s of byId.values()) {
    if (s.type === 'transport' && typeof s.selectedCandidatePairId === 'string') selectedPairId = s.selectedCandidatePairId;
  }
  for (const s of byId.values()) {
    if (s.type === 'inbound-rtp' && s.kind === 'video') framesDecoded += Number(s.framesDecoded ?? 0);
    if (s.type === 'inbound-rtp' && s.kind === 'audio') audioPacketsReceived += Number(s.packetsReceived ?? 0);
    const inUse = selectedPairId !== null ? s.id === selectedPairId : Boolean(s.selected || (s.nominated && s.state === 'succeeded'));
    if (s.type === 'candidate-pair' && inUse) {
      const local = byId.get(s.localCandidateId as string);
      if (local) localCandidateType = String(local.candidateType);
    }
  }
  return { framesDecoded, audioPacketsReceived, localCandidateType };
}
