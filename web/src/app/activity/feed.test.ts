import { describe, expect, it } from 'vitest';
import type { ConversationKind, Message } from '../../types';
import { ActivityFeed, changeFromEvent, preview, type ActivityItem } from './feed';

const ME = 'me';
const msg = (over: Partial<Message> = {}): Message => ({
  id: 'm1', conversationId: 'c1', seq: 7, authorId: 'ann', text: 'Hi <@me>', mentions: [ME], createdAt: '2026-11-25T10:00:00.000Z', ...over,
});
const fetched = (over: Partial<ActivityItem>): ActivityItem => ({
  id: 'x', kind: 'mention', conversationId: 'c1', at: '2026-11-25T09:00:00.000Z', read: false, ...over,
});
const live = (feed: ActivityFeed, event: Record<string, unknown>, messages: Message[] = [], focused = false) => {
  const change = changeFromEvent('c1', event as never, ME, (id) => messages.find((m) => m.id === id), '2026-11-25T11:00:00.000Z', focused);
  feed.apply(change);
  return change;
};

describe('ActivityFeed merging', () => {
  it('keeps one item per id whether it came live, fetched, or both, newest first', () => {
    const feed = new ActivityFeed();
    live(feed, { kind: 'message.posted', message: msg() });
    feed.addPage(
      [
        fetched({ id: 'mention:m1', messageId: 'm1', seq: 7, at: '2026-11-25T10:00:00.000Z', preview: 'Hi <@me>', actorId: 'ann' }),
        fetched({ id: 'added:c1:1', kind: 'added', at: '2026-11-25T08:00:00.000Z' }),
      ],
      'cursor-1',
      false,
    );
    live(feed, { kind: 'message.posted', message: msg({ id: 'm2', seq: 9, createdAt: '2026-11-25T10:05:00.000Z' }) });
    expect(feed.items().map((i) => i.id)).toEqual(['mention:m2', 'mention:m1', 'added:c1:1']);
    expect(feed.unreadCount()).toBe(3);
    expect(feed.nextCursor).toBe('cursor-1');
  });

  it('lets the server correct content but never makes a read item unread again', () => {
    const feed = new ActivityFeed();
    live(feed, { kind: 'message.posted', message: msg() });
    feed.markSeen('2026-11-25T10:00:00.000Z');
    feed.merge([fetched({ id: 'mention:m1', at: '2026-11-25T10:00:00.000Z', preview: 'edited on the server', read: false })]);
    const [item] = feed.items();
    expect(item.read).toBe(true);
    expect(item.preview).toBe('edited on the server');
  });

  it('pages older items in and stops at the end', () => {
    const feed = new ActivityFeed();
    feed.addPage([fetched({ id: 'a', at: '2026-11-25T09:00:00.000Z' })], 'c1', false);
    feed.addPage([fetched({ id: 'b', at: '2026-11-25T08:00:00.000Z' })], undefined, true);
    expect(feed.items().map((i) => i.id)).toEqual(['a', 'b']);
    expect(feed.nextCursor).toBeNull();
    // A refresh of the newest page later does not reset where paging stands.
    feed.addPage([fetched({ id: 'a', at: '2026-11-25T09:00:00.000Z' })], 'c1', false);
    expect(feed.nextCursor).toBeNull();
  });

  it('marks items read by the conversation read marker or the seen marker', () => {
    const feed = new ActivityFeed();
    feed.merge([
      fetched({ id: 'mention:a', seq: 3, at: '2026-11-25T09:00:00.000Z' }),
      fetched({ id: 'mention:b', seq: 8, at: '2026-11-25T09:10:00.000Z' }),
      fetched({ id: 'reaction:x', at: '2026-11-25T09:20:00.000Z', kind: 'reaction' }),
    ]);
    feed.markConversationRead('c1', 5);
    expect(feed.items().filter((i) => !i.read).map((i) => i.id)).toEqual(['reaction:x', 'mention:b']);
    feed.markSeen('2026-11-25T09:20:00.000Z');
    expect(feed.unreadCount()).toBe(0);
  });
});

