/**
 * The caller's conversations as the list shows them: name, kind, members, how far the stream
 * has got (lastSeq) and how far the caller has read (readSeq, unread and mention counts).
 * Framework-free; an Observable for React.
 */
import type { ConversationContext, Dispatcher } from '../protocol/dispatch';
import type { ConversationSummary, Message } from '../types';
import { Observable } from './observable';

/** What the store needs to know about loaded messages (the message store). */
export interface LoadedMessages {
  messages(conversationId: string): Message[];
  message(conversationId: string, id: string): Message | undefined;
}

export class ConversationStore extends Observable {
  private conversationMap = new Map<string, ConversationSummary>();

  constructor(
    private readonly meId: string,
    private readonly loaded: LoadedMessages,
  ) {
    super();
  }

  /**
   * Register before the message store: a posted message counts as unread only when it is new,
   * and an edited or deleted one changes the counts by what it was, both known only before the
   * message store has applied the event.
   */
  register(d: Dispatcher): void {
    d.onConversationEvent('message.posted', (e, ctx) => this.countUnread(ctx, e.message));
    d.onConversationEvent('message.edited', (e, ctx) => this.recountEdited(ctx.conversationId, e.message));
    d.onConversationEvent('message.deleted', (e, ctx) => this.uncountDeleted(ctx.conversationId, e.messageId));
    d.onConversationEvent('conversation.renamed', (e, ctx) => this.patch(ctx.conversationId, { name: e.name }));
    d.onConversationEvent('conversation.archived', (_e, ctx) => this.patch(ctx.conversationId, { archived: true }));
    d.onConversationEvent('member.added', (e, ctx) => this.memberAdded(ctx.conversationId, e.userId));
    d.onConversationEvent('member.removed', (e, ctx) => this.memberRemoved(ctx.conversationId, e.userId));
    d.afterConversationEvent((ctx) => this.advance(ctx.conversationId, ctx.seq));
    d.onUserEvent('conversation.added', (e) => this.upsertConversation({ ...e.conversation, readSeq: 0, unreadCount: 0, mentionCount: 0 }));
    d.onUserEvent('conversation.removed', (e) => this.removeConversation(e.conversationId));
    d.onUserEvent('read.moved', (e) => this.markReadLocally(e.conversationId, e.readSeq));
    d.onFrame('not-a-member', (f) => this.removeConversation(f.conversationId));
  }

  setConversations(items: ConversationSummary[]): void {
    this.conversationMap = new Map(items.map((c) => [c.id, { ...c, memberIds: c.memberIds ?? [] }]));
    this.changed();
  }

  upsertConversation(c: Partial<ConversationSummary> & { id: string }): void {
    const old = this.conversationMap.get(c.id);
    const merged: ConversationSummary = {
      kind: 'group',
      lastSeq: 0,
      readSeq: 0,
      unreadCount: 0,
      mentionCount: 0,
      archived: false,
      memberIds: [],
      ...old,
      ...c,
    };
    this.conversationMap.set(c.id, merged);
    this.changed();
  }

  removeConversation(id: string): void {
    this.conversationMap.delete(id);
    this.changed();
  }

  conversation(id: string): ConversationSummary | undefined {
    return this.conversationMap.get(id);
  }

  conversations(): ConversationSummary[] {
    return [...this.conversationMap.values()];
  }

  /** Members of direct and group chats (whose names must be known). */
  referencedPeople(): Set<string> {
    const ids = new Set<string>();
    for (const c of this.conversationMap.values()) for (const id of c.memberIds) ids.add(id);
    return ids;
  }

