/**
 * In-app toasts for new direct and group messages that arrive while another section or another
 * conversation is on screen: who, a plain-text preview and "Open". They are a courtesy on top of
 * the unread badges, which always count (a muted chat too): a toast that went unseen loses
 * nothing. The rules are one pure function, {@link shouldToast}, tested without a browser.
 */
import { filesSummary } from '../files/fileFormat';
import { notificationBody } from '../../notifications';
import type { Dispatcher } from '../../protocol/dispatch';
import { Observable } from '../../store/observable';
import type { ConversationKind, Message } from '../../types';

/** How long a toast stays (8 s: time to read a two-line preview; hovering or focusing it keeps it). */
export const TOAST_MS = 8000;
/** At most this many at once; an older one gives way (the badges still count it). */
export const MAX_TOASTS = 3;
/** Replayed or delayed messages older than this do not pop up (as desktop notifications). */
export const TOAST_MAX_AGE_MS = 10 * 60_000;

export interface ToastContext {
  meId: string;
  /** The conversation is on screen (its section open and it selected). */
  onScreen: boolean;
  /** Muted by the person (preferences): counted, never popped up. */
  muted: boolean;
  /** My presence is "do not disturb": ordinary messages wait in the badges. */
  dnd: boolean;
  /** The stream is live, not replaying what was missed. */
  live: boolean;
}

export function shouldToast(m: Message, kind: ConversationKind, ctx: ToastContext, now = Date.now()): boolean {
  if (!ctx.live || ctx.onScreen || ctx.muted || ctx.dnd) return false;
  if (kind !== 'direct' && kind !== 'group') return false;
  // Urgent messages have their own alert, which nothing silences.
  if (m.urgent || m.authorId === ctx.meId || m.deletedAt || m.text === undefined) return false;
  return now - Date.parse(m.createdAt) <= TOAST_MAX_AGE_MS;
}

export interface Toast {
  id: string;
  conversationId: string;
  messageId: string;
  threadRootId?: string;
  authorId: string;
  preview: string;
}

export interface ToastHost {
  meId: string;
  kindOf(conversationId: string): ConversationKind | undefined;
  isMuted(conversationId: string): boolean;
  myStatus(): string | undefined;
  live(): boolean;
  /** The conversation shown in the message pane, if any. */
  activeId(): string | null;
  nameOf(userId: string): string | undefined;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class ToastStore extends Observable {
  private list: Toast[] = [];
  private timers = new Map<string, unknown>();
  /** The section of the shell on screen: in Activity no conversation is. */
  private section = 'chat';
  private said = 0;

  constructor(private readonly host: ToastHost) {
    super();
  }

  register(d: Dispatcher): void {
    d.onConversationEvent('message.posted', (e, ctx) => this.posted(ctx.conversationId, e.message));
    d.onConversationEvent('message.deleted', (e) => this.remove((t) => t.messageId === e.messageId));
  }

  setSection(section: string): void {
    this.section = section;
  }

  /** A conversation was opened: its toasts have done their job. */
  opened(conversationId: string | null): void {
    if (conversationId) this.remove((t) => t.conversationId === conversationId);
  }

  toasts(): Toast[] {
    return this.list;
  }

  dismiss(id: string): void {
    this.remove((t) => t.id === id);
  }

  /** Hover or focus keeps a toast; leaving starts its time again. */
  hold(id: string, held: boolean): void {
    this.clear(id);
    if (!held && this.list.some((t) => t.id === id)) this.schedule(id);
  }

  private posted(conversationId: string, m: Message): void {
    const kind = this.host.kindOf(conversationId);
    if (!kind || this.list.some((t) => t.messageId === m.id)) return;
    const ctx: ToastContext = {
      meId: this.host.meId,
      onScreen: this.section !== 'activity' && this.host.activeId() === conversationId,
      muted: this.host.isMuted(conversationId),
      dnd: this.host.myStatus() === 'dnd',
      live: this.host.live(),
    };
    if (!shouldToast(m, kind, ctx)) return;
    const toast: Toast = {
      id: `toast-${m.id}`,
      conversationId,
      messageId: m.id,
      threadRootId: m.threadRootId ?? undefined,
      authorId: m.authorId,
      // A message of files only previews its files.
      preview: notificationBody(m.text ?? '', (id) => this.host.nameOf(id)) || filesSummary(m.files),
    };
    this.push(toast);
  }

  /** A short answer to something the person did here (a card's button, app/bots): shown whatever is on screen. */
  say(t: Omit<Toast, 'id'>): void {
    this.push({ ...t, id: `toast-said-${++this.said}` });
  }

  private push(toast: Toast): void {
    const kept = [...this.list, toast];
    for (const old of kept.slice(0, Math.max(0, kept.length - MAX_TOASTS))) this.clear(old.id);
    this.list = kept.slice(-MAX_TOASTS);
    this.schedule(toast.id);
    this.changed();
  }

  private schedule(id: string): void {
    const setTimer = this.host.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.timers.set(id, setTimer(() => this.dismiss(id), TOAST_MS));
  }

  private clear(id: string): void {
    const h = this.timers.get(id);
    if (h === undefined) return;
    (this.host.clearTimer ?? ((x) => clearTimeout(x as ReturnType<typeof setTimeout>)))(h);
    this.timers.delete(id);
  }

  private remove(which: (t: Toast) => boolean): void {
    const gone = this.list.filter(which);
    if (gone.length === 0) return;
    for (const t of gone) this.clear(t.id);
    this.list = this.list.filter((t) => !which(t));
    this.changed();
  }
}
