import { describe, expect, test } from 'vitest';
import { apply, BOB, chatFixture, direct, ME, msg, posted, view } from '../testing/chatFixture';
import type { ConversationSummary } from '../types';

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

const group = (id: string, over: Partial<ConversationSummary> = {}): ConversationSummary =>
  direct(id, 3, { kind: 'group', name: 'Ward round', memberIds: [ME, BOB], ...over });
const channel = (id: string): ConversationSummary => direct(id, 3, { kind: 'channel', name: 'General', teamId: 't1', visibility: 'standard', memberIds: [] });
const at = '2026-11-25T10:00:00Z';

describe('one test per kind the conversation store applies', () => {
  test('message.posted: unread only when new, by someone else, out of focus, and not already counted by the list', () => {
    const f = chatFixture();
    f.messages.addHistory('c1', [msg(4)], false);
    apply(f, 'c1', 4, posted(msg(4)), false); // already loaded: not new
    apply(f, 'c1', 5, posted(msg(5, { authorId: ME })), false); // mine
    apply(f, 'c1', 6, posted(msg(6)), true); // in focus: read as it shows
    apply(f, 'c1', 7, posted(msg(7, { deletedAt: at, text: undefined })), false); // deleted since
    expect(f.conversations.conversation('c1')).toMatchObject({ lastSeq: 7, unreadCount: 0 });
    apply(f, 'c1', 8, posted(msg(8, { mentionsChannel: true })), false);
    expect(f.conversations.conversation('c1')).toMatchObject({ lastSeq: 8, unreadCount: 1, mentionCount: 1 });
  });

  test('message.deleted: an unread message deleted is no longer unread, nor a mention', () => {
    const f = chatFixture([direct('c1', 3)]);
    apply(f, 'c1', 4, posted(msg(4, { mentions: [ME] })), false);
    apply(f, 'c1', 5, posted(msg(5)), false);
    expect(f.conversations.conversation('c1')).toMatchObject({ unreadCount: 2, mentionCount: 1 });
    f.event('c1', 6, { kind: 'message.deleted', messageId: 'm4', by: BOB });
    expect(f.conversations.conversation('c1')).toMatchObject({ lastSeq: 6, unreadCount: 1, mentionCount: 0 });
    f.event('c1', 7, { kind: 'message.deleted', messageId: 'm4', by: BOB }); // deleted already: no change
    f.event('c1', 8, { kind: 'message.deleted', messageId: 'm2', by: BOB }); // read already (seq 2 <= readSeq 3)
    expect(f.conversations.conversation('c1')).toMatchObject({ lastSeq: 8, unreadCount: 1, mentionCount: 0 });
  });

  test('message.edited: an unread message that gains or loses my mention changes the mention count', () => {
    const f = chatFixture([direct('c1', 3)]);
    apply(f, 'c1', 4, posted(msg(4)), false);
    expect(f.conversations.conversation('c1')).toMatchObject({ unreadCount: 1, mentionCount: 0 });
    f.event('c1', 5, { kind: 'message.edited', message: { ...view(msg(4, { mentions: [ME] })), editedAt: at } });
    expect(f.conversations.conversation('c1')).toMatchObject({ unreadCount: 1, mentionCount: 1 });
    f.event('c1', 6, { kind: 'message.edited', message: { ...view(msg(4)), editedAt: at } });
    expect(f.conversations.conversation('c1')).toMatchObject({ unreadCount: 1, mentionCount: 0 });
  });

  test('conversation.created: nothing changes but how far the conversation has got', () => {
    const f = chatFixture([group('g1')]);
    const before = f.conversations.conversation('g1');
    const conversation = { id: 'g1', kind: 'group' as const, lastSeq: 1, archived: false, createdAt: at };
    f.event('g1', 4, { kind: 'conversation.created', conversation, memberIds: [ME, BOB], by: BOB });
    expect(f.conversations.conversation('g1')).toEqual({ ...before, lastSeq: 4 });
  });

  test('conversation.renamed: the new name', () => {
    const f = chatFixture([group('g1')]);
    f.event('g1', 4, { kind: 'conversation.renamed', name: 'Night shift', by: BOB });
    expect(f.conversations.conversation('g1')).toMatchObject({ name: 'Night shift', lastSeq: 4 });
  });

  test('conversation.archived: read-only from now on', () => {
    const f = chatFixture([group('g1')]);
    f.event('g1', 4, { kind: 'conversation.archived', by: BOB });
    expect(f.conversations.conversation('g1')!.archived).toBe(true);
  });

  test('member.added: a chat lists the new member once; a channel does not list members', () => {
    const f = chatFixture([group('g1'), channel('ch')]);
    f.event('g1', 4, { kind: 'member.added', userId: 'carol', by: BOB });
    f.event('g1', 5, { kind: 'member.added', userId: 'carol', by: BOB });
    f.event('ch', 4, { kind: 'member.added', userId: 'carol', by: BOB });
    expect(f.conversations.conversation('g1')!.memberIds).toEqual([ME, BOB, 'carol']);
    expect(f.conversations.conversation('ch')!.memberIds).toEqual([]);
  });

  test('member.removed: the member leaves the list', () => {
    const f = chatFixture([group('g1', { memberIds: [ME, BOB, 'carol'] })]);
    f.event('g1', 4, { kind: 'member.removed', userId: BOB, by: BOB });
    expect(f.conversations.conversation('g1')!.memberIds).toEqual([ME, 'carol']);
  });

  test('any kind, known or not: lastSeq follows the stream and never goes back', () => {
    const f = chatFixture();
    f.event('c1', 9, { kind: 'message.pinned' } as never);
    f.event('c1', 2, { kind: 'conversation.archived', by: BOB });
    expect(f.conversations.conversation('c1')!.lastSeq).toBe(9);
  });

  test('conversation.added (user event): listed, with nothing read or unread yet', () => {
    const f = chatFixture([]);
    const conversation = { id: 'ch', kind: 'channel' as const, teamId: 't1', name: 'General', visibility: 'standard' as const, lastSeq: 12, archived: false, createdAt: at };
    f.userEvent(1, { kind: 'conversation.added', conversation });
    expect(f.conversations.conversation('ch')).toMatchObject({ ...conversation, readSeq: 0, unreadCount: 0, mentionCount: 0, memberIds: [] });
  });

  test('conversation.removed (user event): no longer listed', () => {
    const f = chatFixture();
    f.userEvent(1, { kind: 'conversation.removed', conversationId: 'c1' });
    expect(f.conversations.conversation('c1')).toBeUndefined();
  });

  test('read.moved (user event): the marker moves forward only, and what is still unread is counted again', () => {
    const f = chatFixture([direct('c1', 6, { readSeq: 2, unreadCount: 4, mentionCount: 1 })]);
    f.messages.addHistory('c1', [msg(3), msg(4, { mentions: [ME] }), msg(5, { authorId: ME }), msg(6)], false);
    f.userEvent(1, { kind: 'read.moved', conversationId: 'c1', readSeq: 4 });
    expect(f.conversations.conversation('c1')).toMatchObject({ readSeq: 4, unreadCount: 1, mentionCount: 0 });
    f.userEvent(2, { kind: 'read.moved', conversationId: 'c1', readSeq: 3 });
    expect(f.conversations.conversation('c1')!.readSeq).toBe(4);
  });

  test('not-a-member (frame): no longer listed', () => {
    const f = chatFixture();
    f.dispatcher.dispatch({ type: 'not-a-member', conversationId: 'c1' });
    expect(f.conversations.conversations()).toEqual([]);
  });
});
