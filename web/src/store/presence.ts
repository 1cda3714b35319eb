/**
 * Presence (status, note, last active) of the people the caller sees, and who is typing where
 * (docs/protocol.md, section 3.6). Neither is stored on the server: presence is asked for over
 * REST after connecting and then follows `presence` frames; typing lives a few seconds.
 * Framework-free; an Observable for React.
 */
import type { Dispatcher } from '../protocol/dispatch';
import type { PresenceStatus } from '../protocol/events';
import { Observable } from './observable';

export type { PresenceStatus } from '../protocol/events';

export interface Presence {
  userId: string;
  status: PresenceStatus;
  note?: string | null;
  lastActiveAt?: string | null;
  /** When the chosen status and note clear themselves (the server reverts them and says so). */
  until?: string | null;
  /** In a call now (docs/calls-and-meetings.md). */
  inCall?: boolean;
}

export const TYPING_SHOW_MS = 5000;
/** Presence is asked for at most this many people per request. */
const PRESENCE_BATCH = 200;

export interface PresenceRemote {
  presence(userIds: string[]): Promise<Presence[]>;
  setPresence(status: string, note: string, until?: string | null): Promise<Presence>;
}

export interface PresenceOptions {
  /** Whose presence to ask for after connecting: the caller and the people in their chats. */
  watched: () => Iterable<string>;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

export class PresenceStore extends Observable {
  private presenceMap = new Map<string, Presence>();
  /** Who is typing where: conversation id → user id → until (ms since epoch). */
  private typingMap = new Map<string, Map<string, number>>();
  private readonly setTimer: (fn: () => void, ms: number) => unknown;

  constructor(
    private readonly meId: string,
    private readonly remote: PresenceRemote,
    private readonly options: PresenceOptions,
  ) {
    super();
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  }

  register(d: Dispatcher): void {
    // Connected first, then ask (frames arriving after the answer are newer).
    d.onFrame('ready', () => void this.refreshWatched());
    d.onFrame('presence', (f) => this.setPresence([{ userId: f.userId, status: f.status, note: f.note, lastActiveAt: f.lastActiveAt, until: f.until, ...(f.inCall !== undefined ? { inCall: f.inCall } : {}) }]));
    d.onFrame('typing', (f) => {
      this.noteTyping(f.conversationId, f.userId);
      // Typing expires with time, not with an event: redraw once it has.
      this.setTimer(() => this.changed(), TYPING_SHOW_MS + 50);
    });
    d.onConversationEvent('message.posted', (e, ctx) => {
      // Their message arrived: they are no longer typing it.
      if (this.typingMap.get(ctx.conversationId)?.delete(e.message.authorId)) this.changed();
    });
  }

  setPresence(items: Presence[]): void {
    for (const p of items) this.presenceMap.set(p.userId, p);
    if (items.length) this.changed();
  }

  presence(userId: string): Presence | undefined {
    return this.presenceMap.get(userId);
  }

  /** Presence of everyone in the caller's direct and group chats, and the caller. */
  refreshWatched(): Promise<void> {
    return this.refresh([...new Set(this.options.watched())]);
  }

  /** Ask for the presence of these people (in batches); what fails shows without presence until the next connection. */
  async refresh(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += PRESENCE_BATCH) {
      try {
        this.setPresence(await this.remote.presence(ids.slice(i, i + PRESENCE_BATCH)));
      } catch {
        /* shown without presence until the next connection */
      }
    }
  }

  /** Ask for the presence of those of these people not known yet (failures are the caller's). */
  async loadMissing(ids: string[]): Promise<void> {
    const missing = ids.filter((id) => !this.presenceMap.has(id));
    for (let i = 0; i < missing.length; i += PRESENCE_BATCH) this.setPresence(await this.remote.presence(missing.slice(i, i + PRESENCE_BATCH)));
  }

  /** The caller chose a status and note, optionally until a time (ISO-8601). */
  async setMine(status: string, note: string, until: string | null = null): Promise<void> {
    this.setPresence([await this.remote.setPresence(status, note, until)]);
  }

  /** A `typing` frame: show "X is typing" for TYPING_SHOW_MS unless their message arrives first. */
  noteTyping(conversationId: string, userId: string, now = Date.now()): void {
    if (userId === this.meId) return;
    let m = this.typingMap.get(conversationId);
    if (!m) this.typingMap.set(conversationId, (m = new Map()));
    m.set(userId, now + TYPING_SHOW_MS);
    this.changed();
  }

  /** Ids of the people typing in a conversation now. */
  typing(conversationId: string, now = Date.now()): string[] {
    const m = this.typingMap.get(conversationId);
    if (!m) return [];
    for (const [id, until] of m) if (until <= now) m.delete(id);
    return [...m.keys()];
  }
}
