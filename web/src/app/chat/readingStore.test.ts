import { describe, expect, test, vi } from 'vitest';
import { apply, chatFixture, direct, msg, posted } from '../../testing/chatFixture';
import { ReadingStore } from './readingStore';

function readingFixture(activeId: string | null) {
  const f = chatFixture([direct('c1', 3, { readSeq: 1, unreadCount: 2 })]);
  const onRead = vi.fn();
  const reading = new ReadingStore({ conversations: f.conversations, messages: f.messages, activeId: () => activeId, isVisible: () => true, onRead });
  reading.register(f.dispatcher);
  return { f, reading, onRead };
}

describe('the reading store', () => {
  test('a conversation is focused when it is open, visible and scrolled to the newest message', () => {
    const { reading } = readingFixture('c1');
    expect(reading.isFocused('c1')).toBe(true);
    expect(reading.isFocused('c2')).toBe(false);
    reading.viewAtBottom = false;
    expect(reading.isFocused('c1')).toBe(false);
  });

  test('what has been on screen moves the read marker, never back', () => {
    const { f, reading, onRead } = readingFixture('c1');
    f.messages.addHistory('c1', [msg(2), msg(3)], false);
    reading.noteVisible('c1', 2);
    reading.noteVisible('c1', 1);
    expect(onRead.mock.calls).toEqual([['c1', 2]]);
    expect(f.conversations.conversation('c1')).toMatchObject({ readSeq: 2, unreadCount: 1 });
  });

  test('message.posted in focus: read as it shows, up to the conversation end once the newest was seen', () => {
    const { f, reading, onRead } = readingFixture('c1');
    f.messages.addHistory('c1', [msg(3)], false);
    reading.noteVisible('c1', 3);
    apply(f, 'c1', 4, posted(msg(4, { threadRootId: 'm3' })), true);
    expect(onRead).toHaveBeenLastCalledWith('c1', 4);
    apply(f, 'c1', 5, posted(msg(5)), false);
    expect(onRead).toHaveBeenCalledTimes(2);
  });
});
