/**
 * Framework-free client for the Confer realtime stream (docs/protocol.md, section 3).
 *
 * Responsibilities:
 *  - open `/api/v1/stream`, send `hello` with the per-conversation cursors and `userSeq`;
 *  - decode frames (frames.ts) and keep the cursors: conversation events through the
 *    sequencer (sequencer.ts: exactly once, in seq order, gaps filled over REST), user events
 *    with the same rules on `userSeq` (a gap is filled by reconnecting);
 *  - `resync-required`, `user-resync-required`, `not-a-member`, close codes, and reconnect with
 *    exponential back-off;
 *  - hand every frame, once its bookkeeping is done, to `onFrame` (the app's dispatcher).
 *
 * Everything environment-specific (WebSocket, the events fetch, timers, randomness) is
 * injected so the bookkeeping can be tested without a network.
 */
import type { ServerFrame, UserEventFrame } from './events';
import { readFrame } from './frames';
import { ConversationSequencer, type EventItem } from './sequencer';

/** Kept here for the modules that fetch events (api.ts). */
export type { EventItem } from './sequencer';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** The subset of the browser WebSocket the client uses. */
export interface SocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface StreamDeps {
  url: string;
  createSocket: (url: string) => SocketLike;
  /** One page of stored events with seq > after, ascending (GET …/events?after=&limit=). */
  fetchEvents: (conversationId: string, after: number, limit: number) => Promise<EventItem[]>;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  random?: () => number;
  now?: () => number;
}

export interface StreamHandlers {
  /**
   * Every frame, after its bookkeeping: conversation events exactly once and in seq order per
   * conversation, user events once and in userSeq order, `resync-required` once the cursor is
   * at lastSeq (reload the conversation over REST), `user-resync-required` once userSeq is at
   * lastUserSeq (reload lists and activity), `not-a-member` once the cursor is dropped, and
   * everything else (ready, presence, typing, read, error, pong) as it comes.
   */
  onFrame?: (frame: ServerFrame) => void;
  /** An event for a conversation the client has no cursor for (the app should refresh its list). */
  onUntracked?: (conversationId: string, seq: number) => void;
  onStateChange?: (state: ConnectionState) => void;
  /** After the `ready` frame: `reconnected` is true for every connection after the first. */
  onReady?: (reconnected: boolean) => void;
  /** Close code 4001: the session ended; the client stops and does not reconnect. */
  onSessionEnded?: () => void;
  /** A reconnect attempt is waiting until `at` (epoch ms). */
  onRetryScheduled?: (at: number) => void;
}

