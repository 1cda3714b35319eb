import { describe, expect, it } from 'vitest';
import { flatOptions, messageHash, nextActive, searchGroups } from './searchResults';

describe('searchGroups', () => {
  it('orders the groups and leaves out empty ones', () => {
    const groups = searchGroups({
      files: [{ id: 'f1', name: 'ecg.png', contentType: 'image/png', size: 1, conversationId: 'c', messageId: 'm', createdAt: '' }],
      people: [{ id: 'u1', displayName: 'Sam Lee' }],
      teams: [],
      messages: [],
    });
    expect(groups.map((g) => g.label)).toEqual(['People', 'Files']);
    expect(flatOptions(groups).map((o) => o.key)).toEqual(['p:u1', 'f:f1']);
  });

  it('has nothing without an answer', () => {
    expect(searchGroups(null)).toEqual([]);
  });
});

describe('nextActive', () => {
  it('moves down and up through all options, wrapping at the ends', () => {
    expect(nextActive('ArrowDown', -1, 3)).toBe(0);
    expect(nextActive('ArrowDown', 2, 3)).toBe(0);
    expect(nextActive('ArrowUp', 0, 3)).toBe(2);
    expect(nextActive('ArrowUp', -1, 3)).toBe(2);
    expect(nextActive('Home', 2, 3)).toBe(0);
    expect(nextActive('End', 0, 3)).toBe(2);
  });

  it('ignores other keys and has nothing to move to in an empty list', () => {
    expect(nextActive('a', 1, 3)).toBeNull();
    expect(nextActive('ArrowDown', -1, 0)).toBe(-1);
  });
});

describe('messageHash', () => {
  it('is the link the shell opens, with the thread root for a reply', () => {
    expect(messageHash('c 1', 'm1')).toBe('#/c/c%201/m/m1');
    expect(messageHash('c1', 'r1', 'root')).toBe('#/c/c1/t/root/m/r1');
  });
});