describe('live changes', () => {
  it('makes urgent messages one urgent item, and ignores my own messages and chatter', () => {
    const feed = new ActivityFeed();
    live(feed, { kind: 'message.posted', message: msg({ urgent: true }) });
    live(feed, { kind: 'message.posted', message: msg({ id: 'm2', authorId: ME }) });
    live(feed, { kind: 'message.posted', message: msg({ id: 'm3', mentions: [], text: 'hello' }) });
    expect(feed.items().map((i) => i.id)).toEqual(['urgent:m1']);
  });

  it('adds reactions to my messages, asks the server when the message is not loaded, and removes them', () => {
    const feed = new ActivityFeed();
    const mine = msg({ id: 'mine', authorId: ME, text: 'Bloods are back' });
    live(feed, { kind: 'reaction.added', messageId: 'mine', userId: 'ann', emoji: '👍' }, [mine]);
    expect(feed.items()[0]).toMatchObject({ id: 'reaction:mine:ann:👍', preview: 'Bloods are back', actorId: 'ann' });
    expect(live(feed, { kind: 'reaction.added', messageId: 'unknown', userId: 'ann', emoji: '👍' }).refresh).toBe(true);
    live(feed, { kind: 'reaction.removed', messageId: 'mine', userId: 'ann', emoji: '👍' });
    expect(feed.items()).toEqual([]);
  });

  it('follows edits and deletions: current text, no text once deleted', () => {
    const feed = new ActivityFeed();
    live(feed, { kind: 'message.posted', message: msg() });
    live(feed, { kind: 'message.posted', message: msg({ id: 'u1', urgent: true, text: 'Crash call' }) });
    live(feed, { kind: 'message.edited', message: msg({ text: 'Hi again <@me>', editedAt: '2026-11-25T10:01:00.000Z' }) });
    expect(feed.items().find((i) => i.id === 'mention:m1')).toMatchObject({ preview: 'Hi again <@me>', edited: true });
    live(feed, { kind: 'message.deleted', messageId: 'u1' });
    expect(feed.items().find((i) => i.id === 'urgent:u1')).toMatchObject({ deleted: true, preview: undefined });
    live(feed, { kind: 'message.edited', message: msg({ text: 'no longer about you', mentions: [] }) });
    expect(feed.items().map((i) => i.id)).toEqual(['urgent:u1']);
  });

  it('marks a message that arrives in the conversation on screen as read', () => {
    const feed = new ActivityFeed();
    live(feed, { kind: 'message.posted', message: msg() }, [], true);
    expect(feed.unreadCount()).toBe(0);
    live(feed, { kind: 'message.posted', message: msg({ id: 'reply', threadRootId: 'm1' }) }, [], true);
    expect(feed.items().filter((i) => !i.read).map((i) => i.id)).toEqual(['mention:reply']);
  });
});

