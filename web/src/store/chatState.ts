/**
 * The framework-free state of one signed-in session: the stores that the stream's events
 * change, each registered with one dispatcher. The session (app/controller.ts) builds it, and
 * so do the tests, so events are applied in tests exactly as in the app.
 */
import { Dispatcher } from '../protocol/dispatch';
import type { Me, Profile } from '../types';
import { ConversationStore } from './conversations';
import { MessageStore } from './messages';
import { PeopleStore } from './people';
import { PresenceStore, type PresenceRemote } from './presence';
import { UrgentStore, type UrgentRemote } from './urgent';

/** The REST calls these stores make themselves. */
export interface ChatRemote extends PresenceRemote, UrgentRemote {
  users(ids: string[]): Promise<Profile[]>;
}

export interface ChatStateOptions {
  /** Whether a conversation is being looked at (the session knows). */
  isFocused?: (conversationId: string) => boolean;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface ChatState {
  dispatcher: Dispatcher;
  conversations: ConversationStore;
  messages: MessageStore;
  people: PeopleStore;
  presence: PresenceStore;
  urgent: UrgentStore;
}

export function createChatState(me: Me, remote: ChatRemote, options: ChatStateOptions = {}): ChatState {
  const dispatcher = new Dispatcher((id) => options.isFocused?.(id) ?? false);
  const messages = new MessageStore(me.id);
  const conversations = new ConversationStore(me.id, messages);
  const people = new PeopleStore(me, {
    lookup: (ids) => remote.users(ids),
    referenced: () => [...conversations.referencedPeople(), ...messages.referencedPeople()],
    setTimer: options.setTimer,
    clearTimer: options.clearTimer,
  });
  const presence = new PresenceStore(me.id, remote, {
    watched: () => [me.id, ...conversations.conversations().flatMap((c) => (c.kind === 'channel' ? [] : c.memberIds))],
    setTimer: options.setTimer,
  });
  const urgent = new UrgentStore(me.id, remote, {
    messageOf: (conversationId, messageId) => messages.message(conversationId, messageId),
    onPeopleReferenced: () => people.lookUpSoon(),
  });
  // The order of registration is the order handlers run for one event. The conversation store
  // comes before the message store: it counts a posted message as unread only while the
  // message store does not hold it yet.
  conversations.register(dispatcher);
  messages.register(dispatcher);
  presence.register(dispatcher);
  urgent.register(dispatcher);
  people.register(dispatcher);
  return { dispatcher, conversations, messages, people, presence, urgent };
}
