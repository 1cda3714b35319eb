/**
 * Reconnecting after a server restart, on the real timers (faked): the back-off keeps growing
 * while the server is down, and "Retry now", the page becoming visible or the network coming
 * back cut the wait short without resetting it.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { StreamClient, type SocketLike } from './stream';

class FakeSocket implements SocketLike {
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  closed = false;
  send() {}
  close() {
    this.closed = true;
  }
}

/** A server that refuses connections until it is "up"; each socket fails or succeeds at once. */
function harness() {
  const sockets: FakeSocket[] = [];
  let up = true;
  const states: string[] = [];
  const client = new StreamClient(
    {
      url: 'ws://test/api/v1/stream',
      createSocket: () => {
        const s = new FakeSocket();
        sockets.push(s);
        // Answer on the next tick, as a browser does.
        setTimeout(() => {
          if (s.closed) return;
          if (up) {
            s.onopen?.({});
            s.onmessage?.({ data: JSON.stringify({ type: 'ready', replayed: 0 }) });
          } else {
            s.onclose?.({ code: 1006 });
          }
        }, 0);
        return s;
      },
      fetchEvents: async () => [],
      random: () => 1, // the top of each back-off step, so the waits are known
    },
    { onStateChange: (s) => states.push(s) },
  );
  return {
    client,
    sockets,
    states,
    down: () => {
      up = false;
      sockets.at(-1)!.onclose?.({ code: 1006 });
    },
    restartServer: () => {
      up = true;
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('reconnect after a server restart', () => {
  test('while the server is down the waits grow; without a nudge the client returns only at the end of the wait', async () => {
    const h = harness();
    h.client.start();
    await vi.advanceTimersByTimeAsync(1);
    expect(h.client.getState()).toBe('live');
    h.down();
    // 0.5 + 1 + 2 + 4 + 8 s: five failed attempts, the sixth waits 16 s.
    await vi.advanceTimersByTimeAsync(500 + 1000 + 2000 + 4000 + 8000 + 5);
    expect(h.sockets.length).toBe(1 + 5);
    expect(h.client.nextRetryAt()! - Date.now()).toBeGreaterThan(15_000);
    h.restartServer();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.client.getState()).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(6_010);
    expect(h.client.getState()).toBe('live');
  });

  test('"Retry now" connects at once, and a failed retry keeps the back-off', async () => {
    const h = harness();
    h.client.start();
    await vi.advanceTimersByTimeAsync(1);
    h.down();
    await vi.advanceTimersByTimeAsync(500 + 1000 + 2000 + 5);
    const before = h.sockets.length;
    // Still down: the retry fails, and the next wait is the next step (8 s), not 0.5 s.
    expect(h.client.retryNow()).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.sockets.length).toBe(before + 1);
    expect(h.client.nextRetryAt()! - Date.now()).toBeGreaterThan(7_000);
    h.restartServer();
    expect(h.client.retryNow()).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.client.getState()).toBe('live');
    expect(h.client.nextRetryAt()).toBeNull();
    // Live: nothing to retry; the back-off starts again from 0.5 s at the next drop.
    expect(h.client.retryNow()).toBe(false);
    h.down();
    expect(h.client.nextRetryAt()! - Date.now()).toBe(500);
  });

  test('a retry while an attempt is under way does not open a second socket', async () => {
    const h = harness();
    h.client.start();
    expect(h.client.retryNow()).toBe(false);
    expect(h.sockets.length).toBe(1);
  });

  test('the network coming back retries at once, even without a preceding offline event', async () => {
    const h = harness();
    h.client.start();
    await vi.advanceTimersByTimeAsync(1);
    h.down();
    await vi.advanceTimersByTimeAsync(500 + 1000 + 2000 + 4000 + 5);
    h.restartServer();
    h.client.setNetworkOnline(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.client.getState()).toBe('live');
  });

  test('a stopped client does not retry', async () => {
    const h = harness();
    h.client.start();
    await vi.advanceTimersByTimeAsync(1);
    h.down();
    h.client.stop();
    expect(h.client.retryNow()).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.sockets.length).toBe(1);
  });
});