describe('live replies and direct messages (as ActivityStore.replies and .direct decide)', () => {
  const kinds: Record<string, ConversationKind> = { dm: 'direct', grp: 'group', ch: 'channel' };
  /** A live event in conversation `c`, with what the client holds: messages and conversation kinds. */
  const liveIn = (feed: ActivityFeed, c: string, event: Record<string, unknown>, held: Message[] = [], known = kinds) => {
    const change = changeFromEvent(c, event as never, ME, (id) => held.find((m) => m.id === id), '2026-11-25T11:00:00.000Z', false, {
      repliesOf: (root) => held.filter((m) => m.threadRootId === root),
      kindOf: (id) => known[id],
    });
    feed.apply(change);
    return change;
  };
  const chatter = (over: Partial<Message>) => msg({ conversationId: 'ch', text: 'chatter', mentions: [], ...over });

  it('a reply to my message is a reply item, whose preview is the markdown source (shown as plain text)', () => {
    const feed = new ActivityFeed();
    const root = chatter({ id: 'root', seq: 3, authorId: ME, replyCount: 1 });
    const reply = chatter({ id: 'r1', seq: 4, threadRootId: 'root', authorId: 'bob', text: '**Seen** it' });
    liveIn(feed, 'ch', { kind: 'message.posted', message: reply }, [root, reply]);
    expect(feed.items()).toMatchObject([{ id: 'reply:r1', kind: 'reply', threadRootId: 'root', actorId: 'bob', preview: '**Seen** it', read: false }]);
  });

  it('a reply in a thread I replied in counts only after my reply; a thread I am not in does not count', () => {
    const feed = new ActivityFeed();
    const root = chatter({ id: 'root', seq: 3, authorId: 'ann', replyCount: 3 });
    const before = chatter({ id: 'r1', seq: 4, threadRootId: 'root', authorId: 'bob' });
    const mine = chatter({ id: 'r2', seq: 5, threadRootId: 'root', authorId: ME });
    const after = chatter({ id: 'r3', seq: 6, threadRootId: 'root', authorId: 'bob' });
    const held = [root, before, mine, after];
    expect(liveIn(feed, 'ch', { kind: 'message.posted', message: before }, held).refresh).toBe(false);
    liveIn(feed, 'ch', { kind: 'message.posted', message: after }, held);
    expect(feed.items().map((i) => i.id)).toEqual(['reply:r3']);
    // Every reply of another thread loaded, none mine: nothing, and nothing to ask.
    const other = chatter({ id: 'o', seq: 7, authorId: 'ann', replyCount: 1 });
    const otherReply = chatter({ id: 'o1', seq: 8, threadRootId: 'o', authorId: 'bob' });
    expect(liveIn(feed, 'ch', { kind: 'message.posted', message: otherReply }, [other, otherReply]).refresh).toBe(false);
    expect(feed.items().map((i) => i.id)).toEqual(['reply:r3']);
  });

  it('asks the server when the thread is not loaded here', () => {
    const feed = new ActivityFeed();
    const reply = chatter({ id: 'r1', seq: 9, threadRootId: 'not-loaded', authorId: 'bob' });
    expect(liveIn(feed, 'ch', { kind: 'message.posted', message: reply }, [reply]).refresh).toBe(true);
    expect(feed.items()).toEqual([]);
  });

  it('a message in a direct or group chat is a direct item; in a channel it is not; an unknown chat asks the server', () => {
    const feed = new ActivityFeed();
    liveIn(feed, 'dm', { kind: 'message.posted', message: msg({ id: 'd1', conversationId: 'dm', text: 'Call me', mentions: [] }) });
    liveIn(feed, 'grp', { kind: 'message.posted', message: msg({ id: 'g1', conversationId: 'grp', text: 'Handover', mentions: [], createdAt: '2026-11-25T10:01:00.000Z' }) });
    liveIn(feed, 'ch', { kind: 'message.posted', message: chatter({ id: 'c1' }) });
    liveIn(feed, 'dm', { kind: 'message.posted', message: msg({ id: 'own', conversationId: 'dm', authorId: ME, mentions: [] }) });
    expect(feed.items().map((i) => i.id)).toEqual(['direct:g1', 'direct:d1']);
    expect(liveIn(feed, 'new', { kind: 'message.posted', message: msg({ id: 'n1', conversationId: 'new', mentions: [] }) }).refresh).toBe(true);
  });

  it('one item per message: urgent, then mention, then reply, then direct', () => {
    const feed = new ActivityFeed();
    liveIn(feed, 'dm', { kind: 'message.posted', message: msg({ id: 'u', conversationId: 'dm', urgent: true }) });
    liveIn(feed, 'dm', { kind: 'message.posted', message: msg({ id: 'm', conversationId: 'dm' }) });
    const root = msg({ id: 'root', conversationId: 'dm', authorId: ME, mentions: [], replyCount: 1 });
    const reply = msg({ id: 'r', conversationId: 'dm', threadRootId: 'root', mentions: [] });
    liveIn(feed, 'dm', { kind: 'message.posted', message: reply }, [root, reply]);
    expect(feed.items().map((i) => i.kind).sort()).toEqual(['mention', 'reply', 'urgent']);
  });

  it('a mention edited away in a direct chat becomes its direct item; a deleted direct message goes', () => {
    const feed = new ActivityFeed();
    const m = msg({ id: 'd1', conversationId: 'dm' });
    liveIn(feed, 'dm', { kind: 'message.posted', message: m });
    liveIn(feed, 'dm', { kind: 'message.edited', message: { ...m, text: 'Call the ward', mentions: [], editedAt: '2026-11-25T10:02:00.000Z' } });
    expect(feed.items()).toMatchObject([{ id: 'direct:d1', preview: 'Call the ward', edited: true }]);
    liveIn(feed, 'dm', { kind: 'message.deleted', messageId: 'd1' });
    expect(feed.items()).toEqual([]);
  });
});

describe('preview', () => {
  it('cuts long text without splitting a mention', () => {
    const id = '0b0b0b0b-0000-4000-8000-000000000001';
    expect(preview('x'.repeat(150) + ` <@${id}> more`)).toBe('x'.repeat(150) + '…');
    expect(preview(undefined)).toBeUndefined();
  });
});
