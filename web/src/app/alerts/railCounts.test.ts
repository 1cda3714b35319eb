import { describe, expect, test } from 'vitest';
import { direct } from '../../testing/chatFixture';
import { ackRows, ackSummary } from './acknowledgements';
import { chatUnread, teamsCount, teamsText } from './railCounts';

const channel = (id: string, unreadCount: number, mentionCount: number) => ({ ...direct(id, 9), kind: 'channel' as const, name: id, unreadCount, mentionCount });

describe('rail counts', () => {
  test('Chat counts every unread message of direct and group chats, never channels', () => {
    const list = [direct('d1', 9, { unreadCount: 2 }), direct('g1', 9, { kind: 'group', unreadCount: 3 }), channel('ch', 7, 1)];
    expect(chatUnread(list)).toBe(5);
  });

  test('Teams counts mentions of me and marks channels merely unread with a dot', () => {
    expect(teamsCount([channel('a', 4, 0), channel('b', 2, 1), channel('c', 0, 0), direct('d', 9, { unreadCount: 5, mentionCount: 1 })])).toEqual({
      mentions: 1,
      unreadChannels: 2,
    });
    expect(teamsText({ mentions: 0, unreadChannels: 1 })).toBe(', 1 channel with unread messages');
    expect(teamsText({ mentions: 2, unreadChannels: 3 })).toBe(', 2 mentions of you, 3 channels with unread messages');
    expect(teamsText({ mentions: 0, unreadChannels: 0 })).toBe('');
  });
});

describe('acknowledgement list', () => {
  test('those who acknowledged in the order they did, then those waiting by name', () => {
    const names: Record<string, string> = { a: 'Zara', b: 'Yusuf', c: 'Chloe', d: 'Ben' };
    const rows = ackRows(
      [
        { userId: 'a', acknowledgedAt: '2026-11-25T10:05:00Z' },
        { userId: 'b' },
        { userId: 'c', acknowledgedAt: '2026-11-25T10:02:00Z' },
        { userId: 'd', notifiedCount: 3 },
      ],
      (id) => names[id],
    );
    expect(rows.map((r) => r.name)).toEqual(['Chloe', 'Zara', 'Ben', 'Yusuf']);
    expect(ackSummary([{ userId: 'a', acknowledgedAt: 'x' }, { userId: 'b' }])).toBe('Acknowledged by 1 of 2');
  });
});
