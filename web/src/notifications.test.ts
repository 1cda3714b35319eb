import { describe, expect, it, test, vi } from 'vitest';
import { notificationBody, Notifier, shouldNotify, type NotifierHost, type NotifyContext } from './notifications';
import { Dispatcher } from './protocol/dispatch';
import { view } from './testing/chatFixture';
import type { Message } from './types';

const ME = '00000000-0000-4000-8000-000000000001';
const NOW = Date.parse('2026-11-25T12:00:00Z');
const base: NotifyContext = { meId: ME, permission: 'granted', activeConversationId: 'other', windowFocused: true, live: true };
const msg = (over: Partial<Message> = {}): Message => ({
  id: 'm1', conversationId: 'c1', seq: 5, authorId: 'someone', text: 'hello', createdAt: '2026-11-25T11:59:30Z', ...over,
});

describe('shouldNotify', () => {
  it('notifies for direct and group messages and mentions elsewhere, not for plain channel chatter', () => {
    expect(shouldNotify(msg(), 'direct', base, NOW)).toBe(true);
    expect(shouldNotify(msg(), 'group', base, NOW)).toBe(true);
    expect(shouldNotify(msg(), 'channel', base, NOW)).toBe(false);
    expect(shouldNotify(msg({ mentions: [ME] }), 'channel', base, NOW)).toBe(true);
    expect(shouldNotify(msg({ mentionsChannel: true }), 'channel', base, NOW)).toBe(true);
    expect(shouldNotify(msg({ urgent: true }), 'channel', base, NOW)).toBe(true);
  });

  it('stays quiet for the conversation in focus while the window is focused', () => {
    const focused = { ...base, activeConversationId: 'c1' };
    expect(shouldNotify(msg({ mentions: [ME] }), 'direct', focused, NOW)).toBe(false);
    expect(shouldNotify(msg({ urgent: true }), 'direct', focused, NOW)).toBe(false);
    expect(shouldNotify(msg(), 'direct', { ...focused, windowFocused: false }, NOW)).toBe(true);
  });

  it('lets only urgent messages through do-not-disturb', () => {
    const dnd = { ...base, myStatus: 'dnd' };
    expect(shouldNotify(msg(), 'direct', dnd, NOW)).toBe(false);
    expect(shouldNotify(msg({ mentions: [ME] }), 'channel', dnd, NOW)).toBe(false);
    expect(shouldNotify(msg({ urgent: true }), 'group', dnd, NOW)).toBe(true);
  });

  it('never notifies without permission, for my own or deleted messages, during replay, or for old messages', () => {
    expect(shouldNotify(msg(), 'direct', { ...base, permission: 'default' }, NOW)).toBe(false);
    expect(shouldNotify(msg({ authorId: ME }), 'direct', base, NOW)).toBe(false);
    expect(shouldNotify(msg({ deletedAt: '2026-11-25T11:59:50Z', text: undefined }), 'direct', base, NOW)).toBe(false);
    expect(shouldNotify(msg(), 'direct', { ...base, live: false }, NOW)).toBe(false);
    expect(shouldNotify(msg({ createdAt: '2026-11-25T11:00:00Z' }), 'direct', base, NOW)).toBe(false);
  });
});

describe('notificationBody', () => {
  it('shows names for mentions and drops markdown marks', () => {
    const id = '0b0b0b0b-0000-4000-8000-000000000002';
    expect(notificationBody(`**Bed 4** for <@${id}>, see [notes](https://x.test)`, (u) => (u === id ? 'Bob' : undefined))).toBe(
      'Bed 4 for @Bob, see notes',
    );
    expect(notificationBody('x'.repeat(200), () => undefined)).toHaveLength(140);
  });

  it('isolates a right-to-left name so it cannot reorder the text around it', () => {
    const id = '0b0b0b0b-0000-4000-8000-000000000002';
    expect(notificationBody(`for <@${id}> now`, () => 'سارة')).toBe('for @\u2068سارة\u2069 now');
  });
});

describe('what the notifier registers for', () => {
  test('message.posted, message.urgent and ready reach it', () => {
    const d = new Dispatcher();
    const notifier = new Notifier({} as NotifierHost);
    const onMessage = vi.spyOn(notifier, 'onMessage').mockImplementation(() => {});
    const onReminder = vi.spyOn(notifier, 'onUrgentReminder').mockImplementation(() => {});
    notifier.register(d);
    const m = view(msg());
    d.dispatch({ type: 'event', conversationId: 'c1', seq: 5, event: { kind: 'message.posted', message: m } });
    d.dispatch({ type: 'user-event', userSeq: 1, event: { kind: 'message.urgent', conversationId: 'c1', messageId: 'm1', attempt: 2 } });
    expect(onMessage).toHaveBeenCalledWith('c1', m);
    expect(onReminder).toHaveBeenCalledWith('c1', 'm1', 2);
    expect(notifier.live).toBe(false);
    d.dispatch({ type: 'ready', replayed: 0 });
    expect(notifier.live).toBe(true);
  });
});
