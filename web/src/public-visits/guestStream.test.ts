import { describe, expect, it, vi } from 'vitest';
import { backoff, GuestStream, guestStreamUrl, type SocketLike } from './guestStream';

class FakeSocket implements SocketLike {
  sent: string[] = [];
  closed = false;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(readonly url: string) {}
  send(d: string) { this.sent.push(d); }
  close() { this.closed = true; }
  receive(f: unknown) { this.onmessage?.({ data: JSON.stringify(f) }); }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const handlers = { onFrame: vi.fn(), onReady: vi.fn(), onEnded: vi.fn(), onState: vi.fn() };
  const stream = new GuestStream(handlers, {
    url: 'wss://confer.example/api/v1/guest/stream',
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    clearTimer: () => {},
    random: () => 0.5,
  });
  return { stream, sockets, timers, handlers };
}

describe('the guest stream', () => {
  it('is the same origin, ws or wss by the page', () => {
    expect(guestStreamUrl({ protocol: 'https:', host: 'h.example:8443' })).toBe('wss://h.example:8443/api/v1/guest/stream');
    expect(guestStreamUrl({ protocol: 'http:', host: 'localhost:18081' })).toBe('ws://localhost:18081/api/v1/guest/stream');
  });

  it('says hello on open, hands frames on, and sends only while open', () => {
    const { stream, sockets, handlers } = setup();
    stream.start();
    expect(stream.send({ type: 'ping' })).toBe(false);
    sockets[0].onopen?.({});
    expect(JSON.parse(sockets[0].sent[0])).toEqual({ type: 'hello', cursors: {} });
    sockets[0].receive({ type: 'ready', replayed: 0 });
    expect(handlers.onReady).toHaveBeenCalledWith(false);
    sockets[0].receive({ type: 'call.admission', callId: 'c1', state: 'admitted' });
    expect(handlers.onFrame).toHaveBeenCalledWith({ type: 'call.admission', callId: 'c1', state: 'admitted' });
    sockets[0].onmessage?.({ data: 'not json' });
    expect(handlers.onFrame).toHaveBeenCalledTimes(1);
    expect(stream.send({ type: 'call.state' })).toBe(true);
  });

  it('reconnects with back-off after a drop, and the next ready says reconnected', () => {
    const { stream, sockets, timers, handlers } = setup();
    stream.start();
    sockets[0].onopen?.({});
    sockets[0].receive({ type: 'ready' });
    sockets[0].onclose?.({ code: 1006 });
    expect(timers).toHaveLength(1);
    expect(timers[0].ms).toBe(backoff(0, () => 0.5));
    timers[0].fn();
    expect(sockets).toHaveLength(2);
    sockets[1].onclose?.({ code: 1006 });
    expect(timers[1].ms).toBeGreaterThan(timers[0].ms);
    timers[1].fn();
    sockets[2].onopen?.({});
    sockets[2].receive({ type: 'ready' });
    expect(handlers.onReady).toHaveBeenLastCalledWith(true);
  });

  it('stops for good when the session ended (4001), and when stopped', () => {
    const a = setup();
    a.stream.start();
    a.sockets[0].onclose?.({ code: 4001 });
    expect(a.handlers.onEnded).toHaveBeenCalled();
    expect(a.timers).toHaveLength(0);

    const b = setup();
    b.stream.start();
    b.stream.stop();
    expect(b.sockets[0].closed).toBe(true);
    expect(b.timers).toHaveLength(0);
    expect(b.handlers.onEnded).not.toHaveBeenCalled();
  });

  it('backs off from about half a second to at most 15 s', () => {
    expect(backoff(0, () => 0)).toBe(250);
    expect(backoff(0, () => 1)).toBe(500);
    expect(backoff(30, () => 1)).toBe(15_000);
  });
});
