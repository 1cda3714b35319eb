import { describe, expect, test } from 'vitest';
import { apply, BOB, chatFixture, ME, msg, posted } from '../testing/chatFixture';

describe('unread counts', () => {
  test('unread and mention counts grow for others\' messages out of focus, and reset on read', () => {
    const store = chatFixture();
    apply(store, 'c1', 4, posted(msg(4)), false);
    apply(store, 'c1', 5, posted(msg(5, { mentions: [ME] })), false);
    apply(store, 'c1', 6, posted(msg(6, { authorId: ME })), false);
    expect(store.conversations.conversation('c1')).toMatchObject({ lastSeq: 6, unreadCount: 2, mentionCount: 1 });
    store.conversations.markReadLocally('c1', 6);
    expect(store.conversations.conversation('c1')).toMatchObject({ readSeq: 6, unreadCount: 0, mentionCount: 0 });
  });
});

describe('unread counts from the list and the stream together', () => {
  test('an event the conversation list already counted is not counted again when the stream delivers it', () => {
    const store = chatFixture();
    // A new chat: the list (fetched after the message was stored) already says 1 unread up to seq 4.
    store.conversations.upsertConversation({ id: 'c2', kind: 'direct', lastSeq: 4, readSeq: 0, unreadCount: 1, mentionCount: 0, memberIds: [ME, BOB] });
    apply(store, 'c2', 4, posted(msg(4, { conversationId: 'c2' })), false);
    expect(store.conversations.conversation('c2')).toMatchObject({ lastSeq: 4, unreadCount: 1 });
    apply(store, 'c2', 5, posted(msg(5, { conversationId: 'c2' })), false);
    expect(store.conversations.conversation('c2')).toMatchObject({ lastSeq: 5, unreadCount: 2 });
  });
});
