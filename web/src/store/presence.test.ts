import { describe, expect, test } from 'vitest';
import { apply, BOB, chatFixture, ME, msg, posted } from '../testing/chatFixture';

describe('presence and typing', () => {
  test('presence frames replace what is known per person', () => {
    const store = chatFixture();
    store.presence.setPresence([{ userId: BOB, status: 'available', note: null }]);
    store.presence.setPresence([{ userId: BOB, status: 'away', note: 'In theatre until 3pm' }]);
    expect(store.presence.presence(BOB)).toMatchObject({ status: 'away', note: 'In theatre until 3pm' });
  });

  test('typing shows for 5 s after the last frame, and clears when their message arrives', () => {
    const store = chatFixture();
    store.presence.noteTyping('c1', BOB, 1000);
    store.presence.noteTyping('c1', ME, 1000); // never show myself
    expect(store.presence.typing('c1', 3000)).toEqual([BOB]);
    expect(store.presence.typing('c1', 6001)).toEqual([]);
    store.presence.noteTyping('c1', BOB, 7000);
    apply(store, 'c1', 4, posted(msg(4)), true);
    expect(store.presence.typing('c1', 7001)).toEqual([]);
  });
});
