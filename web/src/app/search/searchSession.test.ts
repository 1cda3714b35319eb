import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../../api';
import { DEBOUNCE_MS, SearchSession } from './searchSession';
import type { SearchAnswer } from './searchTypes';

/** A manual clock and a server whose answers the test releases one by one. */
function harness() {
  const timers: { fn: () => void; at: number }[] = [];
  let now = 0;
  const calls: { params: URLSearchParams; signal: AbortSignal; resolve: (a: SearchAnswer) => void; reject: (e: unknown) => void }[] = [];
  const session = new SearchSession({
    search: (params, signal) =>
      new Promise((resolve, reject) => {
        calls.push({ params, signal, resolve, reject });
      }),
    setTimer: (fn, ms) => {
      const t = { fn, at: now + ms };
      timers.push(t);
      return t;
    },
    clearTimer: (h) => {
      const i = timers.indexOf(h as (typeof timers)[number]);
      if (i >= 0) timers.splice(i, 1);
    },
    now: () => new Date(2026, 11, 7, 12),
  });
  const advance = (ms: number) => {
    now += ms;
    for (const t of timers.filter((t) => t.at <= now)) {
      timers.splice(timers.indexOf(t), 1);
      t.fn();
    }
  };
  const flush = () => new Promise((r) => setTimeout(r, 0));
  return { session, calls, advance, flush };
}

const hit = (id: string) => ({
  id,
  conversationId: 'c1',
  conversationKind: 'channel' as const,
  seq: 1,
  authorId: 'u1',
  text: `text ${id}`,
  createdAt: '2026-12-07T08:00:00Z',
});

describe('SearchSession', () => {
  it('asks once typing has paused, with the last text only', () => {
    const h = harness();
    h.session.setQuery('b');
    h.advance(100);
    h.session.setQuery('be');
    h.advance(100);
    h.session.setQuery('bed');
    expect(h.calls).toHaveLength(0);
    expect(h.session.status).toBe('loading');
    h.advance(DEBOUNCE_MS);
    expect(h.calls).toHaveLength(1);
    expect(h.calls[0].params.get('q')).toBe('bed');
  });

  it('aborts the older request when the question changes, and ignores its late answer', async () => {
    const h = harness();
    h.session.setQuery('bed');
    h.advance(DEBOUNCE_MS);
    h.session.setQuery('bed 14');
    expect(h.calls[0].signal.aborted).toBe(true);
    h.advance(DEBOUNCE_MS);
    h.calls[1].resolve({ messages: [hit('new')] });
    await h.flush();
    h.calls[0].resolve({ messages: [hit('old')] });
    await h.flush();
    expect(h.session.answer?.messages?.map((m) => m.id)).toEqual(['new']);
    expect(h.session.status).toBe('ready');
  });

  it('asks at once when a filter changes', () => {
    const h = harness();
    h.session.setQuery('bed');
    h.session.setFilters({ hasFile: true });
    h.advance(0);
    expect(h.calls).toHaveLength(1);
    expect(h.calls[0].params.get('has')).toBe('file');
  });

  it('goes back to idle, asking nothing, when the box is emptied', () => {
    const h = harness();
    h.session.setQuery('bed');
    h.advance(DEBOUNCE_MS);
    h.session.setQuery('  ');
    expect(h.calls[0].signal.aborted).toBe(true);
    expect(h.session.status).toBe('idle');
    expect(h.session.answer).toBeNull();
  });

  it("shows the problem's detail when the server refuses the search", async () => {
    const h = harness();
    h.session.setQuery('bed');
    h.advance(DEBOUNCE_MS);
    h.calls[0].reject(new ApiError(400, 'The date "2026-13-01" is not a date.'));
    await h.flush();
    expect(h.session.status).toBe('error');
    expect(h.session.error).toBe('The date "2026-13-01" is not a date.');
    h.session.retry();
    h.advance(0);
    expect(h.calls).toHaveLength(2);
  });

  it('says plainly when the network is down', async () => {
    const h = harness();
    h.session.setQuery('bed');
    h.advance(DEBOUNCE_MS);
    h.calls[0].reject(new NetworkError(new TypeError('offline')));
    await h.flush();
    expect(h.session.error).toMatch(/No connection/);
  });

  it('loads more messages with the cursor and appends them without repeats', async () => {
    const h = harness();
    h.session.setQuery('bed');
    h.advance(DEBOUNCE_MS);
    h.calls[0].resolve({ messages: [hit('a'), hit('b')], nextCursor: 'next1', people: [{ id: 'p', displayName: 'P' }] });
    await h.flush();
    void h.session.loadMore();
    expect(h.session.loadingMore).toBe(true);
    expect(h.calls[1].params.get('cursor')).toBe('next1');
    expect(h.calls[1].params.get('types')).toBe('messages');
    h.calls[1].resolve({ messages: [hit('b'), hit('c')], nextCursor: null });
    await h.flush();
    expect(h.session.answer?.messages?.map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(h.session.answer?.people).toHaveLength(1);
    expect(h.session.answer?.nextCursor).toBeNull();
    expect(h.session.loadingMore).toBe(false);
    void h.session.loadMore(); // no cursor: nothing asked
    expect(h.calls).toHaveLength(2);
  });

  it('drops a page still loading when the question changes', async () => {
    const h = harness();
    h.session.setQuery('bed');
    h.advance(DEBOUNCE_MS);
    h.calls[0].resolve({ messages: [hit('a')], nextCursor: 'n' });
    await h.flush();
    void h.session.loadMore();
    h.session.setQuery('sats');
    expect(h.calls[1].signal.aborted).toBe(true);
    h.calls[1].resolve({ messages: [hit('late')] });
    await h.flush();
    expect(h.session.answer?.messages?.map((m) => m.id)).toEqual(['a']);
  });

  it('asks nothing more once disposed', () => {
    const h = harness();
    h.session.setQuery('bed');
    h.session.dispose();
    h.advance(DEBOUNCE_MS);
    expect(h.calls).toHaveLength(0);
  });
});
