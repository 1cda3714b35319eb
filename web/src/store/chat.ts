/**
 * Client state: conversations, per-conversation messages (keyed by id, ordered by seq),
 * pending sends, and known people. Framework-free; an Observable for React.
 *
 * Pending sends: each gets a clientMsgId (crypto.randomUUID()) once, and every retry after a
 * network failure reuses it, so the server's idempotency makes a retry that raced the first
 * request harmless. A pending entry disappears the moment the confirmed message is known —
 * from the POST answer or from its echo on the stream, whichever comes first — so it is never
 * shown twice.
 */
import type { ConversationEvent, ConversationSummary, Message, Profile, Reaction } from '../types';
import { Observable } from './observable';

export type PresenceStatus = 'available' | 'busy' | 'dnd' | 'away' | 'offline';

export interface Presence {
  userId: string;
  status: PresenceStatus;
  note?: string | null;
  lastActiveAt?: string | null;
}

export const TYPING_SHOW_MS = 5000;

export interface Acknowledgement {
  userId: string;
  acknowledgedAt?: string;
  notifiedCount?: number;
}

export interface UrgentReminder {
  conversationId: string;
  messageId: string;
  attempt: number;
}

export type PendingState = 'sending' | 'retrying' | 'failed';

export interface PendingSend {
  clientMsgId: string;
  conversationId: string;
  text: string;
  threadRootId?: string;
  urgent?: boolean;
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

export class ChatStore extends Observable {
  me: { id: string; organisationId?: string } | null = null;
  private conversationMap = new Map<string, ConversationSummary>();
  private messageMap = new Map<string, ConversationMessages>();
  private pendingMap = new Map<string, PendingSend>(); // by clientMsgId
  private people = new Map<string, Profile>();
  /** Recipients of urgent messages, by message id (from GET …/acknowledgements and events). */
  private ackMap = new Map<string, Acknowledgement[]>();
  /** Urgent messages this person was reminded about and has not acknowledged, by message id. */
  private reminderMap = new Map<string, UrgentReminder>();
  private presenceMap = new Map<string, Presence>();
  /** Who is typing where: conversation id → user id → until (ms since epoch). */
  private typingMap = new Map<string, Map<string, number>>();
  /** Urgent messages this person acknowledged in this session. */
  private myAcks = new Map<string, string>();

  // ---- conversations -------------------------------------------------------------------
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
    this.messageMap.delete(id);
    this.changed();
  }

  conversation(id: string): ConversationSummary | undefined {
    return this.conversationMap.get(id);
  }

