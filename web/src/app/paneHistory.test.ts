import { describe, expect, it } from 'vitest';
import { conversationShown, currentPane, threadShown } from './paneHistory';

/** A browser history of entries with states; back() pops as the browser would (without the popstate). */
function fakeHistory() {
  const entries: unknown[] = [null];
  let at = 0;
  const h = {
    get state() {
      return entries[at];
    },
    pushState: (s: unknown) => {
      entries.splice(at + 1);
      entries.push(s);
      at++;
    },
    replaceState: (s: unknown) => {
      entries[at] = s;
    },
    back: () => {
      if (at > 0) at--;
    },
    get length() {
      return entries.length;
    },
  };
  return h as unknown as History & { length: number };
}

describe('pane history', () => {
  it('adds one entry for a conversation opened from the list and one for a thread in it', () => {
    const h = fakeHistory();
    conversationShown('c1', h);
    threadShown('c1', 'r1', h);
    expect(currentPane(h)).toEqual({ conversationId: 'c1', threadRootId: 'r1' });
    expect(h.length).toBe(3);
    h.back();
    expect(currentPane(h)).toEqual({ conversationId: 'c1' });
    h.back();
    expect(currentPane(h)).toBeNull();
  });

  it('replaces the entry when switching conversation or thread, so Back does not walk through all of them', () => {
    const h = fakeHistory();
    conversationShown('c1', h);
    conversationShown('c2', h);
    expect(h.length).toBe(2);
    threadShown('c2', 'r1', h);
    threadShown('c2', 'r2', h);
    expect(h.length).toBe(3);
    expect(currentPane(h)).toEqual({ conversationId: 'c2', threadRootId: 'r2' });
  });

  it('goes back when the thread is closed with its own button, and does nothing when Back already closed it', () => {
    const h = fakeHistory();
    conversationShown('c1', h);
    threadShown('c1', 'r1', h);
    threadShown('c1', null, h);
    expect(currentPane(h)).toEqual({ conversationId: 'c1' });
    threadShown('c1', null, h);
    expect(currentPane(h)).toEqual({ conversationId: 'c1' });
  });

  it('does not add an entry for what is already shown (a Back or Forward the app is following)', () => {
    const h = fakeHistory();
    conversationShown('c1', h);
    conversationShown('c1', h);
    threadShown('c1', 'r1', h);
    conversationShown('c1', h);
    expect(h.length).toBe(3);
  });

  it('marks the entry as the list when a conversation closes without Back (left or removed)', () => {
    const h = fakeHistory();
    conversationShown('c1', h);
    conversationShown(null, h);
    expect(currentPane(h)).toBeNull();
  });

  it('ignores history states the client did not write', () => {
    const h = fakeHistory();
    h.replaceState({ something: 'else' }, '');
    expect(currentPane(h)).toBeNull();
  });
});
