import { describe, expect, test, vi } from 'vitest';
import { Dispatcher } from './dispatch';
import type { ConversationEvent, MessageView } from './events';
import { userEventKinds } from './events.generated';
import { backoffDelay, BACKOFF_MAX_MS, StreamClient, type EventItem, type SocketLike } from './stream';

class FakeSocket implements SocketLike {
  sent: Record<string, unknown>[] = [];
  closed = false;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.closed = true;
  }
  open() {
    this.onopen?.({});
  }
  frame(f: Record<string, unknown>) {
    this.onmessage?.({ data: JSON.stringify(f) });
  }
  serverClose(code: number) {
    this.onclose?.({ code });
  }
}

const posted = (n: number): ConversationEvent => ({ kind: 'message.posted', message: { id: `m${n}`, seq: n } as MessageView });

function harness(opts: { events?: (id: string, after: number, limit: number) => Promise<EventItem[]>; random?: () => number } = {}) {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const applied: [string, number][] = [];
  const states: string[] = [];
  const fetchEvents = vi.fn(opts.events ?? (async () => []));
  const handlers = {
    onEvent: (id: string, seq: number) => applied.push([id, seq]),
    onStateChange: (s: string) => states.push(s),
    onResync: vi.fn(),
    onUserResync: vi.fn(),
    onNotAMember: vi.fn(),
    onUserEvent: vi.fn(),
    onSessionEnded: vi.fn(),
    onReady: vi.fn(),
    onUntracked: vi.fn(),
  };
  // The frames reach the spies through the app's dispatcher, as they reach the stores.
  const dispatcher = new Dispatcher();
  dispatcher.afterConversationEvent((ctx) => handlers.onEvent(ctx.conversationId, ctx.seq));
  for (const kind of userEventKinds) dispatcher.onUserEvent(kind, (event, userSeq) => handlers.onUserEvent(userSeq, event));
  dispatcher.onFrame('resync-required', (f) => handlers.onResync(f.conversationId, f.lastSeq));
  dispatcher.onFrame('user-resync-required', (f) => handlers.onUserResync(f.lastUserSeq));
  dispatcher.onFrame('not-a-member', (f) => handlers.onNotAMember(f.conversationId));
  const client = new StreamClient(
    {
      url: 'ws://test/api/v1/stream',
      createSocket: () => {
        const s = new FakeSocket();
        sockets.push(s);
        return s;
      },
      fetchEvents,
      setTimer: (fn, ms) => {
        timers.push({ fn, ms });
        return timers.length;
      },
      clearTimer: () => {},
      random: opts.random ?? (() => 0.5),
    },
    {
      onFrame: (frame) => dispatcher.dispatch(frame),
      onStateChange: handlers.onStateChange,
      onSessionEnded: handlers.onSessionEnded,
      onReady: handlers.onReady,
      onUntracked: handlers.onUntracked,
    },
  );
  const last = () => sockets[sockets.length - 1];
  return { client, sockets, timers, applied, states, fetchEvents, handlers, last };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('hello and cursors', () => {
  test('hello carries every cursor; userSeq only once known', () => {
    const h = harness();
    h.client.track('a', 41);
    h.client.track('b', 7);
    h.client.start();
    h.last().open();
    expect(h.last().sent[0]).toEqual({ type: 'hello', cursors: { a: 41, b: 7 } });
    h.last().frame({ type: 'user-event', userSeq: 12, event: { kind: 'read.moved', conversationId: 'a', readSeq: 3 } });
    h.last().serverClose(1011);
    h.timers.shift()!.fn();
    h.last().open();
    expect(h.last().sent[0]).toEqual({ type: 'hello', cursors: { a: 41, b: 7 }, userSeq: 12 });
  });

  test('cursor advances with each applied event and is used on reconnect', () => {
    const h = harness();
    h.client.track('a', 1);
    h.client.start();
    h.last().open();
    h.last().frame({ type: 'event', conversationId: 'a', seq: 2, event: posted(2) });
    h.last().frame({ type: 'event', conversationId: 'a', seq: 3, event: posted(3) });
    expect(h.client.cursor('a')).toBe(3);
    h.last().serverClose(1001);
    h.timers.shift()!.fn();
    h.last().open();
    expect(h.last().sent[0]).toMatchObject({ cursors: { a: 3 } });
  });

  test('track never moves a cursor back', () => {
    const h = harness();
    h.client.track('a', 10);
    h.client.track('a', 4);
    expect(h.client.cursor('a')).toBe(10);
    h.client.track('a', 12);
    expect(h.client.cursor('a')).toBe(12);
  });
});

describe('de-duplication by seq', () => {
  test('events at or below the cursor are ignored', () => {
    const h = harness();
    h.client.track('a', 5);
    h.client.start();
    h.last().open();
    for (const seq of [4, 5, 6, 6, 5, 7, 7]) h.last().frame({ type: 'event', conversationId: 'a', seq, event: posted(seq) });
    expect(h.applied).toEqual([
      ['a', 6],
      ['a', 7],
    ]);
    expect(h.fetchEvents).not.toHaveBeenCalled();
  });

  test('a replay after reconnect that overlaps what was seen applies nothing twice', () => {
    const h = harness();
    h.client.track('a', 0);
    h.client.start();
    h.last().open();
    for (let s = 1; s <= 3; s++) h.last().frame({ type: 'event', conversationId: 'a', seq: s, event: posted(s) });
    h.last().serverClose(4008);
    h.timers.shift()!.fn();
    h.last().open();
    for (let s = 1; s <= 5; s++) h.last().frame({ type: 'event', conversationId: 'a', seq: s, event: posted(s) });
    expect(h.applied.map(([, s]) => s)).toEqual([1, 2, 3, 4, 5]);
  });

  test('user events are de-duplicated by userSeq', () => {
    const h = harness();
    h.client.start();
    h.last().open();
    for (const u of [3, 3, 4, 2, 4]) h.last().frame({ type: 'user-event', userSeq: u, event: { kind: 'read.moved' } });
    expect(h.handlers.onUserEvent.mock.calls.map((c) => c[0])).toEqual([3, 4]);
  });
});

describe('gap detection and fill', () => {
  test('a gap is fetched from the events endpoint after the cursor, then applied in order', async () => {
    const h = harness({
      events: async (_id, after) => {
        const items: EventItem[] = [];
        for (let s = after + 1; s <= 9; s++) items.push({ seq: s, event: posted(s) });
        return items;
      },
    });
    h.client.track('a', 5);
    h.client.start();
    h.last().open();
    h.last().frame({ type: 'event', conversationId: 'a', seq: 9, event: posted(9) });
    // While filling, a later event arrives too.
    h.last().frame({ type: 'event', conversationId: 'a', seq: 10, event: posted(10) });
    await flush();
    expect(h.fetchEvents).toHaveBeenCalledWith('a', 5, 500);
    expect(h.applied.map(([, s]) => s)).toEqual([6, 7, 8, 9, 10]);
    expect(h.client.cursor('a')).toBe(10);
  });

  test('gap fill pages through the events endpoint', async () => {
    const h = harness({
      events: async (_id, after) => {
        const items: EventItem[] = [];
        for (let s = after + 1; s <= Math.min(after + 2, 20); s++) items.push({ seq: s, event: posted(s) });
        return items;
      },
    });
    h.client.track('a', 0);
    h.client.start();
    h.last().open();
    h.last().frame({ type: 'event', conversationId: 'a', seq: 7, event: posted(7) });
    await vi.waitFor(() => expect(h.client.cursor('a')).toBe(7));
    expect(h.applied.map(([, s]) => s)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(h.fetchEvents.mock.calls.map((c) => c[1])).toEqual([0, 2, 4]) // seq 7 was buffered: no fetch once 6 is applied;
  });

  test('a failed gap fill resumes from the cursor on a new connection', async () => {
    const h = harness({
      events: async () => {
        throw new TypeError('network');
      },
    });
    h.client.track('a', 2);
    h.client.start();
    h.last().open();
    h.last().frame({ type: 'ready', replayed: 0 });
    h.last().frame({ type: 'event', conversationId: 'a', seq: 5, event: posted(5) });
    await flush();
    expect(h.applied).toEqual([]);
    expect(h.sockets[0].closed).toBe(true);
    expect(h.states.at(-1)).toBe('reconnecting');
    h.timers.shift()!.fn();
    h.last().open();
    expect(h.last().sent[0]).toMatchObject({ cursors: { a: 2 } });
  });

  test('a user-event gap reconnects with the last userSeq', () => {
    const h = harness();
    h.client.start();
    h.last().open();
    h.last().frame({ type: 'user-event', userSeq: 4, event: { kind: 'read.moved' } });
    h.last().frame({ type: 'user-event', userSeq: 6, event: { kind: 'read.moved' } });
    expect(h.handlers.onUserEvent).toHaveBeenCalledTimes(1);
    h.timers.shift()!.fn();
    h.last().open();
    expect(h.last().sent[0]).toMatchObject({ userSeq: 4 });
  });

  test('resync-required resets the cursor to lastSeq and asks for a reload', () => {
    const h = harness();
    h.client.track('a', 3);
    h.client.start();
    h.last().open();
    h.last().frame({ type: 'resync-required', conversationId: 'a', fromSeq: 3, lastSeq: 25100 });
    expect(h.client.cursor('a')).toBe(25100);
    expect(h.handlers.onResync).toHaveBeenCalledWith('a', 25100);
    h.last().frame({ type: 'event', conversationId: 'a', seq: 25101, event: posted(25101) });
    expect(h.applied).toEqual([['a', 25101]]);
  });

  test('user-resync-required sets userSeq to lastUserSeq and asks for a reload', () => {
    const h = harness();
    h.client.start();
    h.last().open();
    h.last().frame({ type: 'user-event', userSeq: 40, event: { kind: 'read.moved' } });
    h.last().frame({ type: 'user-resync-required', fromUserSeq: 40, lastUserSeq: 7 });
    expect(h.client.currentUserSeq()).toBe(7);
    expect(h.handlers.onUserResync).toHaveBeenCalledWith(7);
    h.last().frame({ type: 'user-event', userSeq: 8, event: { kind: 'read.moved' } });
    expect(h.handlers.onUserEvent).toHaveBeenLastCalledWith(8, { kind: 'read.moved' });
  });

  test('not-a-member drops the cursor; conversation.added starts at 0; removed stops tracking', () => {
    const h = harness();
    h.client.track('a', 3);
    h.client.track('b', 3);
    h.client.start();
    h.last().open();
    h.last().frame({ type: 'not-a-member', conversationId: 'a' });
    expect(h.client.cursor('a')).toBeUndefined();
    h.last().frame({ type: 'user-event', userSeq: 1, event: { kind: 'conversation.added', conversation: { id: 'c' } } });
    expect(h.client.cursor('c')).toBe(0);
    h.last().frame({ type: 'user-event', userSeq: 2, event: { kind: 'conversation.removed', conversationId: 'b' } });
    expect(h.client.cursors()).toEqual({ c: 0 });
    h.last().frame({ type: 'event', conversationId: 'b', seq: 4, event: posted(4) });
    expect(h.applied).toEqual([]);
    expect(h.handlers.onUntracked).toHaveBeenCalledWith('b', 4);
  });

  test('unknown kinds still advance the cursor', () => {
    const h = harness();
    h.client.track('a', 0);
    h.client.start();
    h.last().open();
    h.last().frame({ type: 'event', conversationId: 'a', seq: 1, event: { kind: 'something.new' } });
    expect(h.client.cursor('a')).toBe(1);
  });
});

describe('reconnect back-off and state', () => {
  test('delays double from 0.5 s to a 30 s ceiling, with jitter in the upper half', () => {
    expect(backoffDelay(0, () => 0)).toBe(250);
    expect(backoffDelay(0, () => 1)).toBe(500);
    expect(backoffDelay(1, () => 1)).toBe(1000);
    expect(backoffDelay(2, () => 1)).toBe(2000);
    expect(backoffDelay(6, () => 1)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelay(50, () => 1)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelay(50, () => 0)).toBe(BACKOFF_MAX_MS / 2);
    for (let i = 0; i < 100; i++) {
      const d = backoffDelay(3, Math.random);
      expect(d).toBeGreaterThanOrEqual(2000);
      expect(d).toBeLessThanOrEqual(4000);
    }
  });

  test('successive failures wait longer; ready resets the back-off', () => {
    const h = harness({ random: () => 1 });
    h.client.start();
    expect(h.states).toEqual(['connecting']);
    for (let i = 0; i < 4; i++) {
      h.last().serverClose(1006);
      h.timers.at(-1)!.fn();
    }
    expect(h.timers.map((t) => t.ms)).toEqual([500, 1000, 2000, 4000]);
    h.last().open();
    h.last().frame({ type: 'ready', replayed: 0 });
    expect(h.client.getState()).toBe('live');
    h.last().serverClose(1001);
    expect(h.client.getState()).toBe('reconnecting');
    expect(h.timers.at(-1)!.ms).toBe(500);
  });

  test('close 4001 ends the session without reconnecting', () => {
    const h = harness();
    h.client.start();
    h.last().open();
    h.last().frame({ type: 'ready', replayed: 0 });
    h.last().serverClose(4001);
    expect(h.handlers.onSessionEnded).toHaveBeenCalled();
    expect(h.timers).toEqual([]);
    expect(h.client.getState()).toBe('offline');
  });

  test('browser offline closes and waits; online reconnects at once and reports reconnected', () => {
    const h = harness();
    h.client.start();
    h.last().open();
    h.last().frame({ type: 'ready', replayed: 0 });
    expect(h.handlers.onReady).toHaveBeenLastCalledWith(false);
    h.client.setNetworkOnline(false);
    expect(h.client.getState()).toBe('offline');
    expect(h.sockets[0].closed).toBe(true);
    h.client.setNetworkOnline(true);
    expect(h.sockets.length).toBe(2);
    expect(h.client.getState()).toBe('reconnecting');
    h.last().open();
    h.last().frame({ type: 'ready', replayed: 0 });
    expect(h.handlers.onReady).toHaveBeenLastCalledWith(true);
  });

  test('frames from a replaced socket are ignored', () => {
    const h = harness();
    h.client.track('a', 0);
    h.client.start();
    const old = h.last();
    h.client.setNetworkOnline(false);
    h.client.setNetworkOnline(true);
    old.frame({ type: 'event', conversationId: 'a', seq: 1, event: posted(1) });
    expect(h.applied).toEqual([]);
  });
});
