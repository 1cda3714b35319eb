/**
 * Per-conversation cursors (docs/protocol.md, section 3.3): an event is applied only when
 * `seq == cursor + 1`; `seq <= cursor` is a duplicate and dropped; `seq > cursor + 1` is held
 * while the gap is fetched from `/conversations/{id}/events?after=cursor`, then everything is
 * applied in order. Framework-free; the stream client owns one.
 */
import type { ConversationEvent, EventFrame } from './events';

export interface EventItem {
  seq: number;
  event: ConversationEvent;
}

export const GAP_PAGE = 500;

export interface SequencerDeps {
  /** One page of stored events with seq > after, ascending (GET …/events?after=&limit=). */
  fetchEvents: (conversationId: string, after: number, limit: number) => Promise<EventItem[]>;
  /** Hand on one event, exactly once and in seq order. */
  deliver: (frame: EventFrame) => void;
  /** An event for a conversation with no cursor (the app should refresh its list). */
  onUntracked: (conversationId: string, seq: number) => void;
  /** The gap cannot be filled over REST: resume from the cursors on a fresh connection. */
  restart: () => void;
}

interface ConversationTrack {
  cursor: number;
  /** Events that arrived ahead of the cursor while a gap is filled, by seq. */
  ahead: Map<number, ConversationEvent>;
  filling: boolean;
}

export class ConversationSequencer {
  private readonly tracks = new Map<string, ConversationTrack>();

  constructor(private readonly deps: SequencerDeps) {}

  /** Start (or restart) tracking a conversation from `cursor`; never moves a cursor back. */
  track(conversationId: string, cursor: number): void {
    const existing = this.tracks.get(conversationId);
    if (existing) {
      if (cursor > existing.cursor) existing.cursor = cursor;
      return;
    }
    this.tracks.set(conversationId, { cursor, ahead: new Map(), filling: false });
  }

  /** Start again at `cursor` whatever was known (resync-required), dropping anything held. */
  reset(conversationId: string, cursor: number): void {
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

  receive({ conversationId, seq, event }: EventFrame): void {
    const track = this.tracks.get(conversationId);
    if (!track) {
      this.deps.onUntracked(conversationId, seq);
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
      this.deps.deliver({ type: 'event', conversationId, seq, event });
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
          this.deps.restart();
          return;
        }
      }
    } catch {
      // Network trouble while filling: resume from the cursors on a new connection.
      track.ahead.clear();
      this.deps.restart();
    } finally {
      track.filling = false;
    }
  }
}
