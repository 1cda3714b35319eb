/**
 * The private answers to my slash commands ("Only you can see this"), per conversation. They are
 * not messages: nobody else sees them, they are not in the history, and they go when dismissed
 * or when the page reloads. An answer arrives twice on the device that ran the command — as the
 * POST's answer and as the user event `command.replied` (sent to all my devices) — and is shown
 * once. Framework-free; an Observable for React.
 */
import type { Dispatcher } from '../../protocol/dispatch';
import type { MessageCard } from '../../protocol/events';
import { Observable } from '../../store/observable';

/** The same answer from the POST and from the stream within this time is one notice. */
export const SAME_REPLY_MS = 60_000;
/** At most this many notices per conversation; the oldest gives way. */
export const MAX_REPLIES = 5;

export interface CommandReply {
  id: string;
  conversationId: string;
  /** The command's name without the slash. */
  command: string;
  /** Markdown, rendered through the sanitiser. */
  text: string;
  card?: MessageCard;
  at: number;
}

export class CommandReplyStore extends Observable {
  private byConversation = new Map<string, CommandReply[]>();
  private next = 1;

  constructor(private readonly now: () => number = Date.now) {
    super();
  }

  register(d: Dispatcher): void {
    d.onUserEvent('command.replied', (e) => this.add(e.conversationId, e.command, e.text, e.card));
  }

  /** Shows an answer unless the same one was shown a moment ago (the other copy of it). */
  add(conversationId: string, command: string, text: string, card?: MessageCard): void {
    const name = command.replace(/^\//, '').toLowerCase();
    const list = this.byConversation.get(conversationId) ?? [];
    const now = this.now();
    const same = list.some(
      (r) => r.command === name && r.text === text && JSON.stringify(r.card ?? null) === JSON.stringify(card ?? null) && now - r.at < SAME_REPLY_MS,
    );
    if (same) return;
    const reply: CommandReply = { id: `reply-${this.next++}`, conversationId, command: name, text, card, at: now };
    this.byConversation.set(conversationId, [...list, reply].slice(-MAX_REPLIES));
    this.changed();
  }

  replies(conversationId: string): CommandReply[] {
    return this.byConversation.get(conversationId) ?? [];
  }

  dismiss(conversationId: string, id: string): void {
    const list = this.replies(conversationId);
    const kept = list.filter((r) => r.id !== id);
    if (kept.length === list.length) return;
    if (kept.length) this.byConversation.set(conversationId, kept);
    else this.byConversation.delete(conversationId);
    this.changed();
  }
}
