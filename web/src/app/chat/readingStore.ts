/**
 * How far the person has read: which messages of each conversation have been on screen, whether
 * the open conversation is scrolled to its newest message, and moving the read marker to match
 * (app/chat/reading.ts has the rules). The counts it changes are shown through the conversation
 * store, so nothing subscribes to this one.
 */
import type { Dispatcher } from '../../protocol/dispatch';
import type { ConversationStore } from '../../store/conversations';
import type { MessageStore } from '../../store/messages';
import { readMarkerFor } from './reading';

export interface ReadingDeps {
  conversations: ConversationStore;
  messages: MessageStore;
  /** The conversation on screen. */
  activeId: () => string | null;
  isVisible?: () => boolean;
  /** The read marker moved on this device: tell the server (and the activity feed). */
  onRead: (conversationId: string, seq: number) => void;
}

export class ReadingStore {
  /** The conversation pane is scrolled to the newest message (new ones are seen as they come). */
  viewAtBottom = true;
  /** Per conversation, the highest seq of a message that has been on screen. */
  private seenSeq = new Map<string, number>();
  private readonly isVisible: () => boolean;

  constructor(private readonly deps: ReadingDeps) {
    this.isVisible = deps.isVisible ?? (() => document.visibilityState === 'visible');
  }

  /** A message that arrives in the focused conversation is read as it shows. */
  register(d: Dispatcher): void {
    d.afterConversationEvent((ctx) => {
      if (ctx.focused && ctx.kind === 'message.posted') this.markRead(ctx.conversationId);
    });
  }

  /** The conversation is on screen, scrolled to the newest message, in a visible page. */
  isFocused(conversationId: string): boolean {
    return conversationId === this.deps.activeId() && this.isVisible() && this.viewAtBottom;
  }

  /**
   * Move the read marker up to what has been on screen (see noteVisible), only while the page
   * is visible: opening a conversation alone reads nothing the person has not seen.
   */
  markRead(conversationId: string): void {
    if (!this.isVisible()) return;
    const c = this.deps.conversations.conversation(conversationId);
    const seen = this.seenSeq.get(conversationId);
    if (!c || seen === undefined) return;
    const roots = this.deps.messages.messages(conversationId).filter((m) => !m.threadRootId);
    const target = readMarkerFor(seen, roots.length ? roots[roots.length - 1].seq : 0, c.lastSeq, c.readSeq);
    if (target <= c.readSeq) return;
    this.deps.conversations.markReadLocally(conversationId, target);
    this.deps.onRead(conversationId, target);
  }

  /** A message of the open conversation has been on screen. */
  noteVisible(conversationId: string, seq: number): void {
    if (seq <= (this.seenSeq.get(conversationId) ?? -1)) return;
    this.seenSeq.set(conversationId, seq);
    this.markRead(conversationId);
  }
}