  /** The caller read up to `seq` (here or on another device). */
  markReadLocally(conversationId: string, seq: number): void {
    const c = this.conversationMap.get(conversationId);
    if (!c || seq <= c.readSeq) return;
    const readSeq = seq;
    let unread = 0;
    let mentions = 0;
    if (readSeq < c.lastSeq) {
      // Count what we hold after the marker; the list refresh corrects anything not loaded.
      for (const m of this.loaded.messages(conversationId)) {
        if (m.seq > readSeq && m.authorId !== this.meId && !m.deletedAt) {
          unread++;
          if (this.mentionsMe(m)) mentions++;
        }
      }
    }
    this.conversationMap.set(conversationId, { ...c, readSeq, unreadCount: unread, mentionCount: mentions });
    this.changed();
  }

  private mentionsMe(m: Message): boolean {
    return !!m.mentionsChannel || (m.mentions ?? []).includes(this.meId);
  }

  // ---- events --------------------------------------------------------------------------
  private countUnread({ conversationId, seq, focused }: ConversationContext, m: Message): void {
    const c = this.conversationMap.get(conversationId);
    const isNew = !this.loaded.message(conversationId, m.id);
    if (!c || !isNew || m.authorId === this.meId || m.deletedAt) return;
    // A list fetched after this event was stored already counted it as unread (its lastSeq covers it).
    const counted = seq <= c.lastSeq;
    // In focus it is shown at once, and the pane marks it read.
    if (focused || seq <= c.readSeq || counted) return;
    this.conversationMap.set(conversationId, {
      ...c,
      unreadCount: c.unreadCount + 1,
      mentionCount: c.mentionCount + (this.mentionsMe(m) ? 1 : 0),
    });
  }

  /**
   * An unread message that no longer mentions me after an edit (or now does) changes the mention
   * count, as the server's own count would. Only a loaded message can be judged; the next list
   * fetch corrects one that was not loaded.
   */
  private recountEdited(conversationId: string, edited: Message): void {
    const c = this.conversationMap.get(conversationId);
    const before = this.loaded.message(conversationId, edited.id);
    if (!c || !before || !this.countsAsUnread(c, before)) return;
    const change = (this.mentionsMe(edited) ? 1 : 0) - (this.mentionsMe(before) ? 1 : 0);
    if (change !== 0) this.patch(conversationId, { mentionCount: Math.max(0, c.mentionCount + change) });
  }

  /** A deleted unread message is no longer unread (nor a mention), as the server counts. */
  private uncountDeleted(conversationId: string, messageId: string): void {
    const c = this.conversationMap.get(conversationId);
    const before = this.loaded.message(conversationId, messageId);
    if (!c || !before || !this.countsAsUnread(c, before)) return;
    this.patch(conversationId, {
      unreadCount: Math.max(0, c.unreadCount - 1),
      mentionCount: Math.max(0, c.mentionCount - (this.mentionsMe(before) ? 1 : 0)),
    });
  }

  private countsAsUnread(c: ConversationSummary, m: Message): boolean {
    return m.seq > c.readSeq && m.authorId !== this.meId && !m.deletedAt;
  }

  private memberAdded(conversationId: string, userId: string): void {
    const c = this.conversationMap.get(conversationId);
    // Channels do not list their members here (the members store fetches them when shown).
    if (c && !c.memberIds.includes(userId) && c.kind !== 'channel') this.patch(conversationId, { memberIds: [...c.memberIds, userId] });
  }

  private memberRemoved(conversationId: string, userId: string): void {
    const c = this.conversationMap.get(conversationId);
    if (c) this.patch(conversationId, { memberIds: c.memberIds.filter((id) => id !== userId) });
  }

  private patch(conversationId: string, change: Partial<ConversationSummary>): void {
    const c = this.conversationMap.get(conversationId);
    if (c) this.conversationMap.set(conversationId, { ...c, ...change });
  }

  /** Every event, known kind or not: the conversation has got to `seq`; redraw. */
  private advance(conversationId: string, seq: number): void {
    const c = this.conversationMap.get(conversationId);
    if (c) this.conversationMap.set(conversationId, { ...c, lastSeq: Math.max(c.lastSeq, seq) });
    this.changed();
  }
}
