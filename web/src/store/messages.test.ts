import { describe, expect, test } from 'vitest';
import { apply, BOB, chatFixture, ME, msg, posted, view } from '../testing/chatFixture';
import { hasReacted } from './reactions';

describe('message lists', () => {
  test('messages are keyed by id and ordered by seq whatever the arrival order', () => {
    const store = chatFixture();
    apply(store, 'c1', 5, posted(msg(5)), false);
    store.messages.addHistory('c1', [msg(4), msg(2), msg(5)], false);
    apply(store, 'c1', 6, posted(msg(6)), false);
    expect(store.messages.messages('c1').map((m) => m.seq)).toEqual([2, 4, 5, 6]);
  });

  test('edits keep reactions; deletes leave a tombstone without text', () => {
    const store = chatFixture();
    store.messages.addHistory('c1', [msg(4, { reactions: [{ emoji: '👍', count: 1, userIds: [ME] }] })], true);
    apply(store, 'c1', 5, { kind: 'message.edited', message: view(msg(4, { text: 'fixed', editedAt: '2026-11-25T10:01:00Z' })) }, true);
    expect(store.messages.messages('c1')[0]).toMatchObject({ text: 'fixed', editedAt: '2026-11-25T10:01:00Z', reactions: [{ emoji: '👍' }] });
    apply(store, 'c1', 6, { kind: 'reaction.added', messageId: 'm4', userId: BOB, emoji: '👍' }, true);
    expect(store.messages.messages('c1')[0].reactions).toEqual([{ emoji: '👍', count: 2, userIds: [ME, BOB] }]);
    apply(store, 'c1', 7, { kind: 'message.deleted', messageId: 'm4', by: BOB }, true);
    const m = store.messages.messages('c1')[0];
    expect(m.deletedAt).toBeTruthy();
    expect(m.text).toBeUndefined();
    expect(m.reactions).toEqual([]);
  });

});

describe('reactions', () => {
  test('toggling: own reaction is detected, added and removed by events; empty entries vanish', () => {
    const store = chatFixture();
    store.messages.addHistory('c1', [msg(4, { reactions: [{ emoji: '👍', count: 1, userIds: [BOB] }] })], false);
    let m = store.messages.messages('c1')[0];
    expect(hasReacted(m, '👍', ME)).toBe(false);
    apply(store, 'c1', 5, { kind: 'reaction.added', messageId: 'm4', userId: ME, emoji: '👍' }, true);
    m = store.messages.messages('c1')[0];
    expect(hasReacted(m, '👍', ME)).toBe(true);
    expect(m.reactions).toEqual([{ emoji: '👍', count: 2, userIds: [BOB, ME] }]);
    // The same event twice (another device) does not double count.
    apply(store, 'c1', 6, { kind: 'reaction.added', messageId: 'm4', userId: ME, emoji: '👍' }, true);
    expect(store.messages.messages('c1')[0].reactions![0].count).toBe(2);
    apply(store, 'c1', 7, { kind: 'reaction.added', messageId: 'm4', userId: ME, emoji: '✅' }, true);
    apply(store, 'c1', 8, { kind: 'reaction.removed', messageId: 'm4', userId: ME, emoji: '✅' }, true);
    apply(store, 'c1', 9, { kind: 'reaction.removed', messageId: 'm4', userId: BOB, emoji: '👍' }, true);
    m = store.messages.messages('c1')[0];
    expect(m.reactions).toEqual([{ emoji: '👍', count: 1, userIds: [ME] }]);
  });
});

describe('threads', () => {
  test('a live reply is kept apart from roots and bumps the root reply count once', () => {
    const store = chatFixture();
    store.messages.addHistory('c1', [msg(4, { replyCount: 1 })], false);
    store.messages.addThread('c1', [msg(4, { replyCount: 1 }), msg(5, { threadRootId: 'm4' })]);
    apply(store, 'c1', 6, posted(msg(6, { threadRootId: 'm4' })), true);
    apply(store, 'c1', 6, posted(msg(6, { threadRootId: 'm4' })), true); // echo again
    expect(store.messages.message('c1', 'm4')!.replyCount).toBe(2);
    expect(store.messages.replies('c1', 'm4').map((m) => m.id)).toEqual(['m5', 'm6']);
    expect(store.messages.messages('c1').filter((m) => !m.threadRootId).map((m) => m.id)).toEqual(['m4']);
  });
});
