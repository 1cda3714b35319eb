import { describe, expect, it } from 'vitest';
import type { Message } from '../../types';
import { seenLine, withMarker } from './receipts';

const msg = (id: string, seq: number, authorId: string, extra: Partial<Message> = {}): Message =>
  ({ id, seq, authorId, conversationId: 'c', createdAt: '2026-12-06T10:00:00Z', text: id, ...extra }) as Message;
const names: Record<string, string> = { bob: 'Bob', chloe: 'Chloe', dan: 'Dan', eve: 'Eve', fay: 'Fay' };
const nameOf = (id: string) => names[id] ?? '…';

describe('seen by', () => {
  const messages = [msg('m1', 1, 'me'), msg('m2', 2, 'bob'), msg('m3', 3, 'me'), msg('r', 4, 'me', { threadRootId: 'm1' })];
  const direct = { kind: 'direct' as const, memberIds: ['me', 'bob'] };
  const group = { kind: 'group' as const, memberIds: ['me', 'bob', 'chloe', 'dan', 'eve', 'fay'] };

  it('is "Seen" under my newest message the other person has read in a direct chat', () => {
    expect(seenLine(direct, messages, { bob: 3 }, 'me', nameOf)).toMatchObject({ messageId: 'm3', text: 'Seen' });
    expect(seenLine(direct, messages, { bob: 2 }, 'me', nameOf)).toMatchObject({ messageId: 'm1', text: 'Seen' });
  });
  it('is nothing before anyone has read, for my own marker, and in a channel', () => {
    expect(seenLine(direct, messages, { bob: 0 }, 'me', nameOf)).toBeNull();
    expect(seenLine(direct, messages, { me: 9 }, 'me', nameOf)).toBeNull();
    expect(seenLine({ kind: 'channel', memberIds: [] }, messages, { bob: 9 }, 'me', nameOf)).toBeNull();
  });
  it('names the readers in a group, shortens a long list, and says everyone', () => {
    expect(seenLine(group, messages, { bob: 3, chloe: 3, dan: 1 }, 'me', nameOf)?.text).toBe('Seen by Bob, Chloe');
    const many = seenLine(group, messages, { bob: 3, chloe: 3, dan: 3, eve: 3 }, 'me', nameOf);
    expect(many?.text).toBe('Seen by Bob, Chloe, Dan and 1 other');
    expect(many?.names).toBe('Bob, Chloe, Dan, Eve');
    expect(seenLine(group, messages, { bob: 9, chloe: 9, dan: 9, eve: 9, fay: 9 }, 'me', nameOf)?.text).toBe('Seen by everyone');
  });
  it('skips a deleted message', () => {
    const deleted = [msg('m1', 1, 'me'), msg('m3', 3, 'me', { deletedAt: '2026-12-06T10:01:00Z' })];
    expect(seenLine(direct, deleted, { bob: 3 }, 'me', nameOf)?.messageId).toBe('m1');
  });
  it('markers only move forward', () => {
    expect(withMarker({ bob: 5 }, 'bob', 3)).toEqual({ bob: 5 });
    expect(withMarker({ bob: 5 }, 'bob', 7)).toEqual({ bob: 7 });
    expect(withMarker({}, 'chloe', 0)).toEqual({ chloe: 0 });
  });
});
