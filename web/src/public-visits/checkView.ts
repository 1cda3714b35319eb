/*
 * The camera and microphone check before joining: the visitor's name (shown to the ward), a live
 * self-view, a microphone level meter, device pickers when there is a choice, what went wrong
 * with the devices in words, and the large "Join the visit" button. It owns the local stream
 * until the page stops it (leaving, the visit ending).
 */
import { append, el, focusBlock, replace } from './dom';
import { acquire, deviceOf, type DeviceChoice, listDevices, stopStream, watchLevel } from './guestMedia';
import { MEDIA_TEXT, type MediaProblem } from './guestText';
import { setFieldError, showSummary, textField } from './ui';

export const NAME_MAX = 100;

/** The name's error, or null when it will do. */
export function nameError(name: string): string | null {
  const n = name.trim();
  if (!n) return 'Enter your name, so the ward knows who is joining';
  if (n.length > NAME_MAX) return `Your name must be ${NAME_MAX} characters or fewer`;
  return null;
}

export function selfView(stream: MediaStream | null, label: string, className = 'self-view'): HTMLVideoElement {
  const v = el('video', { class: className, autoplay: true, playsinline: true, muted: true, 'aria-label': label });
  v.muted = true; // the attribute alone does not mute in every browser
  if (stream && stream.getVideoTracks().length) v.srcObject = stream;
  return v;
}

export class CheckView {
  readonly root: HTMLElement;
  stream: MediaStream | null = null;
  problem: MediaProblem | null = null;
  private choice: DeviceChoice = {};
  private stopLevel: () => void = () => {};
  private readonly video: HTMLElement;
  private readonly meter: HTMLMeterElement;
  private readonly meterRow: HTMLElement;
  private readonly devices: HTMLElement;
  private readonly mediaNote: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly nameField: HTMLElement;
  private readonly nameInput: HTMLInputElement;
  private readonly joinButton: HTMLButtonElement;
  private readonly message: HTMLElement;
  private acquiring: Promise<void> | null = null;

  constructor(private readonly onJoin: (name: string) => void) {
    this.summary = el('div', { class: 'error-summary', id: 'join-errors', hidden: true });
    this.nameField = textField({ id: 'guest-name', label: 'Your name', hint: 'The ward staff will see this name.', required: true, autocomplete: 'name', maxlength: NAME_MAX });
    this.nameInput = this.nameField.querySelector('input')!;
    this.video = el('div', { class: 'self-view-box' });
    this.meter = el('meter', { id: 'mic-level', min: '0', max: '1', low: '0.15', high: '0.85', optimum: '0.5', value: '0' });
    this.meterRow = el('div', { class: 'field mic-level' },
      el('label', { for: 'mic-level', class: 'label' }, 'Microphone level'),
      el('p', { class: 'hint', id: 'mic-level-hint' }, 'Say something: the bar moves when your microphone hears you.'),
      this.meter);
    this.meter.setAttribute('aria-describedby', 'mic-level-hint');
    this.devices = el('div', { class: 'device-pickers' });
    this.mediaNote = el('div', { class: 'media-note', id: 'media-note', hidden: true });
    // Heard through the page's status region (join.ts), so not an alert of its own.
    this.message = el('p', { class: 'notice join-message', hidden: true });
    this.joinButton = el('button', { type: 'submit', class: 'button button-large' }, 'Join the visit');
    const form = el('form', { novalidate: true, class: 'check-form' },
      el('h2', { class: 'section-title' }, 'Check your camera and microphone'),
      this.video, this.mediaNote, this.meterRow, this.devices, this.nameField, this.message,
      el('div', { class: 'actions' }, this.joinButton));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    this.root = el('div', { class: 'check' }, this.summary, form);
  }

  get name(): string {
    return this.nameInput.value.trim();
  }

  /** Ask for the devices (again), with the choice made so far. */
  start(): Promise<void> {
    this.acquiring ??= this.acquireNow().finally(() => (this.acquiring = null));
    return this.acquiring;
  }