  conversations(): ConversationSummary[] {
    return [...this.conversationMap.values()];
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
      for (const m of this.messages(conversationId)) {
        if (m.seq > readSeq && m.authorId !== this.me?.id && !m.deletedAt) {
          unread++;
          if (this.mentionsMe(m)) mentions++;
        }
      }
    }
    this.conversationMap.set(conversationId, { ...c, readSeq, unreadCount: unread, mentionCount: mentions });
    this.changed();
  }

  private mentionsMe(m: Message): boolean {
    return !!m.mentionsChannel || (!!this.me && (m.mentions ?? []).includes(this.me.id));
  }

  // ---- messages ------------------------------------------------------------------------
  private bucket(conversationId: string): ConversationMessages {
    let b = this.messageMap.get(conversationId);
    if (!b) {
      b = { byId: new Map(), sorted: null, loaded: false, hasMore: true };
      this.messageMap.set(conversationId, b);
    }
    return b;
  }

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

  /** A message by id, if loaded. */
  message(conversationId: string, id: string): Message | undefined {
    return this.messageMap.get(conversationId)?.byId.get(id);
  }

  /** The loaded replies of a thread, oldest first. */
  replies(conversationId: string, rootId: string): Message[] {
    return this.messages(conversationId).filter((m) => m.threadRootId === rootId);
  }

  /** Forget loaded history (after resync-required); it is fetched again when shown. */
  resetHistory(conversationId: string): void {
    this.messageMap.delete(conversationId);
    this.changed();
  }

  private putMessage(b: ConversationMessages, m: Message, fromHistory: boolean): void {
    const old = b.byId.get(m.id);
    // Keep reactions and reply counts that events do not carry.
    const merged: Message = old && !fromHistory ? { ...m, reactions: old.reactions, replyCount: old.replyCount } : { ...old, ...m };
    if (m.deletedAt) {
      delete merged.text;
      merged.mentions = [];
      merged.reactions = [];
    }
    b.byId.set(m.id, merged);
    b.sorted = null;
    if (m.clientMsgId && m.authorId === this.me?.id) this.pendingMap.delete(m.clientMsgId);
  }

  /** A message confirmed by the server (POST answer). */
  confirm(m: Message): void {
    this.putMessage(this.bucket(m.conversationId), m, false);
    this.pendingMap.delete(m.clientMsgId ?? '');
    this.changed();
  }

  /** Apply one conversation event (already in seq order, exactly once). */
  applyEvent(conversationId: string, seq: number, event: ConversationEvent, focused: boolean): void {
    const b = this.bucket(conversationId);
    const c = this.conversationMap.get(conversationId);
    // A list fetched after this event was stored already counted it as unread (its lastSeq covers it).
    const counted = c ? seq <= c.lastSeq : true;
    if (c && seq > c.lastSeq) c.lastSeq = seq;
    switch (event.kind) {
      case 'message.posted': {
        const m = event.message as Message;
        const isNew = !b.byId.has(m.id);
        this.putMessage(b, m, false);
        this.typingMap.get(conversationId)?.delete(m.authorId); // their message arrived
        if (isNew && m.threadRootId) {
          // A reply: the main pane shows only roots, with their reply count.
          const root = b.byId.get(m.threadRootId);
          if (root) b.byId.set(root.id, { ...root, replyCount: (root.replyCount ?? 0) + 1 });
        }
        if (c && isNew && m.authorId !== this.me?.id && !m.deletedAt) {
          if (focused) {
            // Shown at once; the pane marks it read.
          } else if (seq > c.readSeq && !counted) {
            c.unreadCount++;
            if (this.mentionsMe(m)) c.mentionCount++;
          }
        }
        break;
      }
      case 'message.edited': {
        const m = event.message as Message;
        const old = b.byId.get(m.id);
        // Update only what was loaded; an edit of unloaded history is seen when it loads.
        if (old) this.putMessage(b, { ...old, text: m.text, mentions: m.mentions, mentionsChannel: m.mentionsChannel, editedAt: m.editedAt }, false);
        break;
      }
      case 'message.deleted': {
        const old = b.byId.get(String(event.messageId));
        if (old) this.putMessage(b, { ...old, deletedAt: old.deletedAt ?? new Date().toISOString() }, false);
        break;
      }
      case 'reaction.added':
      case 'reaction.removed': {
        const old = b.byId.get(String(event.messageId));
        if (old) {
          b.byId.set(old.id, {
            ...old,
            reactions: changeReaction(old.reactions ?? [], String(event.emoji), String(event.userId), event.kind === 'reaction.added'),
          });
          b.sorted = null;
        }
        break;
      }
      case 'message.acknowledged':
        this.noteAcknowledged(String(event.messageId), String(event.userId), String(event.acknowledgedAt ?? ''));
        break;
      case 'conversation.renamed':
        if (c) c.name = String(event.name);
        break;
      case 'conversation.archived':
        if (c) c.archived = true;
        break;
      case 'member.added':
        if (c && !c.memberIds.includes(String(event.userId)) && c.kind !== 'channel') c.memberIds = [...c.memberIds, String(event.userId)];
        break;
      case 'member.removed':
        if (c) c.memberIds = c.memberIds.filter((id) => id !== String(event.userId));
        break;
      default:
      // Unknown kinds are ignored (the cursor still advanced).
    }
    if (c) this.conversationMap.set(conversationId, { ...c });
    this.changed();
  }

  // ---- presence and typing -------------------------------------------------------------
  setPresence(items: Presence[]): void {
    for (const p of items) this.presenceMap.set(p.userId, p);
    if (items.length) this.changed();
  }

  presence(userId: string): Presence | undefined {
    return this.presenceMap.get(userId);
  }

  /** A `typing` frame: show "X is typing" for TYPING_SHOW_MS unless their message arrives first. */
  noteTyping(conversationId: string, userId: string, now = Date.now()): void {
    if (userId === this.me?.id) return;
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

  /** Redraw (typing indicators expire with time, not with an event). */
  touch(): void {
    this.changed();
  }

  // ---- urgent messages ------------------------------------------------------------------
  setAcknowledgements(messageId: string, items: Acknowledgement[]): void {
    this.ackMap.set(messageId, items);
    const mine = items.find((a) => a.userId === this.me?.id);
    if (mine?.acknowledgedAt) this.noteAcknowledged(messageId, mine.userId, mine.acknowledgedAt);
    this.changed();
  }

  acknowledgements(messageId: string): Acknowledgement[] | undefined {
    return this.ackMap.get(messageId);
  }

  /** Someone acknowledged an urgent message (an event, or the caller's own POST answer). */
  noteAcknowledged(messageId: string, userId: string, at: string): void {
    const items = this.ackMap.get(messageId);
    if (items) this.ackMap.set(messageId, items.map((a) => (a.userId === userId && !a.acknowledgedAt ? { ...a, acknowledgedAt: at } : a)));
    if (userId === this.me?.id) {
      this.myAcks.set(messageId, at);
      this.reminderMap.delete(messageId);
    }
    this.changed();
  }

  acknowledgedByMe(messageId: string): boolean {
    return this.myAcks.has(messageId) || !!this.ackMap.get(messageId)?.some((a) => a.userId === this.me?.id && a.acknowledgedAt);
  }

  /** A `message.urgent` user event: attempts after the first are reminders, shown until acknowledged. */
  urgentNotice(conversationId: string, messageId: string, attempt: number): void {
    if (attempt <= 1 || this.acknowledgedByMe(messageId)) return;
    this.reminderMap.set(messageId, { conversationId, messageId, attempt });
    this.changed();
  }

  reminders(): UrgentReminder[] {
    return [...this.reminderMap.values()];
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

  // ---- people --------------------------------------------------------------------------
  addPeople(ps: Profile[]): void {
    for (const p of ps) this.people.set(p.id, p);
    if (ps.length) this.changed();
  }

  person(id: string): Profile | undefined {
    return this.people.get(id);
  }

  /** Ids referenced by conversations and loaded messages whose profiles are not known yet. */
  unknownPeople(): string[] {
    const ids = new Set<string>();
    for (const c of this.conversationMap.values()) for (const id of c.memberIds) ids.add(id);
    for (const b of this.messageMap.values())
      for (const m of b.byId.values()) {
        ids.add(m.authorId);
        for (const id of m.mentions ?? []) ids.add(id);
      }
    return [...ids].filter((id) => !this.people.has(id));
  }
}

/** Whether `userId` has reacted with `emoji` (so clicking it removes the reaction). */
export function hasReacted(m: Message, emoji: string, userId: string | undefined): boolean {
  return !!userId && !!m.reactions?.some((r) => r.emoji === emoji && r.userIds.includes(userId));
}

function changeReaction(reactions: Reaction[], emoji: string, userId: string, add: boolean): Reaction[] {
  const out = reactions.map((r) => ({ ...r, userIds: [...r.userIds] }));
  const r = out.find((x) => x.emoji === emoji);
  if (add) {
    if (!r) out.push({ emoji, count: 1, userIds: [userId] });
    else if (!r.userIds.includes(userId)) {
      r.userIds.push(userId);
      r.count++;
    }
  } else if (r && r.userIds.includes(userId)) {
    r.userIds = r.userIds.filter((u) => u !== userId);
    r.count--;
  }
  return out.filter((x) => x.count > 0);
}
