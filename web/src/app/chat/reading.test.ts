import { describe, expect, it } from 'vitest';
import type { Message } from '../../types';
import { firstUnread, reachesReadMarker, readMarkerFor } from './reading';

const m = (seq: number, over: Partial<Message> = {}): Message => ({
  id: `m${seq}`, conversationId: 'c', seq, authorId: 'ann', text: `message ${seq}`, createdAt: '2026-11-25T10:00:00Z', ...over,
});

describe('firstUnread', () => {
  it('is the oldest message after the read marker by someone else', () => {
    expect(firstUnread([m(1), m(2), m(3), m(4)], 2, 'me')?.seq).toBe(3);
  });

  it('skips my own, deleted and thread-reply messages, and is null when all is read', () => {
    const list = [m(1), m(2, { authorId: 'me' }), m(3, { deletedAt: '2026-11-25T10:01:00Z' }), m(4, { threadRootId: 'm1' }), m(5)];
    expect(firstUnread(list, 1, 'me')?.seq).toBe(5);
    expect(firstUnread(list, 5, 'me')).toBeNull();
    expect(firstUnread([], 0, 'me')).toBeNull();
  });
});

describe('reachesReadMarker', () => {
  it('needs older pages until the message after the marker is loaded', () => {
    expect(reachesReadMarker([m(71), m(72)], 60, true)).toBe(false);
    expect(reachesReadMarker([m(61), m(62)], 60, true)).toBe(true);
    expect(reachesReadMarker([m(71)], 60, false)).toBe(true);
    expect(reachesReadMarker([], 0, true)).toBe(false);
  });
});

describe('readMarkerFor', () => {
  it('moves to the seen message, or to the last seq once the newest was seen, never back', () => {
    expect(readMarkerFor(50, 120, 125, 40)).toBe(50);
    expect(readMarkerFor(120, 120, 125, 40)).toBe(125);
    expect(readMarkerFor(30, 120, 125, 40)).toBe(40);
  });
});
