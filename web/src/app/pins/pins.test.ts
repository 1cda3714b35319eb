import { describe, expect, test, vi } from 'vitest';
import { Dispatcher } from '../../protocol/dispatch';
import type { Pin, PinnedMessage, SavedItem } from './pinsApi';
import { PinsStore } from './pinsStore';
import { SavedStore } from './savedStore';
import { lineText, SystemLineStore } from './systemLines';

const message = (id: string, text = 'text'): PinnedMessage => ({
  id,
  conversationId: 'c1',
  seq: 1,
  authorId: 'u1',
  text,
  urgent: false,
  createdAt: '2026-12-06T10:00:00Z',
});
const pin = (id: string): Pin => ({ messageId: id, pinnedBy: 'u2', pinnedAt: '2026-12-06T10:01:00Z', message: message(id) });
const saved = (id: string, conversationId = 'c1'): SavedItem => ({
  conversationId,
  messageId: id,
  savedAt: '2026-12-06T10:02:00Z',
  message: { ...message(id), conversationId },
});
const event = (seq: number, e: object) => ({ type: 'event' as const, conversationId: 'c1', seq, event: e as never });
const userEvent = (userSeq: number, e: object) => ({ type: 'user-event' as const, userSeq, event: e as never });

describe('pins', () => {
  test('message.pinned reloads the list of a conversation; unpinned and deleted take a message off it', async () => {
    let server = [pin('m1')];
    const remote = { pins: vi.fn(async () => server), pin: vi.fn(), unpin: vi.fn() };
    const d = new Dispatcher();
    const store = new PinsStore(remote);
    store.register(d);
    await store.ensure('c1');
    expect(store.isPinned('c1', 'm1')).toBe(true);
    server = [pin('m2'), pin('m1')];
    d.dispatch(event(5, { kind: 'message.pinned', messageId: 'm2', by: 'u2', pinnedAt: '2026-12-06T10:03:00Z' }));
    await vi.waitFor(() => expect(store.pins('c1')?.map((p) => p.messageId)).toEqual(['m2', 'm1']));
    d.dispatch(event(6, { kind: 'message.unpinned', messageId: 'm2', by: 'u2' }));
    expect(store.isPinned('c1', 'm2')).toBe(false);
    d.dispatch(event(7, { kind: 'message.deleted', messageId: 'm1', by: 'u1' }));
    expect(store.pins('c1')).toEqual([]);
  });

  test('an edit of a pinned message changes the text the panel shows', async () => {
    const remote = { pins: vi.fn(async () => [pin('m1')]), pin: vi.fn(), unpin: vi.fn() };
    const d = new Dispatcher();
    const store = new PinsStore(remote);
    store.register(d);
    await store.ensure('c1');
    d.dispatch(
      event(2, {
        kind: 'message.edited',
        message: { ...message('m1', 'corrected'), clientMsgId: 'x', mentions: [], mentionsChannel: false, editedAt: '2026-12-06T11:00:00Z' },
      }),
    );
    expect(store.pins('c1')?.[0].message.text).toBe('corrected');
  });
});

describe('saved messages', () => {
  test('message.saved and message.unsaved from another device change the saved list', async () => {
    let server: SavedItem[] = [];
    const remote = { saved: vi.fn(async () => server), save: vi.fn(), unsave: vi.fn() };
    const d = new Dispatcher();
    const store = new SavedStore(remote);
    store.register(d);
    await store.load();
    server = [saved('m1')];
    d.dispatch(userEvent(1, { kind: 'message.saved', conversationId: 'c1', messageId: 'm1', savedAt: '2026-12-06T10:02:00Z' }));
    expect(store.isSaved('m1')).toBe(true);
    await vi.waitFor(() => expect(store.items()?.length).toBe(1));
    d.dispatch(userEvent(2, { kind: 'message.unsaved', conversationId: 'c1', messageId: 'm1' }));
    expect(store.isSaved('m1')).toBe(false);
    expect(store.items()).toEqual([]);
  });

  test('leaving a conversation drops its saved messages at once', async () => {
    const remote = { saved: vi.fn(async () => [saved('m1', 'c1'), saved('m2', 'c2')]), save: vi.fn(), unsave: vi.fn() };
    const d = new Dispatcher();
    const store = new SavedStore(remote);
    store.register(d);
    await store.load();
    d.dispatch(userEvent(3, { kind: 'conversation.removed', conversationId: 'c1' }));
    expect(store.items()?.map((i) => i.messageId)).toEqual(['m2']);
    expect(store.isSaved('m1')).toBe(false);
  });
});

describe('system lines', () => {
  const names: Record<string, string> = { h: 'Hannah Price', d: 'Dan Kowalski', a: 'Alice Moreno' };
  const nameOf = (id: string) => names[id];

  test('membership and name events become lines, live and from history, once each and in seq order', () => {
    const d = new Dispatcher();
    const store = new SystemLineStore();
    store.register(d);
    d.dispatch(event(9, { kind: 'member.removed', userId: 'a', by: 'a' }));
    store.addHistory('c1', [
      { seq: 4, event: { kind: 'member.removed', userId: 'd', by: 'h' } },
      { seq: 3, event: { kind: 'member.added', userId: 'd', by: 'a' } },
      { seq: 9, event: { kind: 'member.removed', userId: 'a', by: 'a' } },
    ]);
    d.dispatch(event(10, { kind: 'conversation.renamed', name: 'Ward 7 nights', by: 'h' }));
    expect(store.lines('c1').map((l) => lineText(l, nameOf))).toEqual([
      'Alice Moreno added Dan Kowalski',
      'Hannah Price removed Dan Kowalski',
      'Alice Moreno left',
      'Hannah Price renamed the conversation to “Ward 7 nights”',
    ]);
  });

  test('other events make no line', () => {
    const store = new SystemLineStore();
    store.addHistory('c1', [{ seq: 2, event: { kind: 'reaction.added', messageId: 'm', userId: 'a', emoji: '👍' } }]);
    expect(store.lines('c1')).toEqual([]);
  });
});
