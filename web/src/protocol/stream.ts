/**
 * Framework-free client for the Confer realtime stream (docs/protocol.md, section 3).
 *
 * Responsibilities:
 *  - open `/api/v1/stream`, send `hello` with the per-conversation cursors and `userSeq`;
 *  - apply conversation events strictly in seq order: `seq == cursor + 1` is applied,
 *    `seq <= cursor` is a duplicate and ignored, `seq > cursor + 1` is buffered while the gap
 *    is fetched from `/conversations/{id}/events?after=cursor`;
 *  - user events with the same rules on `userSeq` (a gap is filled by reconnecting);
 *  - `resync-required`, `user-resync-required`, `not-a-member`, close codes, and reconnect with exponential back-off.
 *
 * Everything environment-specific (WebSocket, the events fetch, timers, randomness) is
 * injected so the bookkeeping can be tested without a network.
 */
import type { ConversationEvent, UserEvent } from '../types';

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

export interface EventItem {
  seq: number;
  event: ConversationEvent;
}

export interface StreamDeps {
  url: string;
  createSocket: (url: string) => SocketLike;
  /** One page of stored events with seq > after, ascending (GET …/events?after=&limit=). */
  fetchEvents: (conversationId: string, after: number, limit: number) => Promise<EventItem[]>;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  random?: () => number;
}

export interface StreamHandlers {
  /** A conversation event, delivered exactly once and in seq order per conversation. */
  onEvent?: (conversationId: string, seq: number, event: ConversationEvent) => void;
  /** A user event, delivered once and in userSeq order. */
  onUserEvent?: (userSeq: number, event: UserEvent) => void;
  /** The conversation must be reloaded over REST; its cursor is already set to lastSeq. */
  onResync?: (conversationId: string, lastSeq: number) => void;
  /** The user-event cursor was one the server never reached: reload lists and activity over REST; userSeq is already set to lastUserSeq. */
  onUserResync?: (lastUserSeq: number) => void;
  /** The user is not (or no longer) a member; the cursor has been dropped. */
  onNotAMember?: (conversationId: string) => void;
  /** An event for a conversation the client has no cursor for (the app should refresh its list). */
  onUntracked?: (conversationId: string, seq: number) => void;
  /** Ephemeral frames: presence, typing, read, error, pong. */
  onEphemeral?: (frame: Record<string, unknown>) => void;
  onStateChange?: (state: ConnectionState) => void;
  /** `ready` received; `reconnected` is true for every connection after the first. */
  onReady?: (reconnected: boolean) => void;
  /** Close code 4001: the session ended; the client stops and does not reconnect. */
  onSessionEnded?: () => void;
}

export const BACKOFF_INITIAL_MS = 500;
export const BACKOFF_MAX_MS = 30_000;
export const GAP_PAGE = 500;

/**
 * Delay before reconnect attempt `attempt` (0-based): 0.5 s doubling up to 30 s, with "equal
 * jitter" (a random point in the upper half) so that many clients dropped by one server restart
 * do not all come back at the same instant.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_INITIAL_MS * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

interface ConversationTrack {
  cursor: number;
  /** Events that arrived ahead of the cursor while a gap is filled, by seq. */
  ahead: Map<number, ConversationEvent>;
  filling: boolean;
}