  private async acquireNow(): Promise<void> {
    this.release();
    replace(this.video, el('p', { class: 'loading' }, 'Starting your camera…'));
    const r = await acquire(this.choice);
    this.stream = r.stream;
    this.problem = r.problem;
    const hasVideo = r.stream.getVideoTracks().length > 0;
    replace(this.video, hasVideo ? selfView(r.stream, 'Your camera: this is how the ward will see you') : el('p', { class: 'no-video' }, 'No camera picture'));
    this.showProblem();
    this.meterRow.hidden = r.stream.getAudioTracks().length === 0;
    this.stopLevel = watchLevel(r.stream, (level) => (this.meter.value = level));
    await this.showDevices();
  }

  private showProblem(): void {
    const p = this.problem;
    this.mediaNote.hidden = !p;
    // Focusing Join also says what joining without the devices means.
    if (p) this.joinButton.setAttribute('aria-describedby', 'media-note');
    else this.joinButton.removeAttribute('aria-describedby');
    if (!p) return replace(this.mediaNote);
    const retry = el('button', { type: 'button', class: 'button-secondary' }, 'Try again');
    retry.addEventListener('click', () => void this.start());
    replace(this.mediaNote, el('p', { class: 'notice' }, el('strong', {}, 'Camera or microphone: '), MEDIA_TEXT[p]), p === 'no-camera' || p === 'no-microphone' ? null : retry);
  }

  private async showDevices(): Promise<void> {
    const { microphones, cameras } = await listDevices();
    replace(this.devices);
    const s = this.stream;
    const picker = (id: string, label: string, list: MediaDeviceInfo[], current: string | undefined, pick: (v: string) => void) => {
      if (list.length < 2) return null;
      const select = el('select', { id, class: 'input select' });
      list.forEach((d, i) => append(select, el('option', { value: d.deviceId, selected: d.deviceId === current }, d.label || `${label} ${i + 1}`)));
      select.addEventListener('change', () => pick(select.value));
      return el('div', { class: 'field' }, el('label', { for: id, class: 'label' }, label), select);
    };
    append(this.devices,
      picker('camera-choice', 'Camera', cameras, s ? deviceOf(s, 'video') : undefined, (v) => this.use({ ...this.choice, videoId: v })),
      picker('microphone-choice', 'Microphone', microphones, s ? deviceOf(s, 'audio') : undefined, (v) => this.use({ ...this.choice, audioId: v })));
  }

  private use(choice: DeviceChoice): void {
    this.choice = choice;
    void this.start();
  }

  /** Whether the controls wait (joining): the button says so. */
  setBusy(busy: boolean): void {
    this.joinButton.disabled = busy;
    this.joinButton.textContent = busy ? 'Joining…' : 'Join the visit';
  }

  /**
   * A message next to the Join button (why joining did not work), or none. It takes focus: the
   * button it replaces was disabled while joining, which drops focus in some browsers.
   */
  setMessage(text: string | null): void {
    this.message.hidden = !text;
    this.message.textContent = text ?? '';
    if (text && this.root.isConnected) focusBlock(this.message);
  }

  private submit(): void {
    const error = nameError(this.nameInput.value);
    setFieldError(this.nameField, [this.nameInput], error);
    showSummary(this.summary, error ? [{ target: 'guest-name', text: error }] : []);
    if (error) return;
    this.setMessage(null);
    void (this.acquiring ?? Promise.resolve()).then(() => this.onJoin(this.name));
  }

  /** Stop the camera and microphone (leaving, or the visit over): the camera light goes off. */
  release(): void {
    this.stopLevel();
    this.stopLevel = () => {};
    stopStream(this.stream);
    this.stream = null;
  }

  /** Ask for the devices again with the same choice (Rejoin) and give the stream. */
  async reacquire(): Promise<MediaStream> {
    await this.start();
    return this.stream!;
  }
}
