/**
 * Desktop notifications with the Notification API. Permission is asked only when the person
 * presses the button for it (never on page load). Which messages notify is one pure function,
 * {@link shouldNotify}, so the rules are tested without a browser.
 */
import { filesSummary } from './app/files/fileFormat';
import type { Dispatcher } from './protocol/dispatch';
import type { ConversationKind, Message } from './types';
import { isolate } from './text/isolate';

export type Permission = 'default' | 'granted' | 'denied' | 'unsupported';

export interface NotifyContext {
  meId: string;
  permission: Permission;
  /** The conversation on screen, if any. */
  activeConversationId: string | null;
  /** The window has focus and the page is visible. */
  windowFocused: boolean;
  /** My presence: with "dnd" only urgent messages notify. */
  myStatus?: string;
  /** The stream is live (not replaying what was missed while away). */
  live: boolean;
}

/** Replayed or delayed messages older than this do not pop up. */
export const MAX_AGE_MS = 10 * 60_000;

export function shouldNotify(m: Message, kind: ConversationKind, ctx: NotifyContext, now = Date.now()): boolean {
  if (ctx.permission !== 'granted' || !ctx.live) return false;
  if (m.authorId === ctx.meId || m.deletedAt || m.text === undefined) return false;
  if (now - Date.parse(m.createdAt) > MAX_AGE_MS) return false;
  if (ctx.windowFocused && ctx.activeConversationId === m.conversationId) return false;
  if (m.urgent) return true;
  if (ctx.myStatus === 'dnd') return false;
  const mentioned = !!m.mentionsChannel || (m.mentions ?? []).includes(ctx.meId);
  return mentioned || kind === 'direct' || kind === 'group';
}

/** Plain text for a notification body: names for mentions, markdown marks dropped, short. */
export function notificationBody(text: string, nameOf: (id: string) => string | undefined, max = 140): string {
  const plain = text
    .replace(/<@([0-9a-fA-F-]{36})>/g, (_m, id: string) => `@${isolate(nameOf(id.toLowerCase()) ?? 'someone')}`)
    .replace(/```[\s\S]*?```/g, '[code]')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_~`>#]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > max ? plain.slice(0, max - 1).trimEnd() + '…' : plain;
}

export function currentPermission(): Permission {
  if (typeof window === 'undefined' || !('Notification' in window)) return 'unsupported';
  return Notification.permission as Permission;
}

/** Asks the browser; call only from a click. */
export async function requestPermission(): Promise<Permission> {
  if (currentPermission() === 'unsupported') return 'unsupported';
  try {
    return (await Notification.requestPermission()) as Permission;
  } catch {
    return currentPermission();
  }
}

/** Shows one notification; clicking it focuses the window and runs `onClick`. */
export function showNotification(title: string, body: string, tag: string, urgent: boolean, onClick: () => void): void {
  if (currentPermission() !== 'granted') return;
  try {
    const n = new Notification(title, { body, tag, requireInteraction: urgent, silent: false });
    n.onclick = () => {
      window.focus();
      onClick();
      n.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker; there is nothing to show then.
  }
}

/** The slice of the chat controller the notifier needs (kept small so it is easy to fake). */
export interface NotifierHost {
  me: { id: string };
  activeId: string | null;
  store: {
    conversation(id: string): { kind: ConversationKind } | undefined;
    message(conversationId: string, id: string): Message | undefined;
    person(id: string): { displayName: string } | undefined;
    presence(userId: string): { status: string } | undefined;
  };
  titleOf(conversationId: string): string;
  /** The person's settings: desktop notifications off, or the conversation muted (urgent ones notify anyway). */
  quiet?(conversationId: string): boolean;
  openAt(conversationId: string, messageId?: string, threadRootId?: string): void;
}

/** Decides on each live message and urgent reminder, and shows the notification. */
export class Notifier {
  /** False while the stream replays what was missed: nothing old pops up after a reconnect. */
  live = false;

  constructor(private readonly host: NotifierHost) {}

  /** New messages and urgent reminders may notify, once the stream has caught up (ready). */
  register(d: Dispatcher): void {
    d.onConversationEvent('message.posted', (e, ctx) => this.onMessage(ctx.conversationId, e.message));
    d.onUserEvent('message.urgent', (e) => this.onUrgentReminder(e.conversationId, e.messageId, e.attempt));
    d.onFrame('ready', () => {
      this.live = true;
    });
  }

  private context(): NotifyContext {
    return {
      meId: this.host.me.id,
      permission: currentPermission(),
      activeConversationId: this.host.activeId,
      windowFocused: document.hasFocus() && document.visibilityState === 'visible',
      myStatus: this.host.store.presence(this.host.me.id)?.status,
      live: this.live,
    };
  }

  onMessage(conversationId: string, m: Message): void {
    const c = this.host.store.conversation(conversationId);
    if (!c || !shouldNotify(m, c.kind, this.context())) return;
    if (!m.urgent && this.host.quiet?.(conversationId)) return;
    const author = isolate(this.host.store.person(m.authorId)?.displayName ?? 'Someone');
    const where = c.kind === 'direct' ? author : `${author} in ${this.host.titleOf(conversationId)}`;
    const title = m.urgent ? `Urgent: ${where}` : where;
    const body = notificationBody(m.text ?? '', (id) => this.host.store.person(id)?.displayName) || filesSummary(m.files);
    showNotification(title, body, m.id, !!m.urgent, () =>
      this.host.openAt(conversationId, m.id, m.threadRootId ?? undefined),
    );
  }

  /** Urgent reminders (attempt 2 and later; the first notice came with the message). */
  onUrgentReminder(conversationId: string, messageId: string, attempt: number): void {
    const ctx = this.context();
    if (attempt < 2 || ctx.permission !== 'granted' || !ctx.live) return;
    if (ctx.windowFocused && ctx.activeConversationId === conversationId) return;
    const m = this.host.store.message(conversationId, messageId);
    const body = m?.text ? notificationBody(m.text, (id) => this.host.store.person(id)?.displayName) : 'An urgent message is waiting for you.';
    showNotification(`Urgent, reminder ${attempt - 1}: ${this.host.titleOf(conversationId)}`, body, `${messageId}-${attempt}`, true, () =>
      this.host.openAt(conversationId, messageId, m?.threadRootId ?? undefined),
    );
  }
}
