import { describe, expect, test } from 'vitest';
import { apply, BOB, chatFixture, direct, ME, msg, posted } from '../testing/chatFixture';
import { TYPING_SHOW_MS } from './presence';

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

describe('one test per frame and kind the presence store applies', () => {
  test('presence (frame): what others see of a person, note, last activity and expiry included', () => {
    const f = chatFixture();
    const frame = { userId: BOB, status: 'dnd', note: 'Clinic', lastActiveAt: '2026-11-25T10:00:00Z', until: '2026-11-25T17:00:00Z' } as const;
    f.dispatcher.dispatch({ type: 'presence', ...frame });
    expect(f.presence.presence(BOB)).toEqual(frame);
    // The server's revert at the expiry: automatic again, no note, no expiry.
    f.dispatcher.dispatch({ type: 'presence', ...frame, status: 'available', note: null, until: null });
    expect(f.presence.presence(BOB)).toMatchObject({ status: 'available', note: null, until: null });
  });

  test('typing (frame): shown now, and redrawn once it has expired', () => {
    const f = chatFixture();
    const seen: number[] = [];
    f.presence.subscribe(() => seen.push(f.presence.version()));
    f.dispatcher.dispatch({ type: 'typing', conversationId: 'c1', userId: BOB });
    expect(f.presence.typing('c1')).toEqual([BOB]);
    const redraw = f.timers.find((t) => t.ms === TYPING_SHOW_MS + 50)!;
    redraw.fn();
    expect(seen).toHaveLength(2);
  });

  test('message.posted: its author is no longer typing there', () => {
    const f = chatFixture();
    f.presence.noteTyping('c1', BOB);
    apply(f, 'c1', 4, posted(msg(4)), false);
    expect(f.presence.typing('c1')).toEqual([]);
  });

  test('ready (frame): presence is asked for me and the people in my direct and group chats, not channels', async () => {
    const f = chatFixture([direct('c1', 3), direct('ch', 3, { kind: 'channel', memberIds: ['dan'] }), direct('g', 3, { kind: 'group', memberIds: [ME, 'eve'] })]);
    f.dispatcher.dispatch({ type: 'ready', replayed: 0 });
    expect(f.remote.presence).toHaveBeenCalledWith([ME, BOB, 'eve']);
  });
});
