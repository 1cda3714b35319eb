import { describe, expect, test, vi } from 'vitest';
import { BOB, chatFixture, direct, fakeSession, ME } from '../../testing/chatFixture';
import { MembersStore } from './membersStore';

function newMembersStore(): MembersStore {
  const { conversations, people } = chatFixture([]);
  return new MembersStore({ remote: {} as never, session: fakeSession(), conversations, people });
}

describe('the members store', () => {
  test('keeps channel members until the conversation is forgotten', () => {
    const s = newMembersStore();
    s.setConversationMembers('c', ['u1', 'u2']);
    expect(s.conversationMembers('c')).toEqual(['u1', 'u2']);
    s.forgetConversation('c');
    expect(s.hasConversationMembers('c')).toBe(false);
  });
});

describe('the kinds the members store applies', () => {
  test('member.added and member.removed: a member list being shown is fetched again; a chat’s people are looked up', async () => {
    const f = chatFixture([direct('g1', 3, { kind: 'group' })]);
    const session = fakeSession();
    const remote = { conversation: vi.fn(async () => ({ id: 'g1', kind: 'group', lastSeq: 4, archived: false, memberIds: [ME, BOB, 'carol'] })) };
    const members = new MembersStore({ remote: remote as never, session, conversations: f.conversations, people: f.people });
    members.register(f.dispatcher);
    f.event('g1', 4, { kind: 'member.added', userId: 'carol', by: BOB });
    expect(remote.conversation).not.toHaveBeenCalled(); // not shown yet
    expect(session.loadPresenceAndPeople).toHaveBeenLastCalledWith([ME, BOB, 'carol']);
    members.setConversationMembers('g1', [ME, BOB]);
    f.event('g1', 5, { kind: 'member.removed', userId: 'carol', by: BOB });
    await vi.waitFor(() => expect(members.conversationMembers('g1')).toEqual([ME, BOB, 'carol']));
  });
});
