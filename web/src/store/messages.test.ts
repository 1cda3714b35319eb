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

  test('a card update replaces the card of that message only, keeping its text and reactions', () => {
    const store = chatFixture();
    const card = { title: 'Phlebotomy #12', severity: 'info' as const, actions: [{ id: 'requests.claim:r1', label: 'Claim', style: 'primary' as const }] };
    const reactions = [{ emoji: '👍', count: 1, userIds: [ME] }];
    store.messages.addHistory('c1', [msg(4, { text: 'fallback', card, reactions }), msg(5, { card })], true);
    const claimed = { title: 'Phlebotomy #12', severity: 'success' as const, footer: 'Claimed by Dana Ortiz' };
    apply(store, 'c1', 6, { kind: 'message.card-updated', messageId: 'm4', card: claimed, by: BOB }, true);
    const [m4, m5] = store.messages.messages('c1');
    expect(m4).toMatchObject({ text: 'fallback', card: claimed, reactions });
    expect(m5.card).toEqual(card);
  });

  test('a card update of a message not loaded, or deleted, changes nothing', () => {
    const store = chatFixture();
    store.messages.addHistory('c1', [msg(4, { card: { title: 'Old', severity: 'info' } })], true);
    apply(store, 'c1', 5, { kind: 'message.deleted', messageId: 'm4', by: BOB }, true);
    apply(store, 'c1', 6, { kind: 'message.card-updated', messageId: 'm4', card: { title: 'New', severity: 'info' }, by: BOB }, true);
    apply(store, 'c1', 7, { kind: 'message.card-updated', messageId: 'm99', card: { title: 'New', severity: 'info' }, by: BOB }, true);
    expect(store.messages.messages('c1').map((m) => [m.id, m.card])).toEqual([['m4', undefined]]);
  });

  test('a scanned file shows its new status on its message at once, the text and reactions kept', () => {
    const store = chatFixture();
    const file = { id: 'f1', name: 'obs chart.pdf', contentType: 'application/pdf', size: 20, status: 'scanning' as const, thumbnail: false };
    const reactions = [{ emoji: '👍', count: 1, userIds: [ME] }];
    store.messages.addHistory('c1', [msg(4, { text: 'obs chart', files: [file], reactions })], true);
    apply(store, 'c1', 5, { kind: 'message.files-updated', messageId: 'm4', files: [{ ...file, status: 'ready' }] }, true);
    expect(store.messages.messages('c1')[0]).toMatchObject({ text: 'obs chart', reactions, files: [{ id: 'f1', status: 'ready' }] });
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

describe('one test per kind the message store applies', () => {
  test('message.posted: added once, in seq order; a reply bumps its root once', () => {
    const f = chatFixture();
    f.messages.addHistory('c1', [msg(2, { replyCount: 0 })], false);
    apply(f, 'c1', 4, posted(msg(4)), false);
    apply(f, 'c1', 5, posted(msg(5, { threadRootId: 'm2' })), false);
    apply(f, 'c1', 5, posted(msg(5, { threadRootId: 'm2' })), false);
    expect(f.messages.messages('c1').map((m) => m.id)).toEqual(['m2', 'm4', 'm5']);
    expect(f.messages.message('c1', 'm2')!.replyCount).toBe(1);
  });

  test('message.edited: a loaded message takes the new text, mentions and editedAt; an unloaded one waits for history', () => {
    const f = chatFixture();
    f.messages.addHistory('c1', [msg(4, { reactions: [{ emoji: '👍', count: 1, userIds: [BOB] }] })], false);
    const edited = msg(4, { text: 'now <@me-0000>', mentions: [ME], mentionsChannel: true, editedAt: '2026-11-25T10:09:00Z' });
    apply(f, 'c1', 5, { kind: 'message.edited', message: view(edited) }, false);
    apply(f, 'c1', 6, { kind: 'message.edited', message: view(msg(1, { text: 'old one' })) }, false);
    expect(f.messages.message('c1', 'm4')).toMatchObject({ text: 'now <@me-0000>', mentions: [ME], mentionsChannel: true, editedAt: edited.editedAt });
    expect(f.messages.message('c1', 'm4')!.reactions).toEqual([{ emoji: '👍', count: 1, userIds: [BOB] }]);
    expect(f.messages.message('c1', 'm1')).toBeUndefined();
  });

  test('message files arrive with the posted snapshot, follow an edit snapshot that carries them, and go with a delete', () => {
    const f = chatFixture();
    const scanning = { id: 'f1', name: 'ecg.png', contentType: 'image/png', size: 10, status: 'scanning' as const, width: 40, height: 30, thumbnail: false };
    apply(f, 'c1', 4, { kind: 'message.posted', message: view(msg(4, { text: '', files: [scanning] })) }, false);
    expect(f.messages.message('c1', 'm4')!.files).toEqual([scanning]);
    apply(f, 'c1', 5, { kind: 'message.edited', message: view(msg(4, { text: 'ECG', editedAt: '2026-11-25T10:09:00Z' })) }, false);
    expect(f.messages.message('c1', 'm4')!.files).toEqual([scanning]);
    const ready = { ...scanning, status: 'ready' as const, thumbnail: true };
    apply(f, 'c1', 6, { kind: 'message.edited', message: view(msg(4, { text: 'ECG', files: [ready] })) }, false);
    expect(f.messages.message('c1', 'm4')!.files).toEqual([ready]);
    apply(f, 'c1', 7, { kind: 'message.deleted', messageId: 'm4', by: BOB }, false);
    expect(f.messages.message('c1', 'm4')!.files).toBeUndefined();
  });

  test('message.deleted: a tombstone in the same place, without text, mentions or reactions', () => {
    const f = chatFixture();
    f.messages.addHistory('c1', [msg(4, { mentions: [ME], reactions: [{ emoji: '👍', count: 1, userIds: [BOB] }] }), msg(5)], false);
    apply(f, 'c1', 6, { kind: 'message.deleted', messageId: 'm4', by: BOB }, false);
    const m = f.messages.message('c1', 'm4')!;
    expect(m).toMatchObject({ seq: 4, authorId: BOB, mentions: [], reactions: [] });
    expect(m.deletedAt).toBeTruthy();
    expect(m.text).toBeUndefined();
    expect(f.messages.messages('c1').map((x) => x.id)).toEqual(['m4', 'm5']);
  });

  test('reaction.added: one more person on the emoji, or a new emoji; each person counts once', () => {
    const f = chatFixture();
    f.messages.addHistory('c1', [msg(4)], false);
    apply(f, 'c1', 5, { kind: 'reaction.added', messageId: 'm4', userId: BOB, emoji: '🙏' }, false);
    apply(f, 'c1', 6, { kind: 'reaction.added', messageId: 'm4', userId: BOB, emoji: '🙏' }, false);
    apply(f, 'c1', 7, { kind: 'reaction.added', messageId: 'm4', userId: ME, emoji: '🙏' }, false);
    expect(f.messages.message('c1', 'm4')!.reactions).toEqual([{ emoji: '🙏', count: 2, userIds: [BOB, ME] }]);
  });

  test('reaction.removed: the person comes off; an emoji nobody has any more goes', () => {
    const f = chatFixture();
    f.messages.addHistory('c1', [msg(4, { reactions: [{ emoji: '🙏', count: 2, userIds: [BOB, ME] }] })], false);
    apply(f, 'c1', 5, { kind: 'reaction.removed', messageId: 'm4', userId: BOB, emoji: '🙏' }, false);
    expect(f.messages.message('c1', 'm4')!.reactions).toEqual([{ emoji: '🙏', count: 1, userIds: [ME] }]);
    apply(f, 'c1', 6, { kind: 'reaction.removed', messageId: 'm4', userId: ME, emoji: '🙏' }, false);
    expect(f.messages.message('c1', 'm4')!.reactions).toEqual([]);
  });

  test('conversation.removed (user event): its loaded messages are forgotten', () => {
    const f = chatFixture();
    f.messages.addHistory('c1', [msg(4)], false);
    f.userEvent(1, { kind: 'conversation.removed', conversationId: 'c1' });
    expect(f.messages.messages('c1')).toEqual([]);
    expect(f.messages.historyState('c1').loaded).toBe(false);
  });

  test('not-a-member (frame): its loaded messages are forgotten', () => {
    const f = chatFixture();
    f.messages.addHistory('c1', [msg(4)], false);
    f.dispatcher.dispatch({ type: 'not-a-member', conversationId: 'c1' });
    expect(f.messages.messages('c1')).toEqual([]);
  });

  test('resync-required (frame): history is forgotten, to be fetched again when shown', () => {
    const f = chatFixture();
    f.messages.addHistory('c1', [msg(4)], false);
    f.dispatcher.dispatch({ type: 'resync-required', conversationId: 'c1', fromSeq: 3, lastSeq: 25100 });
    expect(f.messages.historyState('c1')).toEqual({ loaded: false, hasMore: true });
  });
});
