import { afterEach, describe, expect, test, vi } from 'vitest';
import type { ServerFrame } from './events';
import { serverFrameExamples } from './events.generated';
import { readFrame } from './frames';
import { StreamClient, type SocketLike } from './stream';

afterEach(() => vi.restoreAllMocks());

const quiet = () => vi.spyOn(console, 'warn').mockImplementation(() => {});

describe('readFrame', () => {
  test('reads every frame of the catalogue as it is', () => {
    for (const frame of serverFrameExamples) expect(readFrame(JSON.stringify(frame)), frame.type).toEqual(frame);
  });

  test('drops (and logs) what is not JSON or has no type', () => {
    const warned = quiet();
    expect(readFrame('{not json')).toBeNull();
    expect(readFrame('[1,2]')).toBeNull();
    expect(readFrame('{"kind":"ready"}')).toBeNull();
    expect(warned).toHaveBeenCalledTimes(3);
  });

  test('drops frames whose seqs or ids the cursors would rely on are wrong', () => {
    quiet();
    const bad: object[] = [
      { type: 'event', conversationId: 'c', seq: '5', event: { kind: 'message.posted' } },
      { type: 'event', seq: 5, event: { kind: 'message.posted' } },
      { type: 'user-event', userSeq: 1.5, event: { kind: 'read.moved' } },
      { type: 'resync-required', conversationId: 'c', fromSeq: 1 },
      { type: 'user-resync-required', fromUserSeq: 9 },
      { type: 'not-a-member' },
      { type: 'typing', conversationId: 'c' },
      { type: 'presence', status: 'away', note: null, lastActiveAt: null },
    ];
    for (const frame of bad) expect(readFrame(JSON.stringify(frame)), JSON.stringify(frame)).toBeNull();
  });

  test('lets a frame type it does not know through, for the dispatcher to ignore', () => {
    expect(readFrame('{"type":"goodbye"}')).toEqual({ type: 'goodbye' });
  });
});

describe('one bad frame does not stop the stream', () => {
  test('a malformed frame and a failing handler are logged; the frames after them are still applied', () => {
    quiet();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const socket: SocketLike & { open(): void; frame(data: string): void } = {
      send: () => {},
      close: () => {},
      onopen: null,
      onmessage: null,
      onclose: null,
      onerror: null,
      open() {
        this.onopen?.({});
      },
      frame(data) {
        this.onmessage?.({ data });
      },
    };
    const seen: ServerFrame[] = [];
    const client = new StreamClient(
      { url: 'ws://test', createSocket: () => socket, fetchEvents: async () => [], setTimer: () => 0, clearTimer: () => {} },
      {
        onFrame: (f) => {
          if (f.type === 'event' && f.seq === 2) throw new Error('a store bug');
          seen.push(f);
        },
      },
    );
    client.track('c', 0);
    client.start();
    socket.open();
    const posted = (seq: number) => JSON.stringify({ type: 'event', conversationId: 'c', seq, event: { kind: 'conversation.archived', by: 'u' } });
    socket.frame(posted(1));
    socket.frame('{broken');
    socket.frame(posted(2));
    socket.frame(posted(3));
    expect(seen.map((f) => (f.type === 'event' ? f.seq : f.type))).toEqual([1, 3]);
    expect(client.cursor('c')).toBe(3);
    expect(logged).toHaveBeenCalledWith('confer: event handler failed', expect.any(Error));
  });
});
