import { describe, expect, test, vi } from 'vitest';
import { apply, chatFixture, ME, msg, posted, view } from '../testing/chatFixture';
import type { Message } from '../types';
import type { MessageStore } from './messages';
import { Outbox, type SendOptions } from './outbox';

class NetFail extends Error {}

function outbox(store: MessageStore, post: (c: string, t: string, id: string, options?: SendOptions) => Promise<Message>) {
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

describe('pending sends', () => {
  test('pending → confirmed by the POST answer, then the stream echo adds no duplicate', async () => {
    const store = chatFixture();
    const { box } = outbox(store.messages, async (c, text, id) => msg(4, { authorId: ME, text, clientMsgId: id, conversationId: c }));
    const id = box.send('c1', 'hello');
    expect(store.messages.pendingFor('c1').map((p) => p.clientMsgId)).toEqual([id]);
    await flush();
    expect(store.messages.pendingFor('c1')).toEqual([]);
    apply(store, 'c1', 4, posted(msg(4, { authorId: ME, text: 'hello', clientMsgId: id })), true);
    expect(store.messages.messages('c1').filter((m) => m.text === 'hello').length).toBe(1);
    expect(store.messages.pendingFor('c1')).toEqual([]);
  });

  test('the stream echo arriving before the POST answer confirms the pending send once', async () => {
    const store = chatFixture();
    let answer!: (m: Message) => void;
    const { box } = outbox(store.messages, () => new Promise<Message>((r) => (answer = r)));
    const id = box.send('c1', 'racing');
    const confirmed = msg(4, { authorId: ME, text: 'racing', clientMsgId: id });
    apply(store, 'c1', 4, { kind: 'message.posted', message: view(confirmed) }, true);
    expect(store.messages.pendingFor('c1')).toEqual([]);
    answer(confirmed);
    await flush();
    expect(store.messages.messages('c1').map((m) => m.id)).toEqual(['m4']);
    expect(store.messages.pendingFor('c1')).toEqual([]);
  });

  test('a network failure is retried with the same clientMsgId, with growing delays', async () => {
    const store = chatFixture();
    const seen: string[] = [];
    let failures = 2;
    const { box, timers } = outbox(store.messages, async (_c, text, id) => {
      seen.push(id);
      if (failures-- > 0) throw new NetFail('offline');
      return msg(4, { authorId: ME, text, clientMsgId: id });
    });
    const id = box.send('c1', 'obs done');
    await flush();
    expect(store.messages.pendingFor('c1')[0]).toMatchObject({ state: 'retrying', error: 'offline' });
    timers.shift()!.fn();
    await flush();
    timers.shift()!.fn();
    await flush();
    expect(seen).toEqual([id, id, id]);
    expect(store.messages.pendingFor('c1')).toEqual([]);
    expect(store.messages.messages('c1').map((m) => m.clientMsgId)).toEqual([id]);
  });

  test('retry delays double from 1 s', async () => {
    const store = chatFixture();
    const { box, timers } = outbox(store.messages, async () => {
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
    const store = chatFixture();
    const { box, timers } = outbox(store.messages, async () => {
      throw new Error('text too long');
    });
    box.send('c1', 'x');
    await flush();
    expect(timers).toEqual([]);
    expect(store.messages.pendingFor('c1')[0]).toMatchObject({ state: 'failed', error: 'text too long' });
  });
});

describe('sending order', () => {
  test('messages to one conversation are sent one at a time, in the order they were written', async () => {
    const store = chatFixture();
    const answers: { text: string; answer: (m: Message) => void }[] = [];
    const { box } = outbox(store.messages, (c, text, id) => new Promise<Message>((r) => answers.push({ text, answer: () => r(msg(10 + answers.length, { authorId: ME, text, clientMsgId: id, conversationId: c })) })));
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
    const store = chatFixture();
    const posted: string[] = [];
    let offline = true;
    const { box, timers } = outbox(store.messages, async (c, text, id) => {
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
    expect(store.messages.pendingFor('c1')).toEqual([]);
  });

  test('a refused message does not hold up the next, and other conversations never wait', async () => {
    const store = chatFixture();
    const posted: string[] = [];
    let hold!: () => void;
    const { box } = outbox(store.messages, async (c, text, id) => {
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
    expect(store.messages.pendingFor('c1').map((p) => p.state)).toEqual(['failed', 'sending']);
    hold();
    await flush();
    expect(store.messages.pendingFor('c1').map((p) => p.text)).toEqual(['too long']);
  });
});

describe('threads', () => {
  test('a thread reply is sent with its threadRootId and urgent flag', async () => {
    const store = chatFixture();
    const seen: unknown[] = [];
    const { box } = outbox(store.messages, async (_c, text, id, options) => {
      seen.push(options);
      return msg(7, { authorId: ME, text, clientMsgId: id, threadRootId: 'm4' });
    });
    box.send('c1', 'reply', { threadRootId: 'm4' });
    box.send('c1', 'plain');
    await flush();
    expect(seen).toEqual([{ threadRootId: 'm4', urgent: undefined }, undefined]);
  });
});

describe('files', () => {
  test('uploaded files go with the message, with or without text, and again on a retry', async () => {
    const store = chatFixture();
    const seen: unknown[] = [];
    let failures = 1;
    const { box, timers } = outbox(store.messages, async (_c, text, id, options) => {
      seen.push({ text, options });
      if (failures-- > 0) throw new NetFail('offline');
      return msg(8, { authorId: ME, text, clientMsgId: id });
    });
    box.send('c1', '', { files: ['f1', 'f2'] });
    await flush();
    expect(store.messages.pendingFor('c1')[0].files).toEqual(['f1', 'f2']);
    timers.shift()!.fn();
    await flush();
    expect(seen).toEqual([
      { text: '', options: { threadRootId: undefined, urgent: undefined, files: ['f1', 'f2'] } },
      { text: '', options: { threadRootId: undefined, urgent: undefined, files: ['f1', 'f2'] } },
    ]);
  });
});

describe('unsent messages (the page asks before it is closed)', () => {
  test('a message is unsent from send until the server stores it, through retries', async () => {
    const store = chatFixture();
    let failures = 1;
    const { box, timers } = outbox(store.messages, async (_c, text, id) => {
      if (failures-- > 0) throw new NetFail('offline');
      return msg(4, { authorId: ME, text, clientMsgId: id });
    });
    expect(box.hasUnsent()).toBe(false);
    box.send('c1', 'give 5 mg');
    expect(box.hasUnsent()).toBe(true);
    await flush();
    expect(box.hasUnsent()).toBe(true); // waiting to retry
    timers.shift()!.fn();
    await flush();
    expect(box.hasUnsent()).toBe(false);
  });

  test('a refused message is no longer unsent: it stays on screen marked as failed', async () => {
    const store = chatFixture();
    const { box } = outbox(store.messages, async () => {
      throw new Error('too long');
    });
    box.send('c1', 'x');
    await flush();
    expect(box.hasUnsent()).toBe(false);
    expect(store.messages.pendingFor('c1').map((p) => p.state)).toEqual(['failed']);
  });
});
