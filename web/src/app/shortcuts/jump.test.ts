import { describe, expect, it } from 'vitest';
import type { ConversationSummary, Profile } from '../../types';
import { jumpTargets, neighbour, shortcutFor } from './jump';

const conv = (id: string, kind: ConversationSummary['kind'], lastSeq: number, memberIds: string[], name?: string): ConversationSummary =>
  ({ id, kind, lastSeq, memberIds, name, readSeq: 0, unreadCount: 0, mentionCount: 0, archived: false }) as unknown as ConversationSummary;

const names: Record<string, string> = { bob: 'Dr Bob Adeyemi', chloe: 'Dr Chloe Turner' };
const title = (c: ConversationSummary) => c.name ?? c.memberIds.filter((m) => m !== 'me').map((m) => `\u2068${names[m]}\u2069`).join(', ');
const person = (id: string): Profile => ({ id, displayName: names[id] ?? id, jobTitle: 'Registrar' });

describe('jump to', () => {
  const conversations = [conv('d-bob', 'direct', 5, ['me', 'bob']), conv('g', 'group', 9, ['me', 'bob', 'chloe'], 'Ward 7 handover'), conv('ch', 'channel', 1, [], '# General')];
  it('offers the conversations most recent first when nothing is typed', () => {
    expect(jumpTargets(conversations, title, [], 'me', '').map((t) => t.id)).toEqual(['g', 'd-bob', 'ch']);
  });
  it('matches names typed without the isolates, then people without a direct chat', () => {
    const found = jumpTargets(conversations, title, [person('bob'), person('chloe'), person('me')], 'me', 'dr ');
    expect(found.map((t) => `${t.kind}:${t.id}`)).toEqual(['conversation:d-bob', 'person:chloe']);
    expect(jumpTargets(conversations, title, [], 'me', 'WARD').map((t) => t.id)).toEqual(['g']);
  });
});

describe('moving through the list', () => {
  it('steps and wraps, and starts at an end when nothing is open', () => {
    expect(neighbour(['a', 'b', 'c'], 'a', 1)).toBe('b');
    expect(neighbour(['a', 'b', 'c'], 'c', 1)).toBe('a');
    expect(neighbour(['a', 'b', 'c'], 'a', -1)).toBe('c');
    expect(neighbour(['a', 'b', 'c'], null, 1)).toBe('a');
    expect(neighbour([], null, 1)).toBeNull();
  });
});

describe('keys', () => {
  const k = (key: string, m: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) =>
    shortcutFor({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...m });
  it('knows Ctrl+K, Ctrl+E, Ctrl+G, Ctrl+/, Alt+arrows and nothing else', () => {
    expect(k('k', { ctrlKey: true })).toBe('search');
    expect(k('E', { metaKey: true })).toBe('search');
    expect(k('g', { ctrlKey: true })).toBe('jump');
    expect(k('g', { ctrlKey: true, shiftKey: true })).toBeNull();
    expect(k('/', { ctrlKey: true })).toBe('help');
    expect(k('ArrowUp', { altKey: true })).toBe('previous');
    expect(k('ArrowDown', { altKey: true })).toBe('next');
    expect(k('k')).toBeNull();
    expect(k('ArrowDown')).toBeNull();
    expect(k('b', { ctrlKey: true })).toBeNull();
  });
});
