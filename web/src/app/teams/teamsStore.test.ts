import { describe, expect, test, vi } from 'vitest';
import { TeamsStore } from './teamsStore';

const t = (id: string, myRole: 'owner' | 'member' = 'member') => ({ id, name: id, myRole, createdAt: '2026-11-25T10:00:00Z' });

describe('the teams store', () => {
  test('knows my role per team and tells subscribers about every change', () => {
    const s = new TeamsStore();
    const seen = vi.fn();
    s.subscribe(seen);
    expect(s.loaded()).toBe(false);
    s.setTeams([t('a', 'owner'), t('b')]);
    expect(s.loaded()).toBe(true);
    expect(s.isOwner('a')).toBe(true);
    expect(s.isOwner('b')).toBe(false);
    expect(s.isOwner(undefined)).toBe(false);
    expect(seen).toHaveBeenCalledTimes(1);
  });

  test('forgets the members of a team that is gone from the list', () => {
    const s = new TeamsStore();
    s.setTeams([t('a'), t('b')]);
    s.setMembers('a', [{ userId: 'u1', role: 'owner' }]);
    s.setMembers('b', [{ userId: 'u2', role: 'member' }]);
    s.setTeams([t('b')]);
    expect(s.hasMembers('a')).toBe(false);
    expect(s.members('b')).toEqual([{ userId: 'u2', role: 'member' }]);
    s.removeTeam('b');
    expect(s.team('b')).toBeUndefined();
    expect(s.members('b')).toBeUndefined();
  });

  test('keeps channel members until the conversation is forgotten', () => {
    const s = new TeamsStore();
    s.setConversationMembers('c', ['u1', 'u2']);
    expect(s.conversationMembers('c')).toEqual(['u1', 'u2']);
    s.forgetConversation('c');
    expect(s.hasConversationMembers('c')).toBe(false);
  });
});
