/**
 * Loaded messages per conversation (keyed by id, ordered by seq) and pending sends.
 * Framework-free; an Observable for React.
 *
 * Pending sends: each gets a clientMsgId (crypto.randomUUID()) once, and every retry after a
 * network failure reuses it, so the server's idempotency makes a retry that raced the first
 * request harmless. A pending entry disappears the moment the confirmed message is known —
 * from the POST answer or from its echo on the stream, whichever comes first — so it is never
 * shown twice.
 */
import type { Dispatcher } from '../protocol/dispatch';
import type { MessageCard } from '../protocol/events';
import type { Message, MessageFile } from '../types';
import { Observable } from './observable';
import { changeReaction } from './reactions';

export type PendingState = 'sending' | 'retrying' | 'failed';

export interface PendingSend {
  clientMsgId: string;
  conversationId: string;
  text: string;
  threadRootId?: string;
  urgent?: boolean;
  /** Uploaded files going with it (their ids). */
  files?: string[];
  state: PendingState;
  error?: string;
  attempts: number;
  createdAt: string;
}

interface ConversationMessages {
  byId: Map<string, Message>;
  sorted: Message[] | null;
  /** History has been loaded at least once. */
  loaded: boolean;
  /** Older history exists on the server. */
  hasMore: boolean;
}

export class MessageStore extends Observable {
  private messageMap = new Map<string, ConversationMessages>();
  private pendingMap = new Map<string, PendingSend>(); // by clientMsgId

  constructor(private readonly meId: string) {
    super();
  }

  register(d: Dispatcher): void {
    d.onConversationEvent('message.posted', (e, ctx) => this.posted(ctx.conversationId, e.message));
    d.onConversationEvent('message.edited', (e, ctx) => this.edited(ctx.conversationId, e.message));
    d.onConversationEvent('message.card-updated', (e, ctx) => this.cardUpdated(ctx.conversationId, e.messageId, e.card));
    d.onConversationEvent('message.files-updated', (e, ctx) => this.filesUpdated(ctx.conversationId, e.messageId, e.files));
    d.onConversationEvent('message.deleted', (e, ctx) => this.deleted(ctx.conversationId, e.messageId));
    d.onConversationEvent('reaction.added', (e, ctx) => this.react(ctx.conversationId, e.messageId, e.emoji, e.userId, true));
    d.onConversationEvent('reaction.removed', (e, ctx) => this.react(ctx.conversationId, e.messageId, e.emoji, e.userId, false));
    d.onUserEvent('conversation.removed', (e) => this.forget(e.conversationId));
    d.onFrame('not-a-member', (f) => this.forget(f.conversationId));
    d.onFrame('resync-required', (f) => this.resetHistory(f.conversationId));
  }

  // ---- reading -------------------------------------------------------------------------
  messages(conversationId: string): Message[] {
    const b = this.messageMap.get(conversationId);
    if (!b) return [];
    if (!b.sorted) b.sorted = [...b.byId.values()].sort((x, y) => x.seq - y.seq);
    return b.sorted;
  }

  historyState(conversationId: string): { loaded: boolean; hasMore: boolean } {
    const b = this.messageMap.get(conversationId);
    return { loaded: b?.loaded ?? false, hasMore: b?.hasMore ?? true };
  }

  /** A message by id, if loaded. */
  message(conversationId: string, id: string): Message | undefined {
    return this.messageMap.get(conversationId)?.byId.get(id);
  }

  /** The loaded replies of a thread, oldest first. */
  replies(conversationId: string, rootId: string): Message[] {
    return this.messages(conversationId).filter((m) => m.threadRootId === rootId);
  }

  /** Authors and mentioned people of loaded messages (whose names must be known). */
  referencedPeople(): Set<string> {
    const ids = new Set<string>();
    for (const b of this.messageMap.values())
      for (const m of b.byId.values()) {
        ids.add(m.authorId);
        for (const id of m.mentions ?? []) ids.add(id);
      }
    return ids;
  }

  // ---- history -------------------------------------------------------------------------
  /** Merge a page of history (newest first or any order); `hasMore` false once the start is reached. */
  addHistory(conversationId: string, page: Message[], hasMore: boolean): void {
    const b = this.bucket(conversationId);
    for (const m of page) this.putMessage(b, m, true);
    b.loaded = true;
    b.hasMore = hasMore;
    b.sorted = null;
    this.changed();
  }

  /** Merge a thread answer (root with replyCount, then replies) without touching history paging. */
  addThread(conversationId: string, items: Message[]): void {
    const b = this.bucket(conversationId);
    for (const m of items) this.putMessage(b, m, true);
    b.sorted = null;
    this.changed();
  }

  /** Forget loaded history (after resync-required); it is fetched again when shown. */
  resetHistory(conversationId: string): void {
    this.messageMap.delete(conversationId);
    this.changed();
  }

