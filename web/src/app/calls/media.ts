/**
 * Devices and local media: asking for the camera and microphone with chosen devices, listing
 * devices, and the ring tone (web/public/sounds/ring.wav, made by web/scripts/make-ring-tone.mjs).
 */
import type { CallMedia } from '../../protocol/events';

export const RING_TONE_URL = `${import.meta.env.BASE_URL}sounds/ring.wav`;

/** Small video: a call grid shows many tiles, and the mesh sends each one N−1 times. */
const VIDEO: MediaTrackConstraints = { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 24 } };

export interface DeviceChoice {
  audioId?: string;
  videoId?: string;
}

/** Microphone (and camera for a video call) with the chosen devices; a missing camera still gives audio. */
export async function getLocalMedia(media: CallMedia, choice: DeviceChoice = {}): Promise<MediaStream> {
  const md = navigator.mediaDevices;
  if (!md?.getUserMedia) return new MediaStream();
  const audio: MediaTrackConstraints | boolean = choice.audioId ? { deviceId: { exact: choice.audioId } } : true;
  const video: MediaTrackConstraints | false = media === 'video' ? { ...VIDEO, ...(choice.videoId ? { deviceId: { exact: choice.videoId } } : {}) } : false;
  try {
    return await md.getUserMedia({ audio, video });
  } catch (e) {
    // No camera, or it is refused: join with the microphone alone rather than not at all.
    if (!video) throw e;
    return md.getUserMedia({ audio, video: false });
  }
}

export async function getTrack(kind: 'audio' | 'video', deviceId?: string): Promise<MediaStreamTrack> {
  const constraint = deviceId ? { deviceId: { exact: deviceId } } : true;
  const s = await navigator.mediaDevices.getUserMedia(kind === 'audio' ? { audio: constraint } : { video: deviceId ? { ...VIDEO, deviceId: { exact: deviceId } } : VIDEO });
  return kind === 'audio' ? s.getAudioTracks()[0] : s.getVideoTracks()[0];
}

export interface Devices {
  microphones: MediaDeviceInfo[];
  cameras: MediaDeviceInfo[];
}

export async function listDevices(): Promise<Devices> {
  const all = (await navigator.mediaDevices?.enumerateDevices?.()) ?? [];
  return { microphones: all.filter((d) => d.kind === 'audioinput'), cameras: all.filter((d) => d.kind === 'videoinput') };
}

export function stopStream(s: MediaStream | null | undefined): void {
  for (const t of s?.getTracks() ?? []) t.stop();
}

/** The smallest part of HTMLAudioElement the ring uses (a fake in tests). */
export interface LoopingAudio {
  loop: boolean;
  currentTime: number;
  play(): Promise<void>;
  pause(): void;
}

/** The incoming call ring: loops until stopped. */
export class RingTone {
  playing = false;
  private audio: LoopingAudio | null = null;

  constructor(private readonly create: () => LoopingAudio = () => new Audio(RING_TONE_URL)) {}

  start(): void {
    if (this.playing) return;
    this.playing = true;
    try {
      this.audio ??= this.create();
      this.audio.loop = true;
      this.audio.currentTime = 0;
      // Refused without a click (autoplay policy): the dialog and notification still show.
      this.audio.play().catch(() => {});
    } catch {
      /* no audio here */
    }
  }

  stop(): void {
    if (!this.playing) return;
    this.playing = false;
    this.audio?.pause();
  }
}
