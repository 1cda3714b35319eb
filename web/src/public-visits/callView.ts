/*
 * The screens after the camera check: the lobby ("Waiting for the ward to let you in"), the call
 * (the ward's video large, mine small, Mute, Camera and Leave as large buttons) and the closing
 * messages (left, with Rejoin; turned away; ended).
 */
import type { RemoteMedia } from '../app/calls/engine';
import { selfView } from './checkView';
import { el, focusBlock, replace } from './dom';

export function lobbyView(stream: MediaStream | null, onLeave: () => void): HTMLElement {
  const h2 = el('h2', { class: 'section-title' }, 'Waiting for the ward to let you in');
  const leave = el('button', { type: 'button', class: 'button-secondary button-large' }, 'Leave');
  leave.addEventListener('click', onLeave);
  const root = el('div', { class: 'lobby' },
    h2,
    el('p', { class: 'lead' }, 'The ward knows you are here. A member of staff will let you in when they are ready.'),
    el('p', {}, 'Keep this page open. You will join the visit by yourself when they let you in.'),
    el('p', { class: 'waiting-indicator' }, el('span', { class: 'dots', 'aria-hidden': 'true' }), 'Waiting'),
    stream && stream.getVideoTracks().length ? selfView(stream, 'Your camera') : null,
    el('div', { class: 'actions' }, leave));
  queueMicrotask(() => focusBlock(h2));
  return root;
}

export interface CallActions {
  onMute(muted: boolean): void;
  onCamera(on: boolean): void;
  onLeave(): void;
}

/** The call screen; update() redraws only the remote videos that came or went. */
export class InCallView {
  readonly root: HTMLElement;
  private readonly grid: HTMLElement;
  private readonly stage: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly tiles = new Map<string, { tile: HTMLElement; video: HTMLVideoElement }>();
  private readonly mute: HTMLButtonElement;
  private readonly camera: HTMLButtonElement;
  private muted = false;
  private cameraOn = true;

  constructor(local: MediaStream | null, actions: CallActions, private readonly name: (userId: string, index: number) => string) {
    const h2 = el('h2', { class: 'visually-hidden', id: 'call-title' }, 'You are in the visit');
    this.grid = el('div', { class: 'remote-grid' });
    this.empty = el('p', { class: 'remote-empty' }, 'Connecting to the video…');
    const hasVideo = !!local && local.getVideoTracks().length > 0;
    const hasAudio = !!local && local.getAudioTracks().length > 0;
    this.mute = el('button', { type: 'button', class: 'call-button', disabled: !hasAudio });
    this.camera = el('button', { type: 'button', class: 'call-button', disabled: !hasVideo });
    const leave = el('button', { type: 'button', class: 'call-button call-leave' }, 'Leave');
    this.mute.addEventListener('click', () => actions.onMute(!this.muted));
    this.camera.addEventListener('click', () => actions.onCamera(!this.cameraOn));
    leave.addEventListener('click', actions.onLeave);
    this.stage = el('div', { class: 'stage' }, this.empty, this.grid, hasVideo ? selfView(local, 'Your camera', 'self-view self-view-small') : null);
    this.root = el('div', { class: 'call', role: 'region', 'aria-labelledby': 'call-title' },
      h2,
      this.stage,
      el('div', { class: 'call-controls', role: 'group', 'aria-label': 'Call controls' }, this.mute, this.camera, leave));
    this.setControls(false, hasVideo);
    queueMicrotask(() => focusBlock(h2));
  }

  /** The buttons say what they will do (the state is in words, not only in colour). */
  setControls(muted: boolean, camera: boolean): void {
    this.muted = muted;
    this.cameraOn = camera;
    replace(this.mute, muted ? 'Unmute' : 'Mute');
    this.mute.classList.toggle('is-off', muted);
    replace(this.camera, camera ? 'Stop camera' : 'Start camera');
    this.camera.classList.toggle('is-off', !camera);
    // No black box for a camera that is off: the button says it is off.
    this.stage.classList.toggle('camera-off', !camera);
  }

  /** {@code others}: how many others the roster has in the call (their video may not have come yet). */
  update(remotes: RemoteMedia[], others = remotes.length): void {
    const seen = new Set<string>();
    remotes.forEach((r, i) => {
      seen.add(r.peerId);
      let t = this.tiles.get(r.peerId);
      if (!t) {
        const video = el('video', { class: 'remote-video', autoplay: true, playsinline: true, 'aria-label': 'Video from the visit' });
        const tile = el('figure', { class: 'remote-tile' }, video, el('figcaption', {}, this.name(r.userId, i)));
        t = { tile, video };
        this.tiles.set(r.peerId, t);
        this.grid.append(tile);
      }
      if (t.video.srcObject !== r.stream) {
        t.video.srcObject = r.stream;
        // Sound on: the Join click allowed it; if the browser still refuses, the picture plays muted.
        t.video.play?.()?.catch(() => {
          t!.video.muted = true;
          void t!.video.play?.()?.catch(() => {});
        });
      }
    });
    for (const [id, t] of this.tiles) {
      if (!seen.has(id)) {
        t.video.srcObject = null;
        t.tile.remove();
        this.tiles.delete(id);
      }
    }
    this.grid.dataset.count = String(this.tiles.size);
    this.empty.hidden = this.tiles.size > 0;
    replace(this.empty, others > 0 ? 'Connecting to the video…' : 'Nobody else is in the visit at the moment. Keep this page open, or press Leave.');
  }
}

/** A closing screen: a heading, what happened, and maybe one button. */
export function endView(title: string, text: string, button?: { label: string; onClick: () => void }): HTMLElement {
  const h2 = el('h2', { class: 'section-title' }, title);
  let action: HTMLElement | null = null;
  if (button) {
    const b = el('button', { type: 'button', class: 'button button-large' }, button.label);
    b.addEventListener('click', button.onClick);
    action = el('div', { class: 'actions' }, b);
  }
  queueMicrotask(() => focusBlock(h2));
  return el('div', { class: 'end' }, h2, el('p', { class: 'lead' }, text), action);
}
