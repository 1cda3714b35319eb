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

describe('the kinds the teams store applies', () => {
  const deps = () => {
    const f = chatFixture([]);
    const remote = { teams: vi.fn(async () => [t('a')]), teamMembers: vi.fn(async () => [{ userId: 'u1', role: 'owner' as const }]) };
    const teams = new TeamsStore({ remote: remote as never, session: fakeSession(), conversations: f.conversations, people: f.people });
    teams.register(f.dispatcher);
    return { f, remote, teams };
  };
  const channelOf = (teamId: string) => ({ id: `ch-${teamId}`, kind: 'channel' as const, teamId, name: 'General', visibility: 'standard' as const, lastSeq: 1, archived: false, createdAt: '2026-11-25T10:00:00Z' });

  test('conversation.added of a channel in a team I did not know, and conversation.removed of my last channel there: teams are fetched again', async () => {
    const { f, remote, teams } = deps();
    f.userEvent(1, { kind: 'conversation.added', conversation: channelOf('a') });
    await vi.waitFor(() => expect(teams.loaded()).toBe(true));
    f.userEvent(2, { kind: 'conversation.added', conversation: { ...channelOf('a'), id: 'ch-a-2' } });
    await new Promise((r) => setTimeout(r, 5));
    expect(remote.teams).toHaveBeenCalledTimes(1); // known team: nothing to fetch
    f.userEvent(3, { kind: 'conversation.removed', conversationId: 'ch-a' });
    await new Promise((r) => setTimeout(r, 5));
    expect(remote.teams).toHaveBeenCalledTimes(1); // a channel of the team is left: still in it
    f.userEvent(4, { kind: 'conversation.removed', conversationId: 'ch-a-2' });
    await vi.waitFor(() => expect(remote.teams).toHaveBeenCalledTimes(2));
  });

  test('member.added and member.removed in a standard channel: the team member list shown is fetched again', async () => {
    const { f, remote, teams } = deps();
    f.userEvent(1, { kind: 'conversation.added', conversation: channelOf('a') });
    teams.setMembers('a', []);
    f.event('ch-a', 2, { kind: 'member.added', userId: 'u1', by: 'u0' });
    f.event('ch-a', 3, { kind: 'member.removed', userId: 'u1', by: 'u0' });
    await vi.waitFor(() => expect(teams.members('a')).toEqual([{ userId: 'u1', role: 'owner' }]));
    expect(remote.teamMembers).toHaveBeenCalledTimes(2);
  });
});
