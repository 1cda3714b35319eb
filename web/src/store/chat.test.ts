import { describe, expect, test, vi } from 'vitest';
import { ChatStore, hasReacted } from './chat';
import { Outbox, type SendOptions } from './outbox';
import type { Message } from '../types';

const ME = 'me-0000';
const BOB = 'bob-0000';

function msg(seq: number, extra: Partial<Message> = {}): Message {
  return { id: `m${seq}`, conversationId: 'c1', seq, authorId: BOB, text: `text ${seq}`, createdAt: '2026-11-25T10:00:00Z', ...extra };
}

function newStore() {
  const store = new ChatStore();
  store.me = { id: ME };
  store.setConversations([
    { id: 'c1', kind: 'direct', lastSeq: 3, readSeq: 3, unreadCount: 0, mentionCount: 0, archived: false, memberIds: [ME, BOB] },
  ]);
  return store;
}

class NetFail extends Error {}

function outbox(store: ChatStore, post: (c: string, t: string, id: string, options?: SendOptions) => Promise<Message>) {
  const timers: { fn: () => void; ms: number }[] = [];
  let n = 0;
  const box = new Outbox(store, {
    post: vi.fn(post),
    isRetryable: (e) => e instanceof NetFail,
    describe: (e) => String((e as Error).message),
    newId: () => `cid-${++n}`,
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    clearTimer: () => {},
  });
  return { box, timers };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('message lists', () => {
  test('messages are keyed by id and ordered by seq whatever the arrival order', () => {
    const store = newStore();
    store.applyEvent('c1', 5, { kind: 'message.posted', message: msg(5) }, false);
    store.addHistory('c1', [msg(4), msg(2), msg(5)], false);
    store.applyEvent('c1', 6, { kind: 'message.posted', message: msg(6) }, false);
    expect(store.messages('c1').map((m) => m.seq)).toEqual([2, 4, 5, 6]);
  });

  test('edits keep reactions; deletes leave a tombstone without text', () => {
    const store = newStore();
    store.addHistory('c1', [msg(4, { reactions: [{ emoji: '👍', count: 1, userIds: [ME] }] })], true);
    store.applyEvent('c1', 5, { kind: 'message.edited', message: msg(4, { text: 'fixed', editedAt: '2026-11-25T10:01:00Z' }) }, true);
    expect(store.messages('c1')[0]).toMatchObject({ text: 'fixed', editedAt: '2026-11-25T10:01:00Z', reactions: [{ emoji: '👍' }] });
    store.applyEvent('c1', 6, { kind: 'reaction.added', messageId: 'm4', userId: BOB, emoji: '👍' }, true);
    expect(store.messages('c1')[0].reactions).toEqual([{ emoji: '👍', count: 2, userIds: [ME, BOB] }]);
    store.applyEvent('c1', 7, { kind: 'message.deleted', messageId: 'm4', by: BOB }, true);
    const m = store.messages('c1')[0];
    expect(m.deletedAt).toBeTruthy();
    expect(m.text).toBeUndefined();
    expect(m.reactions).toEqual([]);
  });

  test('unread and mention counts grow for others\' messages out of focus, and reset on read', () => {
    const store = newStore();
    store.applyEvent('c1', 4, { kind: 'message.posted', message: msg(4) }, false);
    store.applyEvent('c1', 5, { kind: 'message.posted', message: msg(5, { mentions: [ME] }) }, false);
    store.applyEvent('c1', 6, { kind: 'message.posted', message: msg(6, { authorId: ME }) }, false);
    expect(store.conversation('c1')).toMatchObject({ lastSeq: 6, unreadCount: 2, mentionCount: 1 });
    store.markReadLocally('c1', 6);
    expect(store.conversation('c1')).toMatchObject({ readSeq: 6, unreadCount: 0, mentionCount: 0 });
  });
});

describe('unread counts from the list and the stream together', () => {
  test('an event the conversation list already counted is not counted again when the stream delivers it', () => {
    const store = newStore();
    // A new chat: the list (fetched after the message was stored) already says 1 unread up to seq 4.
    store.upsertConversation({ id: 'c2', kind: 'direct', lastSeq: 4, readSeq: 0, unreadCount: 1, mentionCount: 0, memberIds: [ME, BOB] });
    store.applyEvent('c2', 4, { kind: 'message.posted', message: msg(4, { conversationId: 'c2' }) }, false);
    expect(store.conversation('c2')).toMatchObject({ lastSeq: 4, unreadCount: 1 });
    store.applyEvent('c2', 5, { kind: 'message.posted', message: msg(5, { conversationId: 'c2' }) }, false);
    expect(store.conversation('c2')).toMatchObject({ lastSeq: 5, unreadCount: 2 });
  });
});

describe('pending sends', () => {
  test('pending → confirmed by the POST answer, then the stream echo adds no duplicate', async () => {
    const store = newStore();
    const { box } = outbox(store, async (c, text, id) => msg(4, { authorId: ME, text, clientMsgId: id, conversationId: c }));
    const id = box.send('c1', 'hello');
    expect(store.pendingFor('c1').map((p) => p.clientMsgId)).toEqual([id]);
    await flush();
    expect(store.pendingFor('c1')).toEqual([]);
    store.applyEvent('c1', 4, { kind: 'message.posted', message: msg(4, { authorId: ME, text: 'hello', clientMsgId: id }) }, true);
    expect(store.messages('c1').filter((m) => m.text === 'hello').length).toBe(1);
    expect(store.pendingFor('c1')).toEqual([]);
  });

  test('the stream echo arriving before the POST answer confirms the pending send once', async () => {
    const store = newStore();
    let answer!: (m: Message) => void;
    const { box } = outbox(store, () => new Promise<Message>((r) => (answer = r)));
    const id = box.send('c1', 'racing');
    const confirmed = msg(4, { authorId: ME, text: 'racing', clientMsgId: id });
    store.applyEvent('c1', 4, { kind: 'message.posted', message: confirmed }, true);
    expect(store.pendingFor('c1')).toEqual([]);
    answer(confirmed);
    await flush();
    expect(store.messages('c1').map((m) => m.id)).toEqual(['m4']);
    expect(store.pendingFor('c1')).toEqual([]);
  });

  test('a network failure is retried with the same clientMsgId, with growing delays', async () => {
    const store = newStore();
    const seen: string[] = [];
    let failures = 2;
    const { box, timers } = outbox(store, async (_c, text, id) => {
      seen.push(id);
      if (failures-- > 0) throw new NetFail('offline');
      return msg(4, { authorId: ME, text, clientMsgId: id });
    });
    const id = box.send('c1', 'obs done');
    await flush();
    expect(store.pendingFor('c1')[0]).toMatchObject({ state: 'retrying', error: 'offline' });
    timers.shift()!.fn();
    await flush();
    timers.shift()!.fn();
    await flush();
    expect(seen).toEqual([id, id, id]);
    expect(store.pendingFor('c1')).toEqual([]);
    expect(store.messages('c1').map((m) => m.clientMsgId)).toEqual([id]);
  });

  test('retry delays double from 1 s', async () => {
    const store = newStore();
    const { box, timers } = outbox(store, async () => {
      throw new NetFail('offline');
    });
    box.send('c1', 'x');
    for (let i = 0; i < 3; i++) {
      await flush();
      timers.at(-1)!.fn();
    }
    await flush();
    expect(timers.map((t) => t.ms)).toEqual([1000, 2000, 4000, 8000]);
  });

  test('a 4xx answer is not retried and is shown as failed', async () => {
    const store = newStore();
    const { box, timers } = outbox(store, async () => {
      throw new Error('text too long');
    });
    box.send('c1', 'x');
    await flush();
    expect(timers).toEqual([]);
    expect(store.pendingFor('c1')[0]).toMatchObject({ state: 'failed', error: 'text too long' });
  });
});

describe('sending order', () => {
  test('messages to one conversation are sent one at a time, in the order they were written', async () => {
    const store = newStore();
    const answers: { text: string; answer: (m: Message) => void }[] = [];
    const { box } = outbox(store, (c, text, id) => new Promise<Message>((r) => answers.push({ text, answer: () => r(msg(10 + answers.length, { authorId: ME, text, clientMsgId: id, conversationId: c })) })));
    box.send('c1', 'give 5 mg');
    box.send('c1', 'cancel that');
    box.send('c1', 'sorry, 2.5 mg');
    await flush();
    expect(answers.map((a) => a.text)).toEqual(['give 5 mg']);
    answers[0].answer(msg(0));
    await flush();
    expect(answers.map((a) => a.text)).toEqual(['give 5 mg', 'cancel that']);
    answers[1].answer(msg(0));
    await flush();
    expect(answers.map((a) => a.text)).toEqual(['give 5 mg', 'cancel that', 'sorry, 2.5 mg']);
  });

  test('while the first is retried after a network failure, the next waits for it', async () => {
    const store = newStore();
    const posted: string[] = [];
    let offline = true;
    const { box, timers } = outbox(store, async (c, text, id) => {
      posted.push(text);
      if (offline) throw new NetFail('offline');
      return msg(10 + posted.length, { authorId: ME, text, clientMsgId: id, conversationId: c });
    });
    box.send('c1', 'first');
    box.send('c1', 'second');
    await flush();
    expect(posted).toEqual(['first']);
    offline = false;
    timers.shift()!.fn();
    await flush();
    await flush();
    expect(posted).toEqual(['first', 'first', 'second']);
    expect(store.pendingFor('c1')).toEqual([]);
  });

  test('a refused message does not hold up the next, and other conversations never wait', async () => {
    const store = newStore();
    const posted: string[] = [];
    let hold!: () => void;
    const { box } = outbox(store, async (c, text, id) => {
      posted.push(`${c}:${text}`);
      if (text === 'too long') throw new Error('refused');
      if (text === 'slow') await new Promise<void>((r) => (hold = r));
      return msg(10 + posted.length, { authorId: ME, text, clientMsgId: id, conversationId: c });
    });
    box.send('c1', 'too long');
    box.send('c1', 'slow');
    box.send('c2', 'elsewhere');
    await flush();
    expect(posted).toEqual(['c1:too long', 'c2:elsewhere', 'c1:slow']);
    expect(store.pendingFor('c1').map((p) => p.state)).toEqual(['failed', 'sending']);
    hold();
    await flush();
    expect(store.pendingFor('c1').map((p) => p.text)).toEqual(['too long']);
  });
});

describe('reactions', () => {
  test('toggling: own reaction is detected, added and removed by events; empty entries vanish', () => {
    const store = newStore();
    store.addHistory('c1', [msg(4, { reactions: [{ emoji: '👍', count: 1, userIds: [BOB] }] })], false);
    let m = store.messages('c1')[0];
    expect(hasReacted(m, '👍', ME)).toBe(false);
    store.applyEvent('c1', 5, { kind: 'reaction.added', messageId: 'm4', userId: ME, emoji: '👍' }, true);
    m = store.messages('c1')[0];
    expect(hasReacted(m, '👍', ME)).toBe(true);
    expect(m.reactions).toEqual([{ emoji: '👍', count: 2, userIds: [BOB, ME] }]);
    // The same event twice (another device) does not double count.
    store.applyEvent('c1', 6, { kind: 'reaction.added', messageId: 'm4', userId: ME, emoji: '👍' }, true);
    expect(store.messages('c1')[0].reactions![0].count).toBe(2);
    store.applyEvent('c1', 7, { kind: 'reaction.added', messageId: 'm4', userId: ME, emoji: '✅' }, true);
    store.applyEvent('c1', 8, { kind: 'reaction.removed', messageId: 'm4', userId: ME, emoji: '✅' }, true);
    store.applyEvent('c1', 9, { kind: 'reaction.removed', messageId: 'm4', userId: BOB, emoji: '👍' }, true);
    m = store.messages('c1')[0];
    expect(m.reactions).toEqual([{ emoji: '👍', count: 1, userIds: [ME] }]);
  });
});

describe('threads', () => {
  test('a live reply is kept apart from roots and bumps the root reply count once', () => {
    const store = newStore();
    store.addHistory('c1', [msg(4, { replyCount: 1 })], false);
    store.addThread('c1', [msg(4, { replyCount: 1 }), msg(5, { threadRootId: 'm4' })]);
    store.applyEvent('c1', 6, { kind: 'message.posted', message: msg(6, { threadRootId: 'm4' }) }, true);
    store.applyEvent('c1', 6, { kind: 'message.posted', message: msg(6, { threadRootId: 'm4' }) }, true); // echo again
    expect(store.message('c1', 'm4')!.replyCount).toBe(2);
    expect(store.replies('c1', 'm4').map((m) => m.id)).toEqual(['m5', 'm6']);
    expect(store.messages('c1').filter((m) => !m.threadRootId).map((m) => m.id)).toEqual(['m4']);
  });

  test('a thread reply is sent with its threadRootId and urgent flag', async () => {
    const store = newStore();
    const seen: unknown[] = [];
    const { box } = outbox(store, async (_c, text, id, options) => {
      seen.push(options);
      return msg(7, { authorId: ME, text, clientMsgId: id, threadRootId: 'm4' });
    });
    box.send('c1', 'reply', { threadRootId: 'm4' });
    box.send('c1', 'plain');
    await flush();
    expect(seen).toEqual([{ threadRootId: 'm4', urgent: undefined }, undefined]);
  });
});

describe('urgent messages', () => {
  test('reminders (attempt > 1) are kept until this person acknowledges; counts follow events', () => {
    const store = newStore();
    store.addHistory('c1', [msg(4, { urgent: true })], false);
    store.urgentNotice('c1', 'm4', 1);
    expect(store.reminders()).toEqual([]); // the first notice comes with the post itself
    store.urgentNotice('c1', 'm4', 2);
    store.urgentNotice('c1', 'm4', 3);
    expect(store.reminders()).toEqual([{ conversationId: 'c1', messageId: 'm4', attempt: 3 }]);
    store.setAcknowledgements('m4', [{ userId: ME }, { userId: 'carol' }]);
    expect(store.acknowledgedByMe('m4')).toBe(false);
    store.applyEvent('c1', 5, { kind: 'message.acknowledged', messageId: 'm4', userId: ME, acknowledgedAt: '2026-11-25T10:02:00Z' }, true);
    expect(store.acknowledgedByMe('m4')).toBe(true);
    expect(store.reminders()).toEqual([]);
    expect(store.acknowledgements('m4')!.filter((a) => a.acknowledgedAt).length).toBe(1);
    store.urgentNotice('c1', 'm4', 4); // a late reminder after acknowledging is ignored
    expect(store.reminders()).toEqual([]);
  });
});

describe('presence and typing', () => {
  test('presence frames replace what is known per person', () => {
    const store = newStore();
    store.setPresence([{ userId: BOB, status: 'available', note: null }]);
    store.setPresence([{ userId: BOB, status: 'away', note: 'In theatre until 3pm' }]);
    expect(store.presence(BOB)).toMatchObject({ status: 'away', note: 'In theatre until 3pm' });
  });

  test('typing shows for 5 s after the last frame, and clears when their message arrives', () => {
    const store = newStore();
    store.noteTyping('c1', BOB, 1000);
    store.noteTyping('c1', ME, 1000); // never show myself
    expect(store.typing('c1', 3000)).toEqual([BOB]);
    expect(store.typing('c1', 6001)).toEqual([]);
    store.noteTyping('c1', BOB, 7000);
    store.applyEvent('c1', 4, { kind: 'message.posted', message: msg(4) }, true);
    expect(store.typing('c1', 7001)).toEqual([]);
  });
});
