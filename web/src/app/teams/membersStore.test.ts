import { describe, expect, test } from 'vitest';
import { chatFixture, fakeSession } from '../../testing/chatFixture';
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
