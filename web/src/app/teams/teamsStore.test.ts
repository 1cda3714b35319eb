import { describe, expect, test, vi } from 'vitest';
import { chatFixture, fakeSession } from '../../testing/chatFixture';
import { TeamsStore } from './teamsStore';

/** A teams store whose REST calls are never made by these tests. */
function newTeamsStore(): TeamsStore {
  const { conversations, people } = chatFixture([]);
  return new TeamsStore({ remote: {} as never, session: fakeSession(), conversations, people });
}

const t = (id: string, myRole: 'owner' | 'member' = 'member') => ({ id, name: id, myRole, createdAt: '2026-11-25T10:00:00Z' });

describe('the teams store', () => {
  test('knows my role per team and tells subscribers about every change', () => {
    const s = newTeamsStore();
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
    const s = newTeamsStore();
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
});
