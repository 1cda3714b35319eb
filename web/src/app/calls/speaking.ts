/**
 * Who is speaking: a WebAudio AnalyserNode per audio stream, sampled a few times a second; a
 * stream louder than a threshold is "speaking" for a short hold, so the highlight does not
 * flicker between words.
 */
import { Observable } from '../../store/observable';

const SAMPLE_MS = 200;
const HOLD_MS = 600;
/** RMS of the time-domain signal (0..1) above which someone is speaking; room noise stays under it. */
export const SPEAKING_LEVEL = 0.02;

/** Root mean square of 8-bit samples centred on 128, as 0..1. */
export function rms(samples: Uint8Array): number {
  let sum = 0;
  for (const v of samples) {
    const x = (v - 128) / 128;
    sum += x * x;
  }
  return samples.length ? Math.sqrt(sum / samples.length) : 0;
}

interface Watched {
  stream: MediaStream;
  source: MediaStreamAudioSourceNode;
  analyser: AnalyserNode;
  buffer: Uint8Array<ArrayBuffer>;
  lastLoud: number;
}

export class SpeakingDetector extends Observable {
  private ctx: AudioContext | null = null;
  private watched = new Map<string, Watched>();
  private speakingNow = new Set<string>();
  private timer: ReturnType<typeof setInterval> | null = null;

  /** Follow these streams (by id); streams no longer listed are dropped. */
  watch(streams: Map<string, MediaStream>): void {
    if (typeof AudioContext === 'undefined') return;
    for (const [id, w] of this.watched) {
      if (streams.get(id) !== w.stream) {
        w.source.disconnect();
        this.watched.delete(id);
      }
    }
    for (const [id, stream] of streams) {
      if (this.watched.has(id) || !stream.getAudioTracks().length) continue;
      try {
        this.ctx ??= new AudioContext();
        const source = this.ctx.createMediaStreamSource(stream);
        const analyser = this.ctx.createAnalyser();
        analyser.fftSize = 512;
        source.connect(analyser);
        this.watched.set(id, { stream, source, analyser, buffer: new Uint8Array(analyser.fftSize), lastLoud: 0 });
      } catch {
        /* a stream without audio yet: tried again at the next change */
      }
    }
    this.timer ??= setInterval(() => this.sample(), SAMPLE_MS);
  }

  speaking(id: string): boolean {
    return this.speakingNow.has(id);
  }

  private sample(): void {
    const now = Date.now();
    const next = new Set<string>();
    for (const [id, w] of this.watched) {
      w.analyser.getByteTimeDomainData(w.buffer);
      if (rms(w.buffer) > SPEAKING_LEVEL) w.lastLoud = now;
      if (now - w.lastLoud < HOLD_MS) next.add(id);
    }
    if (next.size !== this.speakingNow.size || [...next].some((id) => !this.speakingNow.has(id))) {
      this.speakingNow = next;
      this.changed();
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const w of this.watched.values()) w.source.disconnect();
    this.watched.clear();
    void this.ctx?.close().catch(() => {});
    this.ctx = null;
    this.speakingNow.clear();
  }
}
