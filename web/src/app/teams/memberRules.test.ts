import { describe, expect, it } from 'vitest';
import { mayAddPeople, mayRemoveOthers } from './memberRules';

const group = { kind: 'group' as const, archived: false, createdBy: 'creator' };

describe('mayRemoveOthers', () => {
  it('lets only the creator of a group chat remove others', () => {
    expect(mayRemoveOthers(group, 'creator', false)).toBe(true);
    expect(mayRemoveOthers(group, 'member', false)).toBe(false);
    expect(mayRemoveOthers(group, 'member', true)).toBe(false);
  });

  it('lets nobody remove people from a group chat whose creator is unknown yet', () => {
    expect(mayRemoveOthers({ kind: 'group', archived: false }, 'member', false)).toBe(false);
  });

  it('lets team owners remove from a private channel and nobody from a standard one', () => {
    expect(mayRemoveOthers({ kind: 'channel', visibility: 'private', archived: false }, 'x', true)).toBe(true);
    expect(mayRemoveOthers({ kind: 'channel', visibility: 'private', archived: false }, 'x', false)).toBe(false);
    expect(mayRemoveOthers({ kind: 'channel', visibility: 'standard', archived: false }, 'x', true)).toBe(false);
  });

  it('lets nobody remove from an archived conversation or a direct chat', () => {
    expect(mayRemoveOthers({ ...group, archived: true }, 'creator', false)).toBe(false);
    expect(mayRemoveOthers({ kind: 'direct', archived: false, createdBy: 'creator' }, 'creator', false)).toBe(false);
  });
});

describe('mayAddPeople', () => {
  it('lets any member add to group chats and private channels that are not archived', () => {
    expect(mayAddPeople({ kind: 'group', archived: false })).toBe(true);
    expect(mayAddPeople({ kind: 'channel', visibility: 'private', archived: false })).toBe(true);
    expect(mayAddPeople({ kind: 'channel', visibility: 'standard', archived: false })).toBe(false);
    expect(mayAddPeople({ kind: 'group', archived: true })).toBe(false);
  });
});
