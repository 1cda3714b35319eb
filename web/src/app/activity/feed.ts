/**
 * The activity feed's state: items fetched from GET /api/v1/activity merged with items built
 * live from stream events, one per id (the server and the client build the same ids), newest
 * first. Pure: no network, no DOM.
 */
import type { ConversationEvent, ConversationEventKind, ConversationEventOf } from '../../protocol/events';
import type { ConversationKind, Message } from '../../types';

export type ActivityKind = 'mention' | 'urgent' | 'reaction' | 'added' | 'reply' | 'direct';

/** Kinds that are about one message of someone else's: a message shows as the first that applies. */
const MESSAGE_KINDS: readonly ActivityKind[] = ['urgent', 'mention', 'reply', 'direct'];

export interface ActivityItem {
  id: string;
  kind: ActivityKind;
  conversationId: string;
  messageId?: string;
  threadRootId?: string | null;
  actorId?: string;
  at: string;
  seq?: number;
  preview?: string;
  edited?: boolean;
  deleted?: boolean;
  emoji?: string;
  everyone?: boolean;
  read: boolean;
}

/** What a stream event means for the feed. `refresh`: something happened the event alone cannot describe. */
export interface LiveChange {
  add: ActivityItem[];
  remove: (item: ActivityItem) => boolean;
  update: (item: ActivityItem) => ActivityItem;
  refresh: boolean;
}

const NONE: LiveChange = { add: [], remove: () => false, update: (i) => i, refresh: false };

const byNewest = (a: ActivityItem, b: ActivityItem) => (a.at === b.at ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.at < b.at ? 1 : -1);

export class ActivityFeed {
  private byId = new Map<string, ActivityItem>();
  private sortedCache: ActivityItem[] | null = null;
  /** The cursor for the next older page; null when the end was reached (or nothing fetched yet). */
  nextCursor: string | null = null;
  loaded = false;

  /**
   * Merge items. The server's copy wins for content (it knows the current text), but an item
   * already read here stays read: "read" only ever goes from false to true.
   */
  merge(items: ActivityItem[]): void {
    for (const item of items) {
      const old = this.byId.get(item.id);
      this.byId.set(item.id, old ? { ...old, ...item, read: old.read || item.read } : item);
    }
    this.sortedCache = null;
  }

  /** A fetched page: merged; the first page (no cursor asked) also sets where paging continues. */
  addPage(items: ActivityItem[], nextCursor: string | undefined, older: boolean): void {
    this.merge(items);
    if (older || !this.loaded) this.nextCursor = nextCursor ?? null;
    this.loaded = true;
  }

  apply(change: LiveChange): void {
    for (const [id, item] of this.byId) {
      if (change.remove(item)) this.byId.delete(id);
      else this.byId.set(id, change.update(item));
    }
    this.merge(change.add);
  }

  items(): ActivityItem[] {
    if (!this.sortedCache) this.sortedCache = [...this.byId.values()].sort(byNewest);
    return this.sortedCache;
  }

  unreadCount(): number {
    let n = 0;
    for (const i of this.byId.values()) if (!i.read) n++;
    return n;
  }

  /** Everything at or before `at` has been seen in the feed. */
  markSeen(at: string): void {
    this.apply({ ...NONE, update: (i) => (!i.read && i.at <= at ? { ...i, read: true } : i) });
  }

  /** My read marker in a conversation moved: items at or before it are read. */
  markConversationRead(conversationId: string, readSeq: number): void {
    this.apply({
      ...NONE,
      update: (i) => (!i.read && i.conversationId === conversationId && i.seq !== undefined && i.seq <= readSeq ? { ...i, read: true } : i),
    });
  }

  removeConversation(conversationId: string): void {
    this.apply({ ...NONE, remove: (i) => i.conversationId === conversationId });
  }
}

const PREVIEW_CHARS = 160;

/** The start of a message's text, as the server cuts it (ActivityService.preview). */
export function preview(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const t = text.trim().replace(/\s+/g, ' ');
  if (t.length <= PREVIEW_CHARS) return t;
  let end = PREVIEW_CHARS;
  const code = t.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  const open = t.lastIndexOf('<@', end);
  if (open >= 0 && t.indexOf('>', open) >= end) end = open;
  return t.slice(0, end).trimEnd() + '…';
}

function messageItem(kind: 'mention' | 'urgent' | 'reply' | 'direct', m: Message, meId: string): ActivityItem {
  return {
    id: `${kind}:${m.id}`,
    kind,
    conversationId: m.conversationId,
    messageId: m.id,
    threadRootId: m.threadRootId ?? undefined,
    actorId: m.authorId,
    at: m.createdAt,
    seq: m.seq,
    preview: preview(m.text),
    edited: !!m.editedAt,
    deleted: false,
    ...(kind === 'mention' ? { everyone: !(m.mentions ?? []).includes(meId) } : {}),
    read: false,
  };
}

/**
 * Whether I take part in the thread of reply `m`, as the server decides (ActivityStore.replies):
 * I wrote its root, or replied in it before `m`. Undefined when what the client holds cannot
 * tell (the root or some replies not loaded): the server is asked instead.
 */
function takesPart(m: Message, c: FeedContext): boolean | undefined {
  const rootId = m.threadRootId;
  if (!rootId) return false;
  const root = c.messageOf(rootId);
  if (root?.authorId === c.meId) return true;
  const replies = c.repliesOf(rootId);
  if (replies.some((r) => r.authorId === c.meId && r.seq < m.seq)) return true;
  // Every reply is loaded (the root's count includes this one) and none is mine before it.
  if (root && replies.length >= (root.replyCount ?? 0)) return false;
  return undefined;
}

