// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { api } from '../api';
import { direct, me, msg, posted } from '../testing/chatFixture';
import { ChatController } from './controller';
import { pinsApi } from './pins/pinsApi';

/** The real session, never started (no socket), with every REST call it makes answered here. */
function session() {
  const calls = {
    conversations: vi.spyOn(api, 'conversations').mockResolvedValue([direct('c1', 3)]),
    messages: vi.spyOn(pinsApi, 'history').mockResolvedValue({ items: [], events: [] }),
    saved: vi.spyOn(pinsApi, 'saved').mockResolvedValue([]),
    pins: vi.spyOn(pinsApi, 'pins').mockResolvedValue([]),
    teams: vi.spyOn(api, 'teams').mockResolvedValue([]),
    activity: vi.spyOn(api, 'activity').mockResolvedValue({ items: [] }),
    markRead: vi.spyOn(api, 'markRead').mockResolvedValue(undefined),
    presence: vi.spyOn(api, 'presence').mockResolvedValue([]),
    users: vi.spyOn(api, 'users').mockResolvedValue([]),
  };
  const chat = new ChatController(me, () => {});
  chat.conversations.setConversations([direct('c1', 3), direct('c2', 3)]);
  return { chat, calls };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('the session', () => {
  test('resync-required for the open conversation: its history is loaded again and the list refreshed', async () => {
    const { chat, calls } = session();
    chat.select('c1');
    await vi.advanceTimersByTimeAsync(0);
    calls.messages.mockClear();
    chat.dispatcher.dispatch({ type: 'resync-required', conversationId: 'c1', fromSeq: 3, lastSeq: 25100 });
    await vi.advanceTimersByTimeAsync(300);
    expect(calls.messages).toHaveBeenCalledWith('c1', undefined, 50);
    expect(calls.conversations).toHaveBeenCalled();
  });

  test('user-resync-required: the list, the teams and the activity feed are fetched again', async () => {
    const { chat, calls } = session();
    chat.dispatcher.dispatch({ type: 'user-resync-required', fromUserSeq: 40, lastUserSeq: 7 });
    await vi.advanceTimersByTimeAsync(300);
    expect(calls.conversations).toHaveBeenCalled();
    expect(calls.teams).toHaveBeenCalled();
    expect(calls.activity).toHaveBeenCalled();
  });

  test('conversation.added: the list is fetched again; conversation.removed of the open one closes it', async () => {
    const { chat, calls } = session();
    chat.select('c2');
    chat.dispatcher.dispatch({
      type: 'user-event',
      userSeq: 1,
      event: { kind: 'conversation.added', conversation: { id: 'c3', kind: 'group', lastSeq: 0, archived: false, createdAt: '2026-11-25T10:00:00Z' } },
    });
    chat.dispatcher.dispatch({ type: 'user-event', userSeq: 2, event: { kind: 'conversation.removed', conversationId: 'c2' } });
    expect(chat.activeId).toBeNull();
    await vi.advanceTimersByTimeAsync(300);
    expect(calls.conversations).toHaveBeenCalled();
  });

  test('a message arriving in the open conversation, looked at and scrolled to the end, is read as it shows', async () => {
    const { chat, calls } = session();
    chat.select('c1');
    await vi.advanceTimersByTimeAsync(0);
    chat.reading.noteVisible('c1', 3);
    chat.dispatcher.dispatch({ type: 'event', conversationId: 'c1', seq: 4, event: posted(msg(4)) });
    expect(chat.conversations.conversation('c1')).toMatchObject({ lastSeq: 4, readSeq: 3, unreadCount: 0 });
    chat.reading.noteVisible('c1', 4);
    expect(calls.markRead).toHaveBeenLastCalledWith('c1', 4);
  });
});
