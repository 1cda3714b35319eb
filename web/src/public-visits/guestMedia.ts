/*
 * The camera check's media: asking for the camera and microphone (falling back to one of them,
 * and saying why), the device lists, and the microphone level for the meter.
 */
import type { MediaProblem } from './guestText';

export interface DeviceChoice {
  audioId?: string;
  videoId?: string;
}

export interface Acquired {
  /** What we could get: both, one, or an empty stream (join without devices). */
  stream: MediaStream;
  problem: MediaProblem | null;
}

type MediaDevicesLike = Pick<MediaDevices, 'getUserMedia'>;

/** Small video: enough for a phone's view of the bedside, light on a mobile network. */
const VIDEO: MediaTrackConstraints = { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 24 } };

const name = (e: unknown) => (e && typeof e === 'object' && 'name' in e ? String((e as { name: unknown }).name) : '');

const emptyStream = (): MediaStream => (typeof MediaStream === 'function' ? new MediaStream() : ({ getTracks: () => [], getAudioTracks: () => [], getVideoTracks: () => [] } as unknown as MediaStream));

/**
 * Camera and microphone with the chosen devices. Refused permission is not asked again (the
 * browser would refuse again); a missing or busy device falls back to the other one alone.
 */
export async function acquire(choice: DeviceChoice = {}, md: MediaDevicesLike | undefined = navigator.mediaDevices, empty = emptyStream): Promise<Acquired> {
  if (!md?.getUserMedia) return { stream: empty(), problem: 'unsupported' };
  const audio: MediaTrackConstraints | boolean = choice.audioId ? { deviceId: { exact: choice.audioId } } : true;
  const video: MediaTrackConstraints = { ...VIDEO, ...(choice.videoId ? { deviceId: { exact: choice.videoId } } : {}) };
  try {
    return { stream: await md.getUserMedia({ audio, video }), problem: null };
  } catch (e) {
    const first = name(e);
    if (first === 'NotAllowedError' || first === 'SecurityError') return { stream: empty(), problem: 'denied' };
    // A chosen device that is gone: try the defaults once.
    if ((choice.audioId || choice.videoId) && (first === 'OverconstrainedError' || first === 'NotFoundError')) return acquire({}, md, empty);
    const errors = [first];
    try {
      return { stream: await md.getUserMedia({ audio, video: false }), problem: 'no-camera' };
    } catch (e2) {
      errors.push(name(e2));
    }
    try {
      return { stream: await md.getUserMedia({ audio: false, video }), problem: 'no-microphone' };
    } catch (e3) {
      errors.push(name(e3));
    }
    if (errors.includes('NotAllowedError')) return { stream: empty(), problem: 'denied' };
    const busy = errors.some((n) => n === 'NotReadableError' || n === 'AbortError');
    return { stream: empty(), problem: busy ? 'in-use' : 'no-devices' };
  }
}

export interface Devices {
  microphones: MediaDeviceInfo[];
  cameras: MediaDeviceInfo[];
}

export async function listDevices(md: Pick<MediaDevices, 'enumerateDevices'> | undefined = navigator.mediaDevices): Promise<Devices> {
  const all = (await md?.enumerateDevices?.().catch(() => [])) ?? [];
  return { microphones: all.filter((d) => d.kind === 'audioinput'), cameras: all.filter((d) => d.kind === 'videoinput') };
}

export function stopStream(s: MediaStream | null | undefined): void {
  for (const t of s?.getTracks() ?? []) t.stop();
}

/** The id of the device a stream's track of this kind uses, if the browser says. */
export function deviceOf(s: MediaStream, kind: 'audio' | 'video'): string | undefined {
  const t = kind === 'audio' ? s.getAudioTracks()[0] : s.getVideoTracks()[0];
  return t?.getSettings?.().deviceId;
}

/**
 * Calls {@code onLevel} with the microphone's level (0–1) about 12 times a second until the
 * returned function is called. Nothing happens where there is no Web Audio (or no microphone).
 */
export function watchLevel(stream: MediaStream, onLevel: (level: number) => void): () => void {
  const Ctx = (globalThis as { AudioContext?: typeof AudioContext }).AudioContext;
  if (!Ctx || stream.getAudioTracks().length === 0) return () => {};
  let ctx: AudioContext;
  try {
    ctx = new Ctx();
  } catch {
    return () => {};
  }
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 512;
  ctx.createMediaStreamSource(stream).connect(analyser);
  // A context made before any click may start suspended (autoplay rules): resume at the first one.
  const resume = () => void ctx.resume?.().catch(() => {});
  resume();
  document.addEventListener('pointerdown', resume, { once: true });
  document.addEventListener('keydown', resume, { once: true });
  const data = new Uint8Array(analyser.fftSize);
  const timer = setInterval(() => {
    analyser.getByteTimeDomainData(data);
    let sum = 0;
    for (const v of data) sum += ((v - 128) / 128) ** 2;
    // RMS of speech is small: scale so a normal voice fills most of the bar.
    onLevel(Math.min(1, Math.sqrt(sum / data.length) * 4));
  }, 80);
  return () => {
    clearInterval(timer);
    document.removeEventListener('pointerdown', resume);
    document.removeEventListener('keydown', resume);
    void ctx.close().catch(() => {});
  };
}
