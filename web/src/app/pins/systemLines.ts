/**
 * System lines of a conversation ("Hannah removed Dan", "Alice left", "Bob added Chloe",
 * "Renamed to …"): made from the membership and name events, live from the stream and, after a
 * reload, from the events each history page carries beside its messages (docs/decisions.md,
 * "System lines from the event log"). Keyed by seq, so a line seen both ways shows once.
 */
import type { Dispatcher } from '../../protocol/dispatch';
import type { ConversationEvent } from '../../protocol/events';
import type { EventItem } from '../../protocol/sequencer';
import { Observable } from '../../store/observable';

export type SystemLine =
  | { seq: number; kind: 'added' | 'removed' | 'left'; userId: string; by: string }
  | { seq: number; kind: 'renamed'; name: string; by: string }
  | { seq: number; kind: 'archived'; by: string }
  | { seq: number; kind: 'call-started'; callId: string; by: string; media: 'audio' | 'video'; meeting: boolean }
  | { seq: number; kind: 'call-ended'; callId: string; minutes: number }
  | { seq: number; kind: 'call-missed'; callId: string; caller: string };

/** The line an event makes, or null for an event that is not a system line. */
export function lineOf(seq: number, e: ConversationEvent): SystemLine | null {
  switch (e.kind) {
    case 'member.added':
      return { seq, kind: 'added', userId: e.userId, by: e.by };
    case 'member.removed':
      return { seq, kind: e.userId === e.by ? 'left' : 'removed', userId: e.userId, by: e.by };
    case 'conversation.renamed':
      return { seq, kind: 'renamed', name: e.name, by: e.by };
    case 'conversation.archived':
      return { seq, kind: 'archived', by: e.by };
    case 'call.started':
      return { seq, kind: 'call-started', callId: e.callId, by: e.by, media: e.media, meeting: !!e.meetingId };
    case 'call.ended':
      return { seq, kind: 'call-ended', callId: e.callId, minutes: Math.round((Date.parse(e.endedAt) - Date.parse(e.startedAt)) / 60_000) };
    case 'call.missed':
      return { seq, kind: 'call-missed', callId: e.callId, caller: e.caller };
    default:
      return null;
  }
}

/** What the line says, with people's names (plain text: React escapes it). */
export function lineText(line: SystemLine, nameOf: (id: string) => string): string {
  switch (line.kind) {
    case 'added':
      return `${nameOf(line.by)} added ${nameOf(line.userId)}`;
    case 'removed':
      return `${nameOf(line.by)} removed ${nameOf(line.userId)}`;
    case 'left':
      return `${nameOf(line.userId)} left`;
    case 'renamed':
      return `${nameOf(line.by)} renamed the conversation to “${line.name}”`;
    case 'archived':
      return `${nameOf(line.by)} archived the conversation`;
    case 'call-started':
      // Said on every meeting, as the contract asks: nothing of a call is kept.
      return line.meeting ? 'Meeting started — this meeting is not recorded' : `${nameOf(line.by)} started ${line.media === 'video' ? 'a video' : 'an audio'} call`;
    case 'call-ended':
      return `Call ended · ${line.minutes < 1 ? 'under a minute' : `${line.minutes} min`}`;
    case 'call-missed':
      return `Missed call from ${nameOf(line.caller)}`;
  }
}

/** The people a line names. */
export function linePeople(line: SystemLine): string[] {
  if (line.kind === 'call-ended') return [];
  if (line.kind === 'call-missed') return [line.caller];
  return 'userId' in line ? [line.by, line.userId] : [line.by];
}

export class SystemLineStore extends Observable {
  private byConversation = new Map<string, Map<number, SystemLine>>();
  private sorted = new Map<string, SystemLine[]>();

  register(d: Dispatcher): void {
    const live = (e: ConversationEvent, ctx: { conversationId: string; seq: number }) => {
      const line = lineOf(ctx.seq, e);
      if (line) this.add(ctx.conversationId, [line]);
    };
    d.onConversationEvent('member.added', live);
    d.onConversationEvent('member.removed', live);
    d.onConversationEvent('conversation.renamed', live);
    d.onConversationEvent('conversation.archived', live);
    d.onConversationEvent('call.started', live);
    d.onConversationEvent('call.ended', live);
    d.onConversationEvent('call.missed', live);
    d.onUserEvent('conversation.removed', (e) => this.forget(e.conversationId));
    d.onFrame('resync-required', (f) => this.forget(f.conversationId));
  }

  /** The system events a history page carried. */
  addHistory(conversationId: string, events: EventItem[]): void {
    const lines = events.map((i) => lineOf(i.seq, i.event)).filter((l): l is SystemLine => l !== null);
    if (lines.length) this.add(conversationId, lines);
  }

  /** The conversation's lines, oldest first. */
  lines(conversationId: string): SystemLine[] {
    let s = this.sorted.get(conversationId);
    if (!s) {
      s = [...(this.byConversation.get(conversationId)?.values() ?? [])].sort((a, b) => a.seq - b.seq);
      this.sorted.set(conversationId, s);
    }
    return s;
  }

  forget(conversationId: string): void {
    if (this.byConversation.delete(conversationId)) {
      this.sorted.delete(conversationId);
      this.changed();
    }
  }

  private add(conversationId: string, lines: SystemLine[]): void {
    let m = this.byConversation.get(conversationId);
    if (!m) {
      m = new Map();
      this.byConversation.set(conversationId, m);
    }
    for (const l of lines) m.set(l.seq, l);
    this.sorted.delete(conversationId);
    this.changed();
  }
}
