/**
 * What desktop notifications ask of the session (notifications.ts): who I am, what is open, the
 * stores to describe a message with, my settings, and how to open one. Read lazily, so the
 * notifier always sees the session as it is now. Apart from controller.ts to keep it short.
 */
import type { NotifierHost } from '../notifications';
import type { ChatController } from './controller';

export function notifierHost(chat: ChatController): NotifierHost {
  return {
    me: chat.me,
    get activeId() {
      return chat.activeId;
    },
    store: {
      conversation: (id) => chat.conversations.conversation(id),
      message: (c, id) => chat.messages.message(c, id),
      person: (id) => chat.people.person(id),
      presence: (id) => chat.presence.presence(id),
    },
    titleOf: (id) => {
      const c = chat.conversations.conversation(id);
      return c ? chat.title(c) : 'a conversation';
    },
    quiet: (id) => !chat.preferences.get().desktopNotifications || chat.preferences.isMuted(id),
    openAt: (c, m, t) => void chat.openAt(c, m, t),
  };
}
