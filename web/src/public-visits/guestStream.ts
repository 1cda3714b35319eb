/*
 * The guest's stream, WebSocket /api/v1/guest/stream: the staff stream's JSON frames
 * (docs/protocol.md), limited to the visit's call. The guest has no conversations, so the hello
 * has no cursors; what matters are `ready`, `call.roster`, `call.admission`, `call.signal` and
 * `error`. The `confer_guest` cookie authenticates the upgrade (same origin).
 *
 * Reconnects with back-off (0.5 s doubling to 15 s, jittered) until stopped. Close code 4001
 * means the guest session ended (the visit was cancelled or its time is over): no reconnect.
 */

export type StreamState = 'connecting' | 'live' | 'reconnecting';

/** The part of the browser WebSocket this client uses (a fake in tests). */
export interface SocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

/** A frame from the server: `type` and whatever else it carries. */
export type Frame = { type: string } & Record<string, unknown>;

export interface GuestStreamHandlers {
  onFrame(frame: Frame): void;
  /** After `ready`; `reconnected` is true for every connection after the first. */
  onReady(reconnected: boolean): void;
  /** The session ended (close 4001): the visit is over for this guest. */
  onEnded(): void;
  onState?(state: StreamState): void;
}

export interface GuestStreamDeps {
  url?: string;
  createSocket?: (url: string) => SocketLike;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
  random?: () => number;
}

/** The stream's own things to do, for the call state machine (and its fakes). */
export interface StreamLike {
  start(): void;
  stop(): void;
  /** False when the stream is not open (the frame was dropped). */
  send(frame: Record<string, unknown>): boolean;
}

export const SESSION_ENDED = 4001;
const BACKOFF_MAX_MS = 15_000;

export function guestStreamUrl(loc: { protocol: string; host: string } = location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/api/v1/guest/stream`;
}

export function backoff(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, 500 * 2 ** Math.min(attempt, 10));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export class GuestStream implements StreamLike {
  private socket: SocketLike | null = null;
  private open = false;
  private stopped = true;
  private readies = 0;
  private attempt = 0;
  private timer: unknown = null;
  private readonly d: Required<GuestStreamDeps>;

  constructor(private readonly handlers: GuestStreamHandlers, deps: GuestStreamDeps = {}) {
    this.d = {
      url: deps.url ?? guestStreamUrl(),
      createSocket: deps.createSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike),
      setTimer: deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms)),
      clearTimer: deps.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>)),
      random: deps.random ?? Math.random,
    };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.d.clearTimer(this.timer);
    this.timer = null;
    const s = this.socket;
    this.socket = null;
    this.open = false;
    if (s) {
      s.onclose = s.onmessage = s.onerror = s.onopen = null;
      try {
        s.close(1000, 'left');
      } catch {
        /* already closed */
      }
    }
  }

  send(frame: Record<string, unknown>): boolean {
    if (!this.open || !this.socket) return false;
    try {
      this.socket.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  private connect(): void {
    this.timer = null;
    this.handlers.onState?.(this.readies === 0 ? 'connecting' : 'reconnecting');
    let s: SocketLike;
    try {
      s = this.d.createSocket(this.d.url);
    } catch {
      this.retry();
      return;
    }
    this.socket = s;
    s.onopen = () => {
      this.open = true;
      this.send({ type: 'hello', cursors: {} });
    };
    s.onmessage = (e) => this.receive(e.data);
    s.onerror = () => {};
    s.onclose = (e) => {
      if (this.socket !== s) return;
      this.socket = null;
      this.open = false;
      if (this.stopped) return;
      if (e.code === SESSION_ENDED) {
        this.stopped = true;
        this.handlers.onEnded();
        return;
      }
      this.retry();
    };
  }

  private retry(): void {
    if (this.stopped) return;
    this.handlers.onState?.('reconnecting');
    this.timer = this.d.setTimer(() => this.connect(), backoff(this.attempt++, this.d.random));
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let frame: Frame;
    try {
      frame = JSON.parse(data) as Frame;
    } catch {
      return;
    }
    if (!frame || typeof frame.type !== 'string') return;
    if (frame.type === 'ready') {
      this.attempt = 0;
      this.handlers.onState?.('live');
      this.handlers.onReady(this.readies++ > 0);
      return;
    }
    this.handlers.onFrame(frame);
  }
}