export class StreamClient {
  private readonly deps: Required<StreamDeps>;
  private readonly handlers: StreamHandlers;
  private readonly tracks = new Map<string, ConversationTrack>();
  private userSeq: number | null = null;
  private socket: SocketLike | null = null;
  private state: ConnectionState = 'offline';
  private attempt = 0;
  private timer: unknown = null;
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
      ...deps,
    };
    this.handlers = handlers;
  }

  // ---- cursor bookkeeping ------------------------------------------------------------

  /** Start (or restart) tracking a conversation from `cursor` (its lastSeq when loaded). */
  track(conversationId: string, cursor: number): void {
    const existing = this.tracks.get(conversationId);
    if (existing) {
      if (cursor > existing.cursor) existing.cursor = cursor;
      return;
    }
    this.tracks.set(conversationId, { cursor, ahead: new Map(), filling: false });
  }

  untrack(conversationId: string): void {
    this.tracks.delete(conversationId);
  }

  cursor(conversationId: string): number | undefined {
    return this.tracks.get(conversationId)?.cursor;
  }

  cursors(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [id, t] of this.tracks) out[id] = t.cursor;
    return out;
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

  /** Tell the client whether the browser thinks it is online (window online/offline). */
  setNetworkOnline(online: boolean): void {
    if (online === this.networkOnline) return;
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
      let frame: Record<string, unknown>;
      try {
        frame = JSON.parse(String(ev.data));
      } catch {
        return;
      }
      this.handleFrame(frame);
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
    this.timer = this.deps.setTimer(() => {
      this.timer = null;
      this.open(this.everReady ? 'reconnecting' : 'connecting');
    }, delay);
  }

  /** Close the current socket and resume from the cursors (after back-off). */
  private restart(): void {
    this.dropSocket();
    this.scheduleReconnect();
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    this.handlers.onStateChange?.(state);
  }

  // ---- frames ------------------------------------------------------------------------

  /** Visible for tests: process one decoded frame. */
  handleFrame(frame: Record<string, unknown>): void {
    switch (frame.type) {
      case 'event':
        this.onConversationEvent(
          String(frame.conversationId),
          Number(frame.seq),
          frame.event as ConversationEvent,
        );
        break;
      case 'user-event':
        this.onUserEvent(Number(frame.userSeq), frame.event as UserEvent);
        break;
      case 'ready': {
        const reconnected = this.everReady;
        this.everReady = true;
        this.attempt = 0;
        this.setState('live');
        this.handlers.onReady?.(reconnected);
        break;
      }
      case 'resync-required': {
        const id = String(frame.conversationId);
        const lastSeq = Number(frame.lastSeq);
        this.tracks.set(id, { cursor: lastSeq, ahead: new Map(), filling: false });
        this.handlers.onResync?.(id, lastSeq);
        break;
      }
      case 'user-resync-required': {
        const lastUserSeq = Number(frame.lastUserSeq);
        if (!Number.isSafeInteger(lastUserSeq)) break;
        this.userSeq = lastUserSeq;
        this.handlers.onUserResync?.(lastUserSeq);
        break;
      }
      case 'not-a-member': {
        const id = String(frame.conversationId);
        this.tracks.delete(id);
        this.handlers.onNotAMember?.(id);
        break;
      }
      default:
        this.handlers.onEphemeral?.(frame);
    }
  }

  private onConversationEvent(conversationId: string, seq: number, event: ConversationEvent): void {
    if (!Number.isSafeInteger(seq)) return;
    const track = this.tracks.get(conversationId);
    if (!track) {
      this.handlers.onUntracked?.(conversationId, seq);
      return;
    }
    if (seq <= track.cursor) return; // duplicate
    if (track.filling || seq > track.cursor + 1) {
      track.ahead.set(seq, event);
      if (!track.filling) void this.fillGap(conversationId, track);
      return;
    }
    this.apply(conversationId, track, seq, event);
    this.drainAhead(conversationId, track);
  }

  private apply(conversationId: string, track: ConversationTrack, seq: number, event: ConversationEvent): void {
    track.cursor = seq;
    try {
      this.handlers.onEvent?.(conversationId, seq, event);
    } catch (e) {
      // A rendering bug must not stall the cursor bookkeeping.
      console.error('confer: event handler failed', e);
    }
  }

  private drainAhead(conversationId: string, track: ConversationTrack): void {
    for (const seq of [...track.ahead.keys()]) if (seq <= track.cursor) track.ahead.delete(seq);
    let next = track.ahead.get(track.cursor + 1);
    while (next !== undefined) {
      track.ahead.delete(track.cursor + 1);
      this.apply(conversationId, track, track.cursor + 1, next);
      next = track.ahead.get(track.cursor + 1);
    }
  }

  /** Fetch stored events after the cursor until the buffered events connect, then apply them. */
  private async fillGap(conversationId: string, track: ConversationTrack): Promise<void> {
    track.filling = true;
    try {
      while (this.tracks.get(conversationId) === track && track.ahead.size > 0) {
        const lowestAhead = Math.min(...track.ahead.keys());
        if (lowestAhead <= track.cursor + 1) {
          this.drainAhead(conversationId, track);
          continue;
        }
        const items = await this.deps.fetchEvents(conversationId, track.cursor, GAP_PAGE);
        if (this.tracks.get(conversationId) !== track) return;
        let progressed = false;
        for (const item of items) {
          if (item.seq <= track.cursor) continue;
          if (item.seq !== track.cursor + 1) break; // the server never leaves gaps; be safe
          track.ahead.delete(item.seq);
          this.apply(conversationId, track, item.seq, item.event);
          progressed = true;
        }
        this.drainAhead(conversationId, track);
        if (!progressed && track.ahead.size > 0) {
          // The events endpoint has nothing more: the buffered seqs cannot be connected.
          // Resume from the cursor with a fresh stream; the server replays what is stored.
          track.ahead.clear();
          this.restart();
          return;
        }
      }
    } catch {
      // Network trouble while filling: resume from the cursors on a new connection.
      track.ahead.clear();
      this.restart();
    } finally {
      track.filling = false;
    }
  }

  private onUserEvent(userSeq: number, event: UserEvent): void {
    if (!Number.isSafeInteger(userSeq)) return;
    if (this.userSeq !== null) {
      if (userSeq <= this.userSeq) return; // duplicate
      if (userSeq > this.userSeq + 1) {
        // No REST endpoint for user events: reconnect with userSeq and let the server replay.
        this.restart();
        return;
      }
    }
    this.userSeq = userSeq;
    if (event.kind === 'conversation.removed') {
      this.tracks.delete(String(event.conversationId));
    } else if (event.kind === 'conversation.added') {
      const conversation = event.conversation as { id?: string } | undefined;
      if (conversation?.id) this.track(conversation.id, 0);
    }
    this.handlers.onUserEvent?.(userSeq, event);
  }
}

/** The stream URL for the page's own origin. */
export function streamUrl(loc: { protocol: string; host: string } = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/api/v1/stream`;
}