export const BACKOFF_INITIAL_MS = 500;
export const BACKOFF_MAX_MS = 30_000;
/**
 * Delay before reconnect attempt `attempt` (0-based): 0.5 s doubling up to 30 s, with "equal
 * jitter" (a random point in the upper half) so that many clients dropped by one server restart
 * do not all come back at the same instant.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_INITIAL_MS * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export class StreamClient {
  private readonly deps: Required<StreamDeps>;
  private readonly handlers: StreamHandlers;
  private readonly sequencer: ConversationSequencer;
  private userSeq: number | null = null;
  private socket: SocketLike | null = null;
  private state: ConnectionState = 'offline';
  private attempt = 0;
  private timer: unknown = null;
  /** When the pending reconnect attempt is due (epoch ms), or null when none is waiting. */
  private retryAt: number | null = null;
  private started = false;
  private networkOnline = true;
  private everReady = false;
  /** Incremented per socket so that callbacks of an old socket are ignored. */
  private generation = 0;

  constructor(deps: StreamDeps, handlers: StreamHandlers = {}) {
    this.deps = {
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      random: Math.random,
      now: () => Date.now(),
      ...deps,
    };
    this.handlers = handlers;
    this.sequencer = new ConversationSequencer({
      fetchEvents: this.deps.fetchEvents,
      deliver: (frame) => this.handlers.onFrame?.(frame),
      onUntracked: (id, seq) => this.handlers.onUntracked?.(id, seq),
      restart: () => this.restart(),
    });
  }

  // ---- cursor bookkeeping ------------------------------------------------------------

  /** Start (or restart) tracking a conversation from `cursor` (its lastSeq when loaded). */
  track(conversationId: string, cursor: number): void {
    this.sequencer.track(conversationId, cursor);
  }

  untrack(conversationId: string): void {
    this.sequencer.untrack(conversationId);
  }

  cursor(conversationId: string): number | undefined {
    return this.sequencer.cursor(conversationId);
  }

  cursors(): Record<string, number> {
    return this.sequencer.cursors();
  }

  currentUserSeq(): number | null {
    return this.userSeq;
  }

  getState(): ConnectionState {
    return this.state;
  }

  // ---- lifecycle ---------------------------------------------------------------------

  start(): void {
    if (this.started) return;
    this.started = true;
    this.attempt = 0;
    this.open('connecting');
  }

  stop(): void {
    this.started = false;
    this.cancelTimer();
    this.dropSocket();
    this.setState('offline');
  }

  /**
   * Try to connect now instead of at the end of the back-off wait: the person pressed "Retry
   * now", the page became visible again, or the network came back. A server restart leaves the
   * back-off at its longer waits (up to 30 s) just as the server returns; this brings the client
   * back at once. Does nothing when live, stopped, offline, or while an attempt is under way
   * (its socket answers soon). The back-off is kept: if this attempt fails too, the next wait is
   * the next step, not the first (many clients waking together do not hammer the server).
   * Returns whether an attempt started.
   */
  retryNow(): boolean {
    if (!this.started || !this.networkOnline || this.state === 'live' || this.timer === null) return false;
    this.cancelTimer();
    this.open(this.everReady ? 'reconnecting' : 'connecting');
    return true;
  }

  /** When the next reconnect attempt is due (epoch ms), or null if none is waiting. */
  nextRetryAt(): number | null {
    return this.retryAt;
  }

  /** Tell the client whether the browser thinks it is online (window online/offline). */
  setNetworkOnline(online: boolean): void {
    if (online === this.networkOnline) {
      // An `online` event without a preceding `offline` (a network change the browser noticed late).
      if (online) this.retryNow();
      return;
    }
    this.networkOnline = online;
    if (!this.started) return;
    if (!online) {
      this.cancelTimer();
      this.dropSocket();
      this.setState('offline');
    } else {
      this.attempt = 0;
      this.cancelTimer();
      this.open('reconnecting');
    }
  }

  /** Send an ephemeral frame (active, typing) if the stream is open; dropped otherwise. */
  sendFrame(frame: Record<string, unknown>): boolean {
    if (!this.socket || this.state !== 'live') return false;
    try {
      this.socket.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  private open(state: ConnectionState): void {
    if (!this.started || !this.networkOnline) return;
    this.dropSocket();
    this.setState(state);
    const generation = ++this.generation;
    let socket: SocketLike;
    try {
      socket = this.deps.createSocket(this.deps.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (generation !== this.generation) return;
      const hello: Record<string, unknown> = { type: 'hello', cursors: this.cursors() };
      if (this.userSeq !== null) hello.userSeq = this.userSeq;
      socket.send(JSON.stringify(hello));
    };
    socket.onmessage = (ev) => {
      if (generation !== this.generation) return;
      const frame = readFrame(ev.data);
      if (frame) this.handleFrame(frame);
    };
    socket.onerror = () => {
      /* a close always follows */
    };
    socket.onclose = (ev) => {
      if (generation !== this.generation) return;
      this.socket = null;
      if (ev.code === 4001) {
        this.started = false;
        this.setState('offline');
        this.handlers.onSessionEnded?.();
        return;
      }
      this.scheduleReconnect();
    };
  }

  private dropSocket(): void {
    const s = this.socket;
    this.socket = null;
    this.generation++;
    if (s) {
      s.onopen = s.onmessage = s.onerror = s.onclose = null;
      try {
        s.close(1000, 'client');
      } catch {
        /* already closed */
      }
    }
  }

  private scheduleReconnect(): void {
    if (!this.started || !this.networkOnline) return;
    this.setState(this.everReady ? 'reconnecting' : 'connecting');
    const delay = backoffDelay(this.attempt, this.deps.random);
    this.attempt++;
    this.cancelTimer();
    this.retryAt = this.deps.now() + delay;
    this.timer = this.deps.setTimer(() => {
      this.timer = null;
      this.retryAt = null;
      this.open(this.everReady ? 'reconnecting' : 'connecting');
    }, delay);
    // Listeners (the banner) show when the next attempt is due.
    this.handlers.onRetryScheduled?.(this.retryAt);
  }

  /** Close the current socket and resume from the cursors (after back-off). */
  private restart(): void {
    this.dropSocket();
    this.scheduleReconnect();
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
    this.retryAt = null;
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    this.handlers.onStateChange?.(state);
  }

  // ---- frames ------------------------------------------------------------------------

  /**
   * Visible for tests: process one decoded frame. Only the frames that move cursors or the
   * connection state have a case; every frame then goes on to `onFrame`.
   */
  handleFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'event':
        this.sequencer.receive(frame);
        return;
      case 'user-event':
        this.onUserEvent(frame);
        return;
      case 'ready': {
        const reconnected = this.everReady;
        this.everReady = true;
        this.attempt = 0;
        this.setState('live');
        this.deliver(frame);
        this.handlers.onReady?.(reconnected);
        return;
      }
      case 'resync-required':
        this.sequencer.reset(frame.conversationId, frame.lastSeq);
        break;
      case 'user-resync-required':
        this.userSeq = frame.lastUserSeq;
        break;
      case 'not-a-member':
        this.sequencer.untrack(frame.conversationId);
        break;
    }
    this.deliver(frame);
  }

  private deliver(frame: ServerFrame): void {
    try {
      this.handlers.onFrame?.(frame);
    } catch (e) {
      console.error(`confer: handling a ${frame.type} frame failed`, e);
    }
  }

  private onUserEvent(frame: UserEventFrame): void {
    const { userSeq, event } = frame;
    if (this.userSeq !== null) {
      if (userSeq <= this.userSeq) return; // duplicate
      if (userSeq > this.userSeq + 1) {
        // Reconnect with userSeq and let the server replay what was missed.
        this.restart();
        return;
      }
    }
    this.userSeq = userSeq;
    // Membership changes which conversations have a cursor (payload checked: it may be malformed).
    if (event?.kind === 'conversation.removed') this.sequencer.untrack(String(event.conversationId));
    else if (event?.kind === 'conversation.added' && event.conversation?.id) this.sequencer.track(event.conversation.id, 0);
    this.deliver(frame);
  }
}

/** The stream URL for the page's own origin. */
export function streamUrl(loc: { protocol: string; host: string } = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/api/v1/stream`;
}