  /** The conversation is gone for the caller (left, removed, not a member). */
  forget(conversationId: string): void {
    this.messageMap.delete(conversationId);
    this.changed();
  }

  /** A message confirmed by the server (POST answer). */
  confirm(m: Message): void {
    this.putMessage(this.bucket(m.conversationId), m, false);
    this.pendingMap.delete(m.clientMsgId ?? '');
    this.changed();
  }

  // ---- events --------------------------------------------------------------------------
  private posted(conversationId: string, m: Message): void {
    const b = this.bucket(conversationId);
    const isNew = !b.byId.has(m.id);
    this.putMessage(b, m, false);
    if (isNew && m.threadRootId) {
      // A reply: the main pane shows only roots, with their reply count.
      const root = b.byId.get(m.threadRootId);
      if (root) b.byId.set(root.id, { ...root, replyCount: (root.replyCount ?? 0) + 1 });
    }
    this.changed();
  }

  private edited(conversationId: string, m: Message): void {
    const b = this.bucket(conversationId);
    const old = b.byId.get(m.id);
    // Update only what was loaded; an edit of unloaded history is seen when it loads.
    // Files (issue 16) come with the snapshot; a snapshot without them leaves those loaded alone.
    if (old)
      this.putMessage(
        b,
        { ...old, text: m.text, mentions: m.mentions, mentionsChannel: m.mentionsChannel, editedAt: m.editedAt, ...(m.files ? { files: m.files } : {}) },
        false,
      );
    this.changed();
  }

  private cardUpdated(conversationId: string, messageId: string, card: MessageCard): void {
    const b = this.bucket(conversationId);
    const old = b.byId.get(messageId);
    // Only the card changes (the text is the bot's unchanged fallback); unloaded history shows it when it loads.
    if (old && !old.deletedAt) this.putMessage(b, { ...old, card }, false);
    this.changed();
  }

  private filesUpdated(conversationId: string, messageId: string, files: MessageFile[]): void {
    const b = this.bucket(conversationId);
    const old = b.byId.get(messageId);
    // A held file was scanned: "Checking for viruses…" becomes the file, or "blocked", in place.
    if (old && !old.deletedAt) this.putMessage(b, { ...old, files }, false);
    this.changed();
  }

  private deleted(conversationId: string, messageId: string): void {
    const b = this.bucket(conversationId);
    const old = b.byId.get(messageId);
    if (old) this.putMessage(b, { ...old, deletedAt: old.deletedAt ?? new Date().toISOString() }, false);
    this.changed();
  }

  private react(conversationId: string, messageId: string, emoji: string, userId: string, add: boolean): void {
    const b = this.bucket(conversationId);
    const old = b.byId.get(messageId);
    if (old) {
      b.byId.set(old.id, { ...old, reactions: changeReaction(old.reactions ?? [], emoji, userId, add) });
      b.sorted = null;
    }
    this.changed();
  }

  private bucket(conversationId: string): ConversationMessages {
    let b = this.messageMap.get(conversationId);
    if (!b) {
      b = { byId: new Map(), sorted: null, loaded: false, hasMore: true };
      this.messageMap.set(conversationId, b);
    }
    return b;
  }

  private putMessage(b: ConversationMessages, m: Message, fromHistory: boolean): void {
    const old = b.byId.get(m.id);
    // Keep reactions and reply counts that events do not carry.
    const merged: Message = old && !fromHistory ? { ...m, reactions: old.reactions, replyCount: old.replyCount } : { ...old, ...m };
    if (m.deletedAt) {
      delete merged.text;
      delete merged.card;
      // Deleting a message removes its file links (issue 16): the files are no longer readable.
      delete merged.files;
      merged.mentions = [];
      merged.reactions = [];
    }
    b.byId.set(m.id, merged);
    b.sorted = null;
    if (m.clientMsgId && m.authorId === this.meId) this.pendingMap.delete(m.clientMsgId);
  }

  // ---- pending sends -------------------------------------------------------------------
  addPending(p: PendingSend): void {
    this.pendingMap.set(p.clientMsgId, p);
    this.changed();
  }

  updatePending(clientMsgId: string, change: Partial<PendingSend>): void {
    const p = this.pendingMap.get(clientMsgId);
    if (!p) return;
    this.pendingMap.set(clientMsgId, { ...p, ...change });
    this.changed();
  }

  removePending(clientMsgId: string): void {
    if (this.pendingMap.delete(clientMsgId)) this.changed();
  }

  pendingFor(conversationId: string): PendingSend[] {
    return [...this.pendingMap.values()].filter((p) => p.conversationId === conversationId);
  }

  pending(clientMsgId: string): PendingSend | undefined {
    return this.pendingMap.get(clientMsgId);
  }
}
