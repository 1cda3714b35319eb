/**
 * Test helpers: the session's framework-free state built exactly as the app builds it
 * (createChatState), with REST calls that never reach a network, and frames fed in as the
 * stream client would hand them on. Imported by tests only.
 */
import { vi } from 'vitest';
import type { ConversationEvent, MessageView, UserEvent } from '../protocol/events';
import type { SessionPort } from '../app/sessionPort';
import { createChatState, type ChatRemote, type ChatState } from '../store/chatState';
import type { ConversationSummary, Me, Message } from '../types';

export const ME = 'me-0000';
export const BOB = 'bob-0000';

export const me: Me = { id: ME, email: 'me@test', displayName: 'Me Myself', organisation: { id: 'org', code: 'ORG', name: 'Org' } };

/** REST calls answering nothing, so a test sees which were made. */
export function fakeRemote(): { [K in keyof ChatRemote]: ReturnType<typeof vi.fn> } & ChatRemote {
  return {
    users: vi.fn(async () => []),
    presence: vi.fn(async () => []),
    setPresence: vi.fn(async (status: string, note: string) => ({ userId: ME, status: status as 'busy', note })),
    acknowledgements: vi.fn(async () => []),
    acknowledge: vi.fn(async () => ({ acknowledgedAt: '2026-11-25T10:05:00Z' })),
  };
}

export interface Fixture extends ChatState {
  remote: ReturnType<typeof fakeRemote>;
  timers: { fn: () => void; ms: number }[];
  /** Which conversation counts as focused (on screen, at the bottom, page visible). */
  focused: Set<string>;
  /** A conversation event, as the stream client hands it on once its seq is in order. */
  event(conversationId: string, seq: number, event: ConversationEvent): void;
  userEvent(userSeq: number, event: UserEvent): void;
}

export function chatFixture(conversations: ConversationSummary[] = [direct('c1', 3)]): Fixture {
  const remote = fakeRemote();
  const timers: { fn: () => void; ms: number }[] = [];
  const focused = new Set<string>();
  const state = createChatState(me, remote, {
    isFocused: (id) => focused.has(id),
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    clearTimer: () => {},
  });
  state.conversations.setConversations(conversations);
  return {
    ...state,
    remote,
    timers,
    focused,
    event: (conversationId, seq, event) => state.dispatcher.dispatch({ type: 'event', conversationId, seq, event }),
    userEvent: (userSeq, event) => state.dispatcher.dispatch({ type: 'user-event', userSeq, event }),
  };
}

/** A direct chat between me and Bob, read up to its last seq. */
export function direct(id: string, lastSeq: number, over: Partial<ConversationSummary> = {}): ConversationSummary {
  return { id, kind: 'direct', lastSeq, readSeq: lastSeq, unreadCount: 0, mentionCount: 0, archived: false, memberIds: [ME, BOB], ...over };
}

/** A message by Bob in c1. */
export function msg(seq: number, extra: Partial<Message> = {}): Message {
  return { id: `m${seq}`, conversationId: 'c1', seq, authorId: BOB, text: `text ${seq}`, createdAt: '2026-11-25T10:00:00Z', ...extra };
}

/** The same message as events carry it (every required member present). */
export function view(m: Message): MessageView {
  return {
    clientMsgId: `client-${m.id}`,
    urgent: false,
    mentions: [],
    mentionsChannel: false,
    ...m,
    threadRootId: m.threadRootId ?? undefined,
  } as MessageView;
}

export const posted = (m: Message): ConversationEvent => ({ kind: 'message.posted', message: view(m) });

/** A session that records what feature stores ask of it. */
export function fakeSession(): SessionPort & { dropped: string[]; adopted: string[] } {
  const dropped: string[] = [];
  const adopted: string[] = [];
  return {
    me,
    activeId: null,
    dropped,
    adopted,
    refreshList: vi.fn(async () => {}),
    scheduleListRefresh: vi.fn(),
    adopt: (c) => adopted.push(c.id),
    drop: (id) => dropped.push(id),
    loadPresenceAndPeople: vi.fn(async () => {}),
    sendFrame: vi.fn(() => true),
  };
}

/** One conversation event, with the conversation focused or not, through the dispatcher. */
export function apply(f: Fixture, conversationId: string, seq: number, event: ConversationEvent, focused: boolean): void {
  if (focused) f.focused.add(conversationId);
  else f.focused.delete(conversationId);
  f.event(conversationId, seq, event);
}