/**
 * The feed item a message is for me, if any, one per message: urgent, else mention, else a
 * reply in a thread I take part in, else any message in a direct or group chat. `unknown`: the
 * client cannot tell (see takesPart; or the conversation is not loaded yet).
 */
function resolve(m: Message, c: FeedContext): { item: ActivityItem | null; unknown: boolean } {
  const none = { item: null, unknown: false };
  if (m.authorId === c.meId || m.deletedAt) return none;
  if (m.urgent) return { item: messageItem('urgent', m, c.meId), unknown: false };
  if ((m.mentions ?? []).includes(c.meId) || m.mentionsChannel) return { item: messageItem('mention', m, c.meId), unknown: false };
  const part = takesPart(m, c);
  if (part === undefined) return { item: null, unknown: true };
  if (part) return { item: messageItem('reply', m, c.meId), unknown: false };
  const kind = c.kindOf(m.conversationId);
  if (kind === undefined) return { item: null, unknown: true };
  return kind === 'direct' || kind === 'group' ? { item: messageItem('direct', m, c.meId), unknown: false } : none;
}

/** What a change builder knows besides the event. */
interface FeedContext {
  conversationId: string;
  meId: string;
  /** A message the client holds (for reactions: is it mine?). */
  messageOf: (id: string) => Message | undefined;
  /** Stamps reactions, which carry no time. */
  now: string;
  /** The conversation is on screen, scrolled to the newest message. */
  focused: boolean;
  /** The loaded replies of a thread in this conversation. */
  repliesOf: (rootId: string) => Message[];
  /** The kind of a conversation the client knows; undefined when it does not. */
  kindOf: (conversationId: string) => ConversationKind | undefined;
}

/** What changeFromEvent needs to know besides the message itself (for replies and direct messages). */
export interface FeedLookups {
  repliesOf?: (rootId: string) => Message[];
  kindOf?: (conversationId: string) => ConversationKind | undefined;
}

type ChangeBuilder<K extends ConversationEventKind> = (event: ConversationEventOf<K>, c: FeedContext) => LiveChange;

/** The conversation event kinds that can change my feed, and what each changes. */
export const liveChanges: { [K in ConversationEventKind]?: ChangeBuilder<K> } = {
  'message.posted': (event, c) => {
    const { item, unknown } = resolve(event.message, c);
    if (unknown) return { ...NONE, refresh: true };
    // On screen only in the main pane: a thread reply is not seen until its thread is opened.
    return item ? { ...NONE, add: [{ ...item, read: c.focused && !item.threadRootId }] } : NONE;
  },
  'message.edited': (event, c) => {
    const m = event.message;
    const { item: now, unknown } = resolve(m, c);
    return {
      ...NONE,
      add: now ? [now] : [],
      // An edit changes only whether the message mentions me: a mention edited away leaves the
      // reply or direct item it would otherwise be (the server's, when the client cannot tell).
      remove: (i) =>
        i.messageId === m.id && i.kind !== now?.kind && (unknown ? i.kind === 'mention' : MESSAGE_KINDS.includes(i.kind)),
      update: (i) => (i.messageId === m.id ? { ...i, preview: preview(m.text), edited: true } : i),
      refresh: unknown,
    };
  },
  'message.deleted': (event) => {
    const id = String(event.messageId);
    return {
      ...NONE,
      // The server drops a deleted message's mentions, replies, direct items and reactions; urgent items stay, without text.
      remove: (i) => i.messageId === id && i.kind !== 'urgent',
      update: (i) => (i.messageId === id ? { ...i, preview: undefined, deleted: true } : i),
    };
  },
  'reaction.added': (event, { conversationId, meId, messageOf, now }) => {
    const userId = String(event.userId);
    const messageId = String(event.messageId);
    if (userId === meId) return NONE;
    const m = messageOf(messageId);
    if (!m) return { ...NONE, refresh: true }; // not loaded here: the server knows whose it is
    if (m.authorId !== meId) return NONE;
    const emoji = String(event.emoji);
    return {
      ...NONE,
      add: [
        {
          id: `reaction:${messageId}:${userId}:${emoji}`,
          kind: 'reaction',
          conversationId,
          messageId,
          threadRootId: m.threadRootId ?? undefined,
          actorId: userId,
          at: now,
          preview: preview(m.text),
          edited: !!m.editedAt,
          deleted: false,
          emoji,
          read: false,
        },
      ],
    };
  },
  'reaction.removed': (event) => {
    const id = `reaction:${String(event.messageId)}:${String(event.userId)}:${String(event.emoji)}`;
    return { ...NONE, remove: (i) => i.id === id };
  },
  'message.acknowledged': (event, { meId }) => {
    if (String(event.userId) !== meId) return NONE;
    const id = `urgent:${String(event.messageId)}`;
    return { ...NONE, update: (i) => (i.id === id ? { ...i, read: true } : i) };
  },
  // Being added: the user event says so, but not by whom; the server does.
  'member.added': (event, { meId }) => (String(event.userId) === meId && String(event.by) !== meId ? { ...NONE, refresh: true } : NONE),
};

/**
 * What one conversation event changes in my feed. `messageOf` looks a message up in what the
 * client holds (for reactions: is it mine?); `now` stamps reactions, which carry no time.
 */
export function changeFromEvent(
  conversationId: string,
  event: ConversationEvent,
  meId: string,
  messageOf: (id: string) => Message | undefined,
  now: string,
  focused: boolean,
  lookups: FeedLookups = {},
): LiveChange {
  const build = liveChanges[event.kind] as ChangeBuilder<ConversationEventKind> | undefined;
  const repliesOf = lookups.repliesOf ?? (() => []);
  const kindOf = lookups.kindOf ?? (() => undefined);
  return build ? build(event, { conversationId, meId, messageOf, now, focused, repliesOf, kindOf }) : NONE;
}
