import { describe, expect, test } from 'vitest';
import type { ConversationSummary, Team } from '../../types';
import { badgeText, channelUnread, sortMembers, teamTree, teamsOutOfDate } from './teamModel';

const team = (id: string, name: string, myRole: Team['myRole'] = 'member'): Team => ({ id, name, myRole, createdAt: '2026-11-25T10:00:00Z' });

function conv(id: string, over: Partial<ConversationSummary> = {}): ConversationSummary {
  return { id, kind: 'channel', lastSeq: 1, readSeq: 1, unreadCount: 0, mentionCount: 0, archived: false, memberIds: [], ...over };
}

describe('the Teams section', () => {
  test('lists teams by name, each with only its own channels: General first, then by name, archived last', () => {
    const teams = [team('t2', 'ward 7'), team('t1', 'Acute medicine')];
    const conversations = [
      conv('c1', { teamId: 't2', name: 'Rota' }),
      conv('c2', { teamId: 't2', name: 'General' }),
      conv('c3', { teamId: 't2', name: 'Old handover', archived: true }),
      conv('c4', { teamId: 't2', name: 'handover', visibility: 'private' }),
      conv('c5', { teamId: 't1', name: 'General' }),
      conv('d1', { kind: 'direct', memberIds: ['me', 'bob'] }),
      conv('g1', { kind: 'group', name: 'Rota', memberIds: ['me', 'a', 'b'] }),
    ];
    const tree = teamTree(teams, conversations);
    expect(tree.map((e) => e.team.name)).toEqual(['Acute medicine', 'ward 7']);
    expect(tree[0].channels.map((c) => c.id)).toEqual(['c5']);
    expect(tree[1].channels.map((c) => c.id)).toEqual(['c2', 'c4', 'c1', 'c3']);
  });

  test('adds up unread and mention counts per team, and over all channels for the rail', () => {
    const conversations = [
      conv('c1', { teamId: 't1', name: 'General', unreadCount: 3, mentionCount: 1 }),
      conv('c2', { teamId: 't1', name: 'Rota', unreadCount: 2 }),
      conv('c3', { teamId: 't2', name: 'General', unreadCount: 4, mentionCount: 2 }),
      conv('d1', { kind: 'direct', unreadCount: 7, memberIds: ['me', 'bob'] }),
    ];
    const tree = teamTree([team('t1', 'A'), team('t2', 'B')], conversations);
    expect(tree.map((e) => [e.unreadCount, e.mentionCount])).toEqual([
      [5, 1],
      [4, 2],
    ]);
    expect(channelUnread(conversations)).toBe(9);
  });

  test('a team whose channels have not arrived yet is still listed, with none', () => {
    const tree = teamTree([team('t1', 'New team', 'owner')], []);
    expect(tree).toHaveLength(1);
    expect(tree[0].channels).toEqual([]);
  });

  test('the teams are fetched again when a channel of an unknown team arrives or a known team has no channel left', () => {
    const known = [team('t1', 'A')];
    expect(teamsOutOfDate(known, [conv('c1', { teamId: 't1', name: 'General' })])).toBe(false);
    expect(teamsOutOfDate(known, [conv('c1', { teamId: 't1' }), conv('c2', { teamId: 't2' })])).toBe(true);
    expect(teamsOutOfDate(known, [conv('d1', { kind: 'direct' })])).toBe(true);
    expect(teamsOutOfDate([], [conv('g1', { kind: 'group' })])).toBe(false);
  });

  test('badge text for screen readers says how many are unread and how many mention me', () => {
    expect(badgeText(0, 0)).toBe('');
    expect(badgeText(3, 0)).toBe('3 unread');
    expect(badgeText(3, 1)).toBe('3 unread, 1 mentioning you');
  });

  test('member lists show owners first, then everyone by name, unknown profiles last', () => {
    const names: Record<string, string> = { a: 'alice Moreno', b: 'Bob Adeyemi', d: 'Dan Kowalski', h: 'Hannah Price' };
    const rows = [
      { userId: 'h', role: 'member' },
      { userId: 'x', role: 'member' },
      { userId: 'd', role: 'owner' },
      { userId: 'b', role: 'member' },
      { userId: 'a', role: 'owner' },
    ];
    expect(sortMembers(rows, (id) => names[id]).map((r) => r.userId)).toEqual(['a', 'd', 'b', 'h', 'x']);
    expect(sortMembers([{ userId: 'h' }, { userId: 'b' }], (id) => names[id]).map((r) => r.userId)).toEqual(['b', 'h']);
  });
});
