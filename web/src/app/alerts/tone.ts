/**
 * The urgent tone (web/public/sounds/urgent.wav, made by web/scripts/make-urgent-tone.mjs) and
 * the title that flashes while the tab is hidden. Both are side effects of the urgent alert
 * (urgentAlerter.ts); they hold no state a screen reads except whether the browser refused the
 * sound, which the alert then says.
 */
import { Observable } from '../../store/observable';

export const URGENT_TONE_URL = `${import.meta.env.BASE_URL}sounds/urgent.wav`;

/** The smallest part of HTMLAudioElement the player uses (a fake in tests). */
export interface AudioLike {
  currentTime: number;
  play(): Promise<void>;
}

export class TonePlayer extends Observable {
  /** How many times the tone was asked to play (shown in the DOM for tests and support). */
  plays = 0;
  /** The browser refused to play without a click (autoplay policy) — the alert asks for one. */
  blocked = false;
  private audio: AudioLike | null = null;

  constructor(private readonly create: () => AudioLike = () => new Audio(URGENT_TONE_URL)) {
    super();
  }

  play(): void {
    this.plays++;
    try {
      this.audio ??= this.create();
      this.audio.currentTime = 0;
      this.audio.play().then(
        () => this.setBlocked(false),
        () => this.setBlocked(true),
      );
    } catch {
      this.setBlocked(true);
    }
    this.changed();
  }

  private setBlocked(blocked: boolean): void {
    if (this.blocked === blocked) return;
    this.blocked = blocked;
    this.changed();
  }
}

/** How often the flashing title changes, in ms (once a second is noticed in a tab strip without being frantic). */
export const FLASH_EVERY_MS = 1000;

/**
 * Alternates the tab's title with an urgent line while the page is hidden. Whatever else sets the
 * title meanwhile (the unread count) is kept as the title to go back to.
 */
export class TitleFlasher {
  private timer: ReturnType<typeof setInterval> | null = null;
  private base = '';
  private text: () => string = () => '';
  /** The urgent line last written, to tell it from a title someone else set. */
  private shown = '';

  constructor(private readonly doc: Pick<Document, 'title' | 'visibilityState'> = document) {}

  /** Flash `text` (asked at each change: a name may arrive later) until {@link stop}; nothing while the page is visible. */
  start(text: () => string): void {
    if (this.doc.visibilityState === 'visible') return;
    this.text = text;
    if (this.timer) return;
    this.base = this.doc.title;
    this.tick();
    this.timer = setInterval(() => this.tick(), FLASH_EVERY_MS);
  }

  get flashing(): boolean {
    return this.timer !== null;
  }

  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
    if (this.doc.title === this.shown) this.doc.title = this.base;
  }

  private tick(): void {
    if (this.doc.visibilityState === 'visible') {
      this.stop();
      return;
    }
    if (this.doc.title === this.shown) this.doc.title = this.base;
    else {
      this.base = this.doc.title;
      this.shown = this.text();
      this.doc.title = this.shown;
    }
  }
}
